/** Organisations: one's own, members, invitations, new accounts, password resets, deadlines and reviewers' assignments. */
import { Hono } from 'hono'
import * as orgs from '../../documents/organisations'
import type { Ports } from '../../documents/ports'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

export function orgRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route, created } = apiRoutes(app)
  /** A path id as the stores number rows (from 1); anything else names no row, and is answered as one that does not exist. */
  const idOf = (param: string): number => (/^[1-9]\d{0,14}$/.test(param) ? Number(param) : 0)

  route('GET /api/orgs', async (c) => ({ orgs: await orgs.myOrgs(p, c.get('user')) }))
  route('GET /api/orgs/:id/members', async (c) => orgs.orgMembers(p, c.get('user'), idOf(c.req.param('id'))))

  route('PUT /api/orgs/:id/members/:name', async (c, { role }) => {
    const outcome = await orgs.setOrgMember(p, c.get('user'), idOf(c.req.param('id')), c.req.param('name'), role)
    return outcome.change === 'invited' ? { ok: true, invited: true } : { ok: true, ...(outcome.was ? { was: outcome.was } : {}) }
  })

  route('GET /api/orgs/:id/invitations', async (c) => ({ invitations: await orgs.pendingInvitations(p, c.get('user'), idOf(c.req.param('id'))) }))

  route('DELETE /api/orgs/:id/invitations/:invitation', async (c) => {
    await orgs.withdrawInvitation(p, c.get('user'), idOf(c.req.param('id')), idOf(c.req.param('invitation')))
    return { ok: true }
  })

  route('GET /api/invitations', async (c) => ({ invitations: await orgs.myInvitations(p, c.get('user')) }))

  route('POST /api/invitations/:id', async (c, { accept, role }) => {
    await orgs.answerInvitation(p, c.get('user'), idOf(c.req.param('id')), accept, role)
    return { ok: true }
  })

  created('POST /api/orgs/:id/users', async (c, body) => ({ user: await orgs.addOrgUser(p, c.get('user'), idOf(c.req.param('id')), body) }))

  route('POST /api/orgs/:id/members/:name/password', async (c, { password }) => {
    await orgs.resetPassword(p, c.get('user'), idOf(c.req.param('id')), c.req.param('name'), password)
    return { ok: true }
  })

  route('GET /api/orgs/:id/deadlines', async (c) => ({ deadlines: await orgs.bureauDeadlines(p, c.get('user'), idOf(c.req.param('id'))) }))

  route('PUT /api/orgs/:id/deadlines', async (c, { year, date }) => {
    await orgs.setDeadline(p, c.get('user'), idOf(c.req.param('id')), year, date)
    return { ok: true }
  })

  route('GET /api/orgs/:id/assignments', async (c) => orgs.bureauAssignments(p, c.get('user'), idOf(c.req.param('id'))))

  route('PUT /api/orgs/:id/assignments', async (c, body) => {
    await orgs.assignReviewer(p, c.get('user'), idOf(c.req.param('id')), { department: body.department, reviewer: body.reviewer, assigned: body.assigned !== false })
    return { ok: true }
  })
  return app
}
