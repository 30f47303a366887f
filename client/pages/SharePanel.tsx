/**
 * 共享: who has this document and with what right, roles chosen in
 * Chinese — 编辑 or 只读 (审核 is the bureau's to give); add a person by
 * login name, change or remove a right. Shown to the document's owner
 * (the server enforces it).
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { SHARED_ROLES, type SharedRole } from '@shared/protocol/role'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'

export function SharePanel(props: { docId: string; onClose: () => void }) {
  const [members, { refetch }] = createResource(() => api.members(props.docId).then((r) => r.members))
  createRereadWhenOnline(members, refetch)
  const [error, setError] = createSignal('')
  const [name, setName] = createSignal('')
  const [role, setRole] = createSignal<SharedRole>('editor')
  const set = async (user: string, to: SharedRole | null) => {
    setError('')
    try {
      await api.share(props.docId, user, to)
      await refetch()
      return true
    } catch (e) {
      setError((e as Error).message)
      return false
    }
  }
  const add = async (event: Event) => {
    event.preventDefault()
    const login = name().trim()
    if (!(await set(login, role()))) return
    // The server answers an unknown name as a known one (nobody learns which logins exist by sharing); the list read
    // again tells the owner what it tells them anyway: a 姓名 typed for a login name added nobody.
    if (members()?.some((m) => m.name === login)) setName('')
    else setError(T.shareNobody(login))
  }
  return (
    <div class="share-panel" role="dialog" aria-label={T.share} data-testid="share-panel">
      <h3>{T.share}</h3>
      <Loaded resource={members} what={T.share} retry={refetch}>
        {(loaded) => (
          <table>
            <tbody>
              <For each={loaded()}>
                {(m) => (
                  <tr>
                    <td>{m.displayName}</td>
                    <td class="login">{m.name}</td>
                    <td>
                      <select
                        aria-label={`${m.displayName}的${T.shareRole}`}
                        value={m.role}
                        onChange={async (e) => {
                          const select = e.currentTarget
                          // Refused, the choice goes back to the right the person still has (it stayed on the refused one).
                          if (!(await set(m.name, select.value === '' ? null : (select.value as SharedRole)))) select.value = m.role
                        }}
                      >
                        <For each={SHARED_ROLES}>{(r) => <option value={r}>{T.roleLabel[r]}</option>}</For>
                        <option value="">{T.removeMember}</option>
                      </select>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Loaded>
      <form onSubmit={add}>
        <input value={name()} onInput={(e) => setName(e.currentTarget.value)} placeholder={T.shareUser} aria-label={T.shareUser} required />
        <select aria-label={T.shareRole} value={role()} onChange={(e) => setRole(e.currentTarget.value as SharedRole)}>
          <For each={SHARED_ROLES}>{(r) => <option value={r}>{T.roleLabel[r]}</option>}</For>
        </select>
        <button type="submit" disabled={name().trim() === ''}>{T.addMember}</button>
        <button type="button" onClick={() => props.onClose()}>{T.close}</button>
      </form>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </div>
  )
}
