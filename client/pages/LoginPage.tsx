import { createSignal } from 'solid-js'
import { api } from '../api/http'
import { afterLogin, navigate } from '../router'
import { T } from '../i18n/zh-CN'
import { loggedInAgain, sendPendingLogout } from '../logout'
import { rememberUser } from '../session'

export function LoginPage() {
  const [error, setError] = createSignal('')
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    try {
      // A 退出 left pending (made offline) ends its session first: the login's cookie would leave it unended.
      await sendPendingLogout()
      const { user } = await api.login(String(form.get('name')), String(form.get('password')))
      loggedInAgain()
      rememberUser(user)
      // A link followed while logged out is where the login leads (the app's own pages only: `afterLogin`).
      const back = afterLogin()
      if (back) return navigate(back)
      // A finance reviewer's day starts from the review queue; everyone else's from their documents.
      const reviewer = await api.orgs().then((r) => r.orgs.some((o) => o.kind === 'finance'), () => false)
      navigate(reviewer ? '#/queue' : '#/')
    } catch (e) {
      setError((e as Error).message || T.loginFailed)
    }
  }
  return (
    <main class="login">
      <h1>{T.appName}</h1>
      <form onSubmit={submit}>
        <label>
          {T.userName}
          <input name="name" autocomplete="username" required />
        </label>
        <label>
          {T.password}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{T.login}</button>
        <p class="error" role="alert">{error()}</p>
      </form>
    </main>
  )
}
