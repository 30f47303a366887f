/**
 * The bell's events: a page holding `/api/notifications/events` hears a
 * 报送 meant for its person at once — also when the 报送 went through
 * another instance (PostgreSQL shared, the bus between them) — and only
 * for its person. A change of the bureau's 报送 deadlines or of its
 * reviewers' assignments wakes every open page (on every instance), so that
 * an open document reads its deadline again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from './support/http-session'
import { freshSchema, type TestSchema } from '../support/postgres'
import { DOC_ID, startTestServer, twoInstances, type TestServer } from '../support/test-server'

/** Reads a server-sent event stream as a page's EventSource would, collecting the event names. */
function listen(url: string, cookie: string) {
  const events: string[] = []
  const controller = new AbortController()
  const done = fetch(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, signal: controller.signal })
    .then(async (response) => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      for (let buffered = ''; ; ) {
        const { value, done } = await reader.read()
        if (done) return
        buffered += value
        for (const match of buffered.matchAll(/^event: (\w+)$/gm)) events.push(match[1]!)
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1)
      }
    })
    .catch(() => {})
  return { events, stop: () => (controller.abort(), done) }
}

describe('notification events', () => {
  const servers: TestServer[] = []
  let schema: TestSchema | null = null
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close()
    await schema?.drop()
    schema = null
  })

  it('wake the reviewer’s page on another instance when staff 报送, and not a colleague’s', async () => {
    schema = freshSchema()
    const [a, b] = await twoInstances(schema, servers)
    await a.grant('zhang', 'editor')
    await a.grant('li', 'editor')
    await a.grant('wang', 'reviewer')

    const reviewer = await loginAt(b.server.url, 'wang')
    const colleague = await loginAt(b.server.url, 'li')
    const reviewerPage = listen(`${b.server.url}/api/notifications/events`, reviewer.cookie)
    const colleaguePage = listen(`${b.server.url}/api/notifications/events`, colleague.cookie)
    await expect.poll(() => reviewerPage.events).toEqual(['ready'])
    await expect.poll(() => colleaguePage.events).toEqual(['ready'])

    const staff = await loginAt(a.server.url, 'zhang')
    expect((await staff.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    await expect.poll(() => reviewerPage.events).toEqual(['ready', 'notified'])
    expect((await reviewer.json('/api/notifications')).body.unread).toBe(1)
    expect(colleaguePage.events).toEqual(['ready'])
    await Promise.all([reviewerPage.stop(), colleaguePage.stop()])
  }, 30_000)

  it('wake every open page, on every instance, when the bureau’s 管理员 changes a deadline or an assignment', async () => {
    schema = freshSchema()
    const [a, b] = await twoInstances(schema, servers)
    const { orgs, logins } = a.server.data
    const [chen, zhang, wang] = await Promise.all(['chen', 'zhang', 'wang'].map((name) => logins.addUser(name, `pw-${name}`, name)))
    const department = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(department.id, zhang!.id, 'staff')
    await orgs.setMember(bureau.id, chen!.id, 'admin')
    await orgs.setMember(bureau.id, wang!.id, 'reviewer')

    // 张伟's document open on the other instance, 王芳's page on this one.
    const staffPage = listen(`${b.server.url}/api/notifications/events`, (await loginAt(b.server.url, 'zhang')).cookie)
    const reviewerPage = listen(`${a.server.url}/api/notifications/events`, (await loginAt(a.server.url, 'wang')).cookie)
    await expect.poll(() => [staffPage.events, reviewerPage.events]).toEqual([['ready'], ['ready']])

    const admin = await loginAt(a.server.url, 'chen')
    expect((await admin.json(`/api/orgs/${bureau.id}/deadlines`, 'PUT', { year: 2022, date: '2022-03-31' })).status).toBe(200)
    await expect.poll(() => [staffPage.events, reviewerPage.events]).toEqual([['ready', 'deadlines'], ['ready', 'deadlines']])
    expect((await admin.json(`/api/orgs/${bureau.id}/assignments`, 'PUT', { department: '政法委', reviewer: 'wang', assigned: true })).status).toBe(200)
    await expect.poll(() => staffPage.events).toEqual(['ready', 'deadlines', 'deadlines'])
    // Refused: nothing changed, nobody woken.
    expect((await admin.json(`/api/orgs/${bureau.id}/deadlines`, 'PUT', { year: 2022, date: '三月底' })).status).toBe(400)
    expect((await admin.json(`/api/orgs/${department.id}/deadlines`, 'PUT', { year: 2022, date: '2022-03-31' })).status).toBeGreaterThanOrEqual(400)
    expect((await admin.json(`/api/orgs/${bureau.id}/deadlines`, 'PUT', { year: 2022, date: null })).status).toBe(200)
    await expect.poll(() => staffPage.events).toEqual(['ready', 'deadlines', 'deadlines', 'deadlines'])
    await Promise.all([staffPage.stop(), reviewerPage.stop()])
  }, 30_000)

  it('are for people logged in', async () => {
    const t = await startTestServer()
    servers.push(t)
    expect((await fetch(`${t.server.url}/api/notifications/events`)).status).toBe(401)
  })
})
