/**
 * Invitations to join an organisation, on the document list: an
 * organisation's 管理员 adding an existing account only invites it, and
 * the person joins by accepting here (or declines).
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'

export function Invitations(props: { onJoined: () => void }) {
  const [invitations, { refetch }] = createResource(() => api.invitations().then((r) => r.invitations, () => []))
  const [error, setError] = createSignal('')
  const answer = async (id: number, accept: boolean) => {
    setError('')
    try {
      await api.answerInvitation(id, accept)
      if (accept) props.onJoined()
    } catch (e) {
      setError((e as Error).message)
    }
    await refetch()
  }
  return (
    <Show when={(invitations() ?? []).length > 0}>
      <ul class="invitations" data-testid="invitations">
        <For each={invitations()}>
          {(invitation) => (
            <li>
              <span>{T.invitation(invitation.invitedBy, invitation.org.name, T.orgRoleLabel[invitation.role] ?? invitation.role)}</span>
              <button onClick={() => void answer(invitation.id, true)}>{T.acceptInvitation}</button>
              <button onClick={() => void answer(invitation.id, false)}>{T.declineInvitation}</button>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </Show>
  )
}
