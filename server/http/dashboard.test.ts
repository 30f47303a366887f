/**
 * The bureau's dashboard against a real server: what staff type reaches the
 * bureau's spreadsheet as text, never as a formula; each document's summary
 * is kept in storage and read again only once the document changed.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { loginAt } from '../../test/support/http-session'
import { DOC_ID, startTestServer, type TestServer } from '../../support/test-server'
import { textAt } from '../../support/document-place'
import { writeCells } from '../../test/support/write-cells'
import { replicaOf, updateOf } from '../../test/support/raw-update'
import * as Y from 'yjs'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** 政法委 holding the test document, its staff member zhang, and the 财政局 with reviewer wang. */
/** The document taken through its round as its people would: 张 submits, 王 starts the review and approves. */
async function approvedByTheBureau() {
  const zhang = await loginAt(t.server.url, 'zhang')
  const wang = await loginAt(t.server.url, 'wang')
  for (const [who, action, note] of [[zhang, 'submit', ''], [wang, 'start-review', ''], [wang, 'approve', '经审核，同意通过。']] as const) {
    expect((await who.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action, note })).status).toBe(200)
  }
  return { zhang, wang }
}

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

  it('counts a department’s year once: the approved targets, not an imported copy of the same year, which is named as left out', async () => {
    t = await startTestServer()
    const { zfw } = await bureauWithOneDepartment()
    const { zhang, wang } = await approvedByTheBureau()
    // The same 2022 text imported again into 政法委, changed after the approval.
    const copy = await fetch(`${t.server.url}/api/docs/import?org=${zfw.id}&title=${encodeURIComponent('政法委2022（导入副本）')}`, {
      method: 'POST', headers: { Cookie: zhang.cookie, 'Content-Type': 'application/octet-stream' }, body: Buffer.from(sampleBytes()),
    })
    expect(copy.status).toBe(201)
    const copyId = ((await copy.json()) as { id: string }).id

    const board = (await wang.json('/api/dashboard')).body
    expect(board.rows.map((r: { id: string; inYearTotal: boolean }) => [r.id, r.inYearTotal]).sort()).toEqual([[DOC_ID, true], [copyId, false]].sort())
    expect(board.byYear).toEqual([{ year: '2022', total: 116.4, documents: 1, approved: 1, projectsLeftOut: 0, leftOut: [{ department: '政法委', id: copyId, title: '政法委2022（导入副本）', countedId: DOC_ID, countedTitle: '测试文档' }] }])
    const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
    expect(csv.split('\r\n')[0]).toContain('"计入年度合计"')
    expect(csv.split('\r\n').find((line) => line.includes('导入副本'))).toMatch(/"否（已计“测试文档”）"/)
  })

  it('gives a 自评 its department 总分 and grade, and says how many projects lack 执行数 instead of a bare “—”, also from a summary kept before', async () => {
    t = await startTestServer()
    const { zfw } = await bureauWithOneDepartment()
    const { zhang, wang } = await approvedByTheBureau()
    // A 自评 made from the approved targets: every project has its 预算数, none its 执行数 or 得分 yet.
    const linked = await zhang.json(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'self-evaluation' })
    expect(linked.status).toBe(201)
    // A 自评表 filled in elsewhere: 全年预算数 20, 执行数 20, every indicator at its full 分值 — its 指标 weigh
    // 70 + 20 + 10 and the 执行率 10 more, so its one project's 总分 is 110: no grade, and no department score to average it into.
    const form = readFileSync(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url))
    const imported = await fetch(`${t.server.url}/api/docs/import?org=${zfw.id}`, { method: 'POST', headers: { Cookie: zhang.cookie, 'Content-Type': 'application/octet-stream' }, body: form })
    expect(imported.status).toBe(201)
    const filled = ((await imported.json()) as { id: string }).id

    // The sample's 11 projects each have a 预算数.
    const projects = (await t.server.data.service.model(DOC_ID)).projects.length
    const rowOf = async (id: string) => (await wang.json('/api/dashboard')).body.rows.find((r: { id: string }) => r.id === id)
    expect(projects).toBe(11)
    expect(await rowOf(linked.body.id)).toEqual(expect.objectContaining({ kind: 'self-evaluation', rate: null, missingExecuted: projects, earned: null, grade: null, unscored: projects }))
    expect(await rowOf(filled)).toEqual(expect.objectContaining({ kind: 'self-evaluation', rate: 100, missingExecuted: 0, earned: null, grade: null, unscored: 0, ungraded: 1 }))

    // A summary kept before the department score existed is read again, not shown as “—”; so is one kept before it
    // withheld the grade of a project whose 分值 pass 100, which still reads 110（优）.
    const kept = (await t.server.data.documents.summaries([filled])).get(filled)!
    const { missing: _, unscored: __, earned: ___, grade: ____, ...older } = (kept.summary as { scores: Record<string, unknown> }).scores
    await t.server.data.documents.keepSummary(filled, kept.gen, { ...(kept.summary as object), rules: 2, scores: older })
    expect(await rowOf(filled)).toEqual(expect.objectContaining({ rate: 100, earned: null, grade: null, unscored: 0, ungraded: 1 }))
    const again = (await t.server.data.documents.summaries([filled])).get(filled)!
    const { ungraded: _____, projects: scored, ...graded } = (again.summary as { scores: Record<string, unknown> & { projects: Record<string, unknown>[] } }).scores
    await t.server.data.documents.keepSummary(filled, again.gen, { ...(again.summary as object), rules: 2, scores: { ...graded, earned: 110, grade: '优', projects: scored.map(({ ungraded: _u, ...p }) => ({ ...p, grade: '优' })) } })
    expect(await rowOf(filled)).toEqual(expect.objectContaining({ earned: null, grade: null, ungraded: 1 }))
    const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
    expect(csv.split('\r\n')[0]).toContain('"执行率","未填执行数项目","自评总分","自评等级"')
    const evaluated = csv.split('\r\n').find((line) => line.includes('"绩效自评","100.00%"'))!
    expect(evaluated).toContain('"100.00%","0","",""')
    expect(evaluated.endsWith('"未计入 1 个项目：分值合计超过 100，不评等级"')).toBe(true)
    // A blank 总分 says why in the same column: the projects not scored (or whose 得分 is to be checked).
    const unscored = csv.split('\r\n').find((line) => line.includes('"绩效自评"') && line.includes(`"${projects} 个项目未填执行数"`))!
    expect(unscored.endsWith(`"${projects} 个项目未评分或得分待核对"`)).toBe(true)
    const projectsCsv = await (await fetch(`${t.server.url}/api/dashboard-projects.csv`, { headers: { Cookie: wang.cookie } })).text()
    expect(projectsCsv.split('\r\n').find((line) => line.includes('"100.00%","110.00"'))).toContain('"110.00","分值合计 110，应为 100，不评等级"')
  })

  it('counts every project a 监控’s or 自评’s 执行率 waits for — a 预算数 typed “3000元” read as 0.3 万元, a figure that is no number counted apart — on the page’s rows and in the CSV', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    // 张 types the last project's 预算数 (and 财政资金) with its unit, as the targets' form takes it: 0.30 万元.
    const last = 10
    await writeCells(t, 'zhang', DOC_ID, [[{ project: last, field: 'budgetTotal' }, '3000元'], [{ project: last, field: 'budgetFiscal' }, '3000元']])
    expect((await t.server.data.service.model(DOC_ID)).projects[last]!.budget.total).toBe(0.3)
    const { zhang, wang } = await approvedByTheBureau()
    const monitoring = (await zhang.json(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'monitoring', asOf: '6月' })).body.id as string
    const evaluation = (await zhang.json(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'self-evaluation' })).body.id as string
    const board = async () => (await wang.json('/api/dashboard')).body
    const rowOf = async (id: string) => (await board()).rows.find((r: { id: string }) => r.id === id)
    const csvLine = async (id: string) => {
      const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
      const title = (await rowOf(id)).title as string
      return { header: csv.split('\r\n')[0]!, line: csv.split('\r\n').find((l) => l.includes(`"${title}"`))! }
    }

    // The 自评 as made: none of the 11 has its 全年执行数 — the one whose budget reads “3000元” among them.
    expect(await rowOf(evaluation)).toEqual(expect.objectContaining({ rate: null, missingExecuted: 11, missingBudget: 0, unreadableFunds: 0, unscored: 11 }))

    // The 监控: two 执行数 in 万元, and 350 元 of the last project's 3000 元.
    await writeCells(t, 'zhang', monitoring, [[{ project: 0, field: 'executed' }, '5'], [{ project: 1, field: 'executed' }, '1.5'], [{ project: last, field: 'executed' }, '350元']])
    expect(await rowOf(monitoring)).toEqual(expect.objectContaining({ rate: null, missingExecuted: 8, missingBudget: 0, unreadableFunds: 0 }))
    const projectRow = (await board()).projects.find((p: { id: string; name: string }) => p.id === monitoring && p.name === '政治安全工作经费')
    expect(projectRow).toEqual(expect.objectContaining({ rate: 11.67, unreadable: false }))

    // A 执行数 that is no number and a 全年预算数 emptied: each counted where it is seen, the 执行率 still withheld.
    await writeCells(t, 'zhang', monitoring, [[{ project: 2, field: 'executed' }, '三千块'], [{ project: 3, field: 'budget' }, '']])
    expect(await rowOf(monitoring)).toEqual(expect.objectContaining({ rate: null, missingExecuted: 7, missingBudget: 1, unreadableFunds: 1 }))
    expect((await board()).projects.find((p: { id: string; name: string }) => p.id === monitoring && p.name === '车辆保险费')).toEqual(expect.objectContaining({ rate: null, unreadable: true }))
    const { header, line } = await csvLine(monitoring)
    expect(header).toContain('"执行率","未填执行数项目","自评总分","自评等级","计入年度合计","未填全年预算数项目","资金数字无法读取项目"')
    expect(line).toContain('"运行监控","7 个项目未填执行数；1 个项目未填全年预算数；1 个项目的资金数字无法读取或待核对","7","","","","1","1"')
    const projectsCsv = await (await fetch(`${t.server.url}/api/dashboard-projects.csv`, { headers: { Cookie: wang.cookie } })).text()
    expect(projectsCsv.split('\r\n').find((l) => l.includes('"运行监控"') && l.includes('"车辆保险费"'))).toContain('"数字无法读取或待核对"')

    // A summary kept before these counts is read again, not shown with the project left out.
    const kept = (await t.server.data.documents.summaries([monitoring])).get(monitoring)!
    const { unreadable: _, unbudgeted: __, ...older } = (kept.summary as { scores: Record<string, unknown> }).scores
    await t.server.data.documents.keepSummary(monitoring, kept.gen, { ...(kept.summary as object), rules: 2, scores: older })
    expect(await rowOf(monitoring)).toEqual(expect.objectContaining({ missingExecuted: 7, missingBudget: 1, unreadableFunds: 1 }))
  }, 60_000)

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
    expect(board.byYear).toEqual([expect.objectContaining({ total: left, projectsLeftOut: 1, documents: 1 })])
    const csv = await (await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: wang.cookie } })).text()
    // The total stays a number a spreadsheet adds; what it leaves out is said in a column of its own.
    const [header, row] = csv.split('\r\n')
    expect(row).toContain(`"${left.toFixed(2)}"`)
    expect(header!.endsWith('"预算合计未计入","自评总分未计入"')).toBe(true)
    expect(row!.endsWith('"未计入 1 个项目：预算数未填、无法读出或待核对",""')).toBe(true)
  })

  it('a kept summary read by earlier rules is read again, not shown (one that added a merged 预算数 into its total)', async () => {
    t = await startTestServer()
    await bureauWithOneDepartment()
    const wang = await loginAt(t.server.url, 'wang')
    await wang.json('/api/dashboard')
    const kept = (await t.server.data.documents.summaries([DOC_ID])).get(DOC_ID)!
    const { leftOut: _, rules: __, ...older } = kept.summary as { leftOut: number; rules: number }
    await t.server.data.documents.keepSummary(DOC_ID, kept.gen, { ...older, total: 999 })
    expect((await wang.json('/api/dashboard')).body.rows).toEqual([expect.objectContaining({ id: DOC_ID, total: 116.4, leftOut: 0 })])
    await t.server.data.documents.keepSummary(DOC_ID, kept.gen, { ...(kept.summary as object), rules: 2, total: 999, leftOut: 0 })
    expect((await wang.json('/api/dashboard')).body.rows).toEqual([expect.objectContaining({ id: DOC_ID, total: 116.4 })])
  })
})
