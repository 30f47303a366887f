/**
 * 人员管理: for each organisation one manages (a department or the finance
 * bureau), its members with their roles — change a role, reset a forgotten
 * password, remove someone (asked first) — and adding people: a new
 * account, or someone who already has one, and the invitations not yet
 * answered, to withdraw (`PendingInvitations`); for the bureau, also its
 * 报送截止 (`BureauDeadlines`) and which reviewer reviews which department
 * (`ReviewerAssignments`). The server decides what a 管理员 may do;
 * this page only offers it.
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { api, type OrgMember, type OrgRole } from '../api/http'
import { T } from '../i18n/zh-CN'
import { BureauDeadlines } from './BureauDeadlines'
import { PendingInvitations } from './PendingInvitations'
import { ReviewerAssignments } from './ReviewerAssignments'
import { navigate } from '../router'
import { rememberedUser } from '../session'
import { Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'
import { createOutcome, OutcomeLine } from './outcome'

interface ManagedOrg {
  id: number
  name: string
  kind: 'department' | 'finance'
}

/**
 * The roles an organisation has: a department's staff write, the bureau's reviewers review. The lesser role
 * first: a form's reset goes back to the first option, and with 管理员 first a second invitation sent right
 * after one quietly offered 管理员.
 */
const rolesOf = (org: ManagedOrg): OrgRole[] => [org.kind === 'finance' ? 'reviewer' : 'staff', 'admin']

export function AdminPage() {
  const [orgs, { refetch }] = createResource(() => api.orgs().then(({ orgs }) => orgs.filter((o) => o.role === 'admin')))
  createRereadWhenOnline(orgs, refetch)
  return (
    <main class="account admin">
      <header>
        <button onClick={() => navigate('#/')}>{T.back}</button>
        <h1>{T.admin}</h1>
        <span class="who">{rememberedUser()?.displayName}</span>
      </header>
      <Loaded resource={orgs} what={T.admin} retry={refetch}>
        {(managed) => (
          <Show when={managed().length > 0} fallback={<p class="hint">{T.notAdmin}</p>}>
            <For each={managed()}>
              {(org) => {
                // A reviewer added, or one removed, among the members is offered (or no longer) in 审核分工; someone invited is listed as 待接受.
                const [membersChanged, setMembersChanged] = createSignal(0)
                return (
                  <>
                    <OrgMembers org={org} onChanged={() => setMembersChanged((n) => n + 1)} />
                    <PendingInvitations org={org} membersChanged={membersChanged} />
                    <Show when={org.kind === 'finance'}>
                      <BureauDeadlines org={org} />
                      <ReviewerAssignments org={org} membersChanged={membersChanged} />
                    </Show>
                  </>
                )
              }}
            </For>
          </Show>
        )}
      </Loaded>
    </main>
  )
}

/** `onChanged`: after the members changed (a role, someone added or removed). */
function OrgMembers(props: { org: ManagedOrg; onChanged?: () => void }) {
  const org = props.org
  const [members, { refetch }] = createResource(() => api.orgMembers(org.id).then((r) => r.members))
  createRereadWhenOnline(members, refetch)
  const outcome = createOutcome()
  /** Runs a change, says what happened or why not, and reads the members again. */
  const act = (work: () => Promise<string>) =>
    outcome.attempt(async () => {
      const said = await work()
      await refetch()
      props.onChanged?.()
      return said
    })
  /** A form's submit: its fields by name go to `work`; the form is cleared once the change is made. */
  const submitted = (work: (field: (name: string) => string) => Promise<string>) => (event: Event) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const fields = new Map([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]))
    void act(async () => {
      const said = await work((name) => fields.get(name) ?? '')
      form.reset()
      return said
    })
  }
  const [resetting, setResetting] = createSignal<string | null>(null)
  const [removing, setRemoving] = createSignal<(OrgMember & { reviewsHere?: true }) | null>(null)
  const roleSelect = (name: string, value: OrgRole, onChange?: (role: OrgRole, select: HTMLSelectElement) => void) => (
    <select name={name} aria-label={T.orgRole} onChange={(e) => onChange?.(e.currentTarget.value as OrgRole, e.currentTarget)}>
      {/* `selected` on the option: a select's value set before its options exist is lost. */}
      <For each={rolesOf(org)}>{(role) => <option value={role} selected={role === value}>{T.orgRoleLabel[role]}</option>}</For>
    </select>
  )

  return (
    <section class="org-members" data-testid={`org-${org.id}`}>
      <h2>{org.name} · {T.members}</h2>
      <Loaded resource={members} what={T.members} retry={refetch}>
        {(loaded) => (
          <table>
            <thead>
              <tr><th>{T.displayName}</th><th>{T.loginName}</th><th>{T.orgRole}</th><th /></tr>
            </thead>
            <tbody>
              <For each={loaded()}>
                {(member) => (
                  <tr data-member={member.name}>
                    <td>{member.displayName}</td>
                    <td>{member.name}</td>
                    <td>
                      {roleSelect('role', member.role, (role, select) =>
                        void act(async () => {
                          try {
                            await api.setOrgMember(org.id, member.name, role)
                          } catch (error) {
                            // Refused: the list shows the role the member still has, not the one asked for.
                            select.value = member.role
                            throw error
                          }
                          return T.roleChanged(member.displayName, T.orgRoleLabel[role]!)
                        }),
                      )}
                      <Show when={member.reviewsHere}><span class="hint">{T.reviewsHere}</span></Show>
                    </td>
                    <td class="member-actions">
                      <Show
                        when={resetting() === member.name}
                        fallback={<button class="small" onClick={() => setResetting(member.name)}>{T.resetPassword}</button>}
                      >
                        <form
                          class="inline"
                          onSubmit={submitted(async (field) => {
                            await api.resetPassword(org.id, member.name, field('password'))
                            setResetting(null)
                            return T.passwordReset(member.displayName)
                          })}
                        >
                          <input name="password" type="text" minLength={8} required aria-label={T.newPassword} placeholder={T.newPassword} autocomplete="off" />
                          <button type="submit" class="small">{T.save}</button>
                          <button type="button" class="small" onClick={() => setResetting(null)}>{T.cancel}</button>
                        </form>
                      </Show>
                      <button class="small" onClick={() => setRemoving(member)}>{T.removeFromOrg}</button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Loaded>
      <Show when={removing()}>
        {(member) => (
          <p class="confirm-bar" role="alertdialog">
            {T.confirmRemoveMember(member().displayName, org.name, org.kind, member().reviewsHere === true)}
            <button
              onClick={() => {
                const { name, displayName } = member()
                setRemoving(null)
                void act(async () => {
                  await api.setOrgMember(org.id, name, null)
                  return T.memberRemoved(displayName)
                })
              }}
            >
              {T.removeFromOrg}
            </button>
            <button onClick={() => setRemoving(null)}>{T.cancel}</button>
          </p>
        )}
      </Show>
      <form
        class="add-member"
        data-testid="new-account"
        onSubmit={submitted(async (field) => {
          const { user } = await api.createOrgUser(org.id, { name: field('name'), displayName: field('displayName'), password: field('password'), role: field('role') as OrgRole })
          return T.accountCreated(user.name)
        })}
      >
        <h3>{T.newAccount}</h3>
        <input name="displayName" required maxLength={50} aria-label={T.displayName} placeholder={T.displayName} />
        <input name="name" required pattern="[a-z][a-z0-9._\-]{1,31}" aria-label={T.loginName} placeholder={`${T.loginName}（如 wangfang）`} autocomplete="off" />
        <input name="password" type="text" required minLength={8} aria-label={T.initialPassword} placeholder={T.initialPassword} autocomplete="off" />
        {roleSelect('role', rolesOf(org)[0]!)}
        <button type="submit">{T.newAccount}</button>
      </form>
      <form
        class="add-member"
        data-testid="add-existing"
        onSubmit={submitted(async (field) => {
          const role = field('role') as OrgRole
          const answer = await api.setOrgMember(org.id, field('name'), role)
          if (answer.invited) {
            // The server answers an unknown name as an invitation too (the answer tells no one which names exist), but
            // the invitations it lists name only accounts that exist: one missing there invited nobody.
            const { invitations } = await api.orgInvitations(org.id)
            if (!invitations.some((invitation) => invitation.name === field('name'))) throw new Error(T.noSuchLogin(field('name')))
            return T.memberInvited(field('name'))
          }
          // Someone already a member stays one: the form set their role, and says so (「已添加」 hid a changed role).
          const was = answer.was
          return was === undefined ? T.memberAdded(field('name')) : was === role ? T.memberAlready(field('name'), T.orgRoleLabel[role]!) : T.memberRoleChanged(field('name'), T.orgRoleLabel[was]!, T.orgRoleLabel[role]!)
        })}
      >
        <h3>{T.addExisting}</h3>
        <input name="name" required aria-label={T.loginName} placeholder={T.loginName} autocomplete="off" />
        {roleSelect('role', rolesOf(org)[0]!)}
        <button type="submit">{T.addExisting}</button>
      </form>
      <OutcomeLine outcome={outcome} />
    </section>
  )
}
