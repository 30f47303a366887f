/**
 * 账户设置: one's own 姓名 (shown to others in comments, suggestions and
 * history) and password. A password change ends every other login.
 */
import { createSignal } from 'solid-js'
import { api } from '../api/http'
import { navigate } from '../router'
import { T } from '../i18n/zh-CN'
import { rememberedUser, rememberUser } from '../session'
import { createOutcome, OutcomeLine } from './outcome'

export function AccountPage() {
  const me = rememberedUser()
  const [displayName, setDisplayName] = createSignal(me?.displayName ?? '')
  const [current, setCurrent] = createSignal('')
  const [next, setNext] = createSignal('')
  const [again, setAgain] = createSignal('')
  const outcome = createOutcome()
  const saveName = (event: Event) => {
    event.preventDefault()
    void outcome.attempt(async () => {
      const { user } = await api.setDisplayName(displayName().trim())
      rememberUser(user)
      return T.nameSaved
    })
  }
  const savePassword = (event: Event) => {
    event.preventDefault()
    if (next() !== again()) return outcome.fail(T.passwordsDiffer)
    void outcome.attempt(async () => {
      await api.changePassword(current(), next())
      setCurrent('')
      setNext('')
      setAgain('')
      return T.passwordSaved
    })
  }
  return (
    <main class="account">
      <header>
        <button onClick={() => navigate('#/')}>{T.back}</button>
        <h1>{T.account}</h1>
        <span class="who">{me?.name}</span>
      </header>
      <form onSubmit={saveName}>
        <h2>{T.displayName}</h2>
        <input value={displayName()} onInput={(e) => setDisplayName(e.currentTarget.value)} aria-label={T.displayName} maxLength={50} required />
        <button type="submit">{T.save}</button>
      </form>
      <form onSubmit={savePassword}>
        <h2>{T.changePassword}</h2>
        <input type="password" value={current()} onInput={(e) => setCurrent(e.currentTarget.value)} aria-label={T.currentPassword} placeholder={T.currentPassword} autocomplete="current-password" required />
        <input type="password" value={next()} onInput={(e) => setNext(e.currentTarget.value)} aria-label={T.newPassword} placeholder={T.newPassword} autocomplete="new-password" minLength={8} required />
        <input type="password" value={again()} onInput={(e) => setAgain(e.currentTarget.value)} aria-label={T.newPasswordAgain} placeholder={T.newPasswordAgain} autocomplete="new-password" required />
        <button type="submit">{T.changePassword}</button>
        <p class="hint">{T.passwordHint}</p>
      </form>
      <OutcomeLine outcome={outcome} />
    </main>
  )
}
