/**
 * Invitations to join an organisation, on the document list: an
 * organisation's 管理员 adding an existing account only invites it, and
 * the person joins by accepting here (or declines). What became of the
 * answer is said under the list — also when the list is gone with it: an
 * invitation withdrawn before it was accepted says so, rather than the
 * line vanishing as if the person had joined.
 */
import { createResource, For, Show } from 'solid-js'
import { api, type InvitationView } from '../api/http'
import { T } from '../i18n/zh-CN'
import { createOutcome, OutcomeLine } from './outcome'

export function Invitations(props: { onJoined: () => void }) {
  const [invitations, { refetch }] = createResource(() => api.invitations().then((r) => r.invitations, () => []))
  const outcome = createOutcome()
  /** Answers, says what became of it, and reads the list again: an invitation withdrawn meanwhile leaves it, and the refusal stays said. */
  const answer = (invitation: InvitationView, accept: boolean) =>
    outcome.attempt(async () => {
      try {
        await api.answerInvitation(invitation.id, accept, invitation.role)
      } finally {
        await refetch()
      }
      if (!accept) return T.invitationDeclined(invitation.org.name)
      props.onJoined()
      return T.invitationAccepted(invitation.org.name)
    })
  return (
    <>
      <Show when={(invitations() ?? []).length > 0}>
        <ul class="invitations" data-testid="invitations">
          <For each={invitations()}>
            {(invitation) => (
              <li>
                <span>{T.invitation(invitation.invitedBy, invitation.org.name, T.orgRoleLabel[invitation.role] ?? invitation.role)}</span>
                <button onClick={() => void answer(invitation, true)}>{T.acceptInvitation}</button>
                <button onClick={() => void answer(invitation, false)}>{T.declineInvitation}</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <OutcomeLine outcome={outcome} />
    </>
  )
}
