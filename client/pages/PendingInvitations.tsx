/**
 * 待接受的邀请 on 人员管理: the organisation's invitations not yet answered
 * — whom (姓名 and 登录名, as the members are listed), as what, by whom and
 * when — with 撤回 on each, asked first. A 管理员 who invited the wrong
 * login name, or with the wrong role, withdraws it before it is accepted;
 * the invitee then no longer sees it and cannot accept it. The server
 * decides who may withdraw, and says why not when it refuses.
 */
import { createResource, createSignal, For, Show, type Accessor } from 'solid-js'
import { api, type PendingInvitation } from '../api/http'
import { T } from '../i18n/zh-CN'
import { Loaded } from './loaded'
import { createOutcome, OutcomeLine } from './outcome'
import { createRereadWhenOnline } from './reread-when-online'

/** `membersChanged`: changes when someone was invited (or the members changed) above: the list is read again. */
export function PendingInvitations(props: { org: { id: number; name: string }; membersChanged: Accessor<number> }) {
  const org = props.org
  const [invitations, { refetch }] = createResource(props.membersChanged, () => api.orgInvitations(org.id).then((r) => r.invitations))
  createRereadWhenOnline(invitations, refetch)
  const outcome = createOutcome()
  const [withdrawing, setWithdrawing] = createSignal<PendingInvitation | null>(null)
  const who = (invitation: PendingInvitation) => `${invitation.displayName}（${invitation.name}）`
  const roleLabel = (invitation: PendingInvitation) => T.orgRoleLabel[invitation.role] ?? invitation.role
  /** Withdraws, says so, and reads the list again — also when refused: accepted or declined meanwhile, it is gone. */
  const withdraw = (invitation: PendingInvitation) =>
    outcome.attempt(async () => {
      try {
        await api.withdrawInvitation(org.id, invitation.id)
      } finally {
        await refetch()
      }
      return T.invitationWithdrawn(who(invitation))
    })

  return (
    <section class="org-members pending-invitations" data-testid={`pending-${org.id}`}>
      <h2>{org.name} · {T.pendingInvitations}</h2>
      <p class="hint">{T.pendingInvitationsHint}</p>
      <Loaded resource={invitations} what={T.pendingInvitations} retry={refetch}>
        {(loaded) => (
          <Show when={loaded().length > 0} fallback={<p class="hint">{T.noPendingInvitations}</p>}>
            <table>
              <thead>
                <tr><th>{T.displayName}</th><th>{T.loginName}</th><th>{T.orgRole}</th><th>{T.invitedBy}</th><th>{T.invitedAt}</th><th /></tr>
              </thead>
              <tbody>
                <For each={loaded()}>
                  {(invitation) => (
                    <tr data-invitation={invitation.name}>
                      <td>{invitation.displayName}</td>
                      <td>{invitation.name}</td>
                      <td>{roleLabel(invitation)}</td>
                      <td>{invitation.invitedBy ?? '—'}</td>
                      <td><time>{new Date(invitation.at).toLocaleString('zh-CN')}</time></td>
                      <td><button class="small" onClick={() => setWithdrawing(invitation)}>{T.withdrawInvitation}</button></td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
      <Show when={withdrawing()}>
        {(invitation) => (
          <p class="confirm-bar" role="alertdialog">
            {T.confirmWithdrawInvitation(who(invitation()), org.name, roleLabel(invitation()))}
            <button
              onClick={() => {
                const asked = invitation()
                setWithdrawing(null)
                void withdraw(asked)
              }}
            >
              {T.withdrawInvitation}
            </button>
            <button onClick={() => setWithdrawing(null)}>{T.cancel}</button>
          </p>
        )}
      </Show>
      <OutcomeLine outcome={outcome} />
    </section>
  )
}
