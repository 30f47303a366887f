/**
 * The bureau's dashboard against a real server: what staff type reaches the
 * bureau's spreadsheet as text, never as a formula; each document's summary
 * is kept in storage and read again only once the document changed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from '../../test/support/http-session'
import { DOC_ID, startTestServer, type TestServer } from '../../support/test-server'
import { textAt } from '../../support/document-place'
import { replicaOf, updateOf } from '../../test/support/raw-update'
import * as Y from 'yjs'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** 政法委 holding the test document, its staff member zhang, and the 财政局 with reviewer wang. */
async function bureauWithOneDepartment() {
  const { orgs, logins } = t.server.data
  const [zhang, wang] = await Promise.all(['zhang', 'wang'].map((n) => logins.addUser(n, `pw-${n}`, n.toUpperCase())))
  const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' })
  const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
  await orgs.setDocumentOrg(DOC_ID, zfw.id)
  await orgs.setMember(zfw.id, zhang!.id, 'staff')
  await orgs.setMember(czj.id, wang!.id, 'reviewer')
  await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang!.id }, true)
  return { zfw, czj }
}

describe('dashboard', () => {
  it('a title staff set as a formula reaches the bureau’s spreadsheet as text', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    const zhang = await loginAt(t.server.url, 'zhang')
    const formula = '=HYPERLINK("http://evil.example/x","点此查看")'
    expect((await zhang.json(`/api/docs/${DOC_ID}`, 'PATCH', { title: formula })).status).toBe(200)

    const wang = await loginAt(t.server.url, 'wang')
    const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
    const row = csv.split('\r\n')[1]!
    expect(row.startsWith(`"政法委","'=HYPERLINK(""http://evil.example/x"",""点此查看"")",`)).toBe(true)
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m)
  })

  it('reads each document’s kept summary while it is unchanged, and shows a change at the next call', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    const wang = await loginAt(t.server.url, 'wang')
    const zhang = await loginAt(t.server.url, 'zhang')
    expect((await wang.json('/api/dashboard')).body.rows).toEqual([expect.objectContaining({ id: DOC_ID, status: '编制中' })])
    // The summary is kept in storage, at the document's generation.
    const kept = (await t.server.data.documents.summaries([DOC_ID])).get(DOC_ID)!
    expect(kept.summary).toEqual(expect.objectContaining({ status: expect.objectContaining({ value: '编制中' }), total: 116.4 }))

    expect((await zhang.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    expect((await t.server.data.documents.summaries([DOC_ID])).get(DOC_ID)!.summary).toBeNull()
    const rows = (await wang.json('/api/dashboard')).body.rows
    expect(rows).toEqual([expect.objectContaining({ id: DOC_ID, status: '已报送' })])
    expect(rows[0].lastChange).toBeGreaterThan(0)
  })

  it('a total that leaves a project out says so, on the page’s rows, in 按年度合计 and in the CSV', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    const wang = await loginAt(t.server.url, 'wang')
    const before = (await wang.json('/api/dashboard')).body
    expect(before.rows).toEqual([expect.objectContaining({ id: DOC_ID, total: 116.4, leftOut: 0 })])
    const first = (await t.server.data.service.model(DOC_ID)).projects[0]!.budget.total!

    // Two people retype the first project's 预算数 at once; the merge keeps both figures: "5.007.00".
    await t.server.data.service.changeStored(DOC_ID, (doc) => {
      const [a, b] = [replicaOf(doc), replicaOf(doc)]
      const retype = (figure: string) => (replica: Y.Doc) => {
        const cell = textAt(replica, { project: 0, field: 'budgetTotal' })
        cell.delete(0, cell.length)
        cell.insert(0, figure)
      }
      const updates = [updateOf(a, retype('5.00')), updateOf(b, retype('7.00'))]
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    expect((await t.server.data.service.model(DOC_ID)).projects[0]!.budget.total).toBeNull()

    const left = Math.round((116.4 - first) * 100) / 100
    const board = (await wang.json('/api/dashboard')).body
    expect(board.rows).toEqual([expect.objectContaining({ id: DOC_ID, total: left, leftOut: 1 })])
    expect(board.byYear).toEqual([expect.objectContaining({ total: left, leftOut: 1, documents: 1 })])
    const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
    expect(csv.split('\r\n')[1]).toContain(`"${left.toFixed(2)}（未计入 1 个项目：预算数未填或无法读出）"`)
  })

  it('a kept summary from before it counted the projects a total leaves out is read again', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    const wang = await loginAt(t.server.url, 'wang')
    await wang.json('/api/dashboard')
    const kept = (await t.server.data.documents.summaries([DOC_ID])).get(DOC_ID)!
    const { leftOut: _, ...older } = kept.summary as { leftOut: number }
    await t.server.data.documents.keepSummary(DOC_ID, kept.gen, older)
    expect((await wang.json('/api/dashboard')).body.rows).toEqual([expect.objectContaining({ id: DOC_ID, leftOut: 0 })])
  })
})
