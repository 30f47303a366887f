import { afterEach, describe, expect, it, vi } from 'vitest'
import { metaOf } from '@shared/model/y-document'
import { KINDS } from '@shared/kinds/registry'
import type { LinkedKind } from '@shared/kinds/linked-text'
import { monitoringModel } from '@shared/monitoring/monitoring-model'
import { plannedShare } from '@shared/monitoring/plan-month'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../../support/test-server'
import { writeCells } from '../../test/support/write-cells'
import { loginAt } from '../../test/support/http-session'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** A logged-in HTTP client keeping its session cookie. */
async function login(name: string) {
  const response = await fetch(`${t.server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password: `pw-${name}` }) })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  return async (path: string, method = 'GET', body?: unknown) => {
    const r = await fetch(`${t.server.url}${path}`, { method, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    return { status: r.status, body: (await r.json()) as Record<string, any> }
  }
}

/** The test document with 张 as its editor and 王 as the bureau's reviewer; `approve` takes it through review to 审核通过. */
async function targets() {
  t = await startTestServer()
  await t.grant('zhang', 'editor')
  await t.grant('wang', 'reviewer')
  const [zhang, wang] = [await login('zhang'), await login('wang')]
  const approve = async () => {
    for (const [who, action, note] of [[zhang, 'submit', ''], [wang, 'start-review', ''], [wang, 'approve', '经审核，同意通过。']] as const) {
      expect((await who(`/api/docs/${DOC_ID}/workflow`, 'POST', { action, note })).status).toBe(200)
    }
  }
  return { zhang, wang, approve }
}

describe('POST /api/docs/:id/linked', () => {
  it('refuses (409, in Chinese) before the targets are approved, checks its body, then makes the 监控 and lists it with its kind and source', async () => {
    const { zhang, approve } = await targets()
    const early = await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'monitoring' })
    expect(early.status).toBe(409)
    expect(early.body.error).toEqual({ code: 'linked-source-not-approved', message: '“测试文档”编制中，审核通过后才能新建绩效运行监控' })
    const wrong = await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'targets' })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.message).toMatch(/kind.*monitoring（绩效运行监控）或 self-evaluation（绩效自评）/)

    await approve()
    const made = await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'monitoring', asOf: '6月' })
    expect(made.status).toBe(201)
    expect(made.body).toEqual({ id: expect.any(String), title: '测试文档（绩效运行监控）' })
    const { documents } = (await zhang('/api/docs')).body as { documents: { id: string; kind: string; basedOn: string | null }[] }
    expect(documents.find((d) => d.id === made.body.id)).toMatchObject({ kind: 'monitoring', basedOn: DOC_ID })
    expect(documents.find((d) => d.id === DOC_ID)).toMatchObject({ kind: 'targets', basedOn: null })
    const findings = (await zhang(`/api/docs/${made.body.id}/checks`)).body.findings as { rule: string }[]
    expect(findings.every((f) => !f.rule.startsWith('self-evaluation.'))).toBe(true)
  })

  it('a 监控 or 自评 is not next year’s draft: 以此为底稿新建下一年度 on one is refused (409, in Chinese); on the targets it is made', async () => {
    const { zhang, approve } = await targets()
    await approve()
    for (const kind of ['monitoring', 'self-evaluation'] as const) {
      const made = await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind })
      const refused = await zhang(`/api/docs/${made.body.id}/successor`, 'POST', { keepBudget: true })
      expect(refused.status).toBe(409)
      expect(refused.body.error.code).toBe('successor-of-follow-up')
      expect(refused.body.error.message).toBe(`“${made.body.title}”是${kind === 'monitoring' ? '绩效运行监控' : '绩效自评'}文档，不能作为下一年度的底稿：下一年度请以审核通过的绩效目标文档新建（结果应用会自动对照上年自评）`)
    }
    const next = await zhang(`/api/docs/${DOC_ID}/successor`, 'POST', { keepBudget: true })
    expect(next.status).toBe(201)
  })
})

describe('a 预算数 typed with its unit (“3000元”, 0.30 万元 on the targets’ form)', () => {
  it('is carried as written into the 年初预算数 and 全年预算数 of the 监控 and 自评, and read there as the targets read it: 0.3 万元, a 执行率, no error nobody can fix', async () => {
    const { zhang, approve } = await targets()
    await writeCells(t, 'zhang', DOC_ID, [[{ project: 0, field: 'budgetTotal' }, '3000元'], [{ project: 0, field: 'budgetFiscal' }, '3000元']])
    expect((await t.server.data.service.model(DOC_ID)).projects[0]!.budget.total).toBe(0.3)
    await approve()
    const made = {
      monitoring: (await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'monitoring', asOf: '6月' })).body.id as string,
      'self-evaluation': (await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'self-evaluation' })).body.id as string,
    }
    const fundsError = async (id: string) => ((await zhang(`/api/docs/${id}/checks`)).body.findings as { rule: string; message: string }[]).filter((f) => f.rule.endsWith('.unreadable-funds'))
    for (const [kind, id] of Object.entries(made)) {
      // Carried verbatim: the approved figure, readable by anyone, in a cell nobody may change.
      const text = await t.server.data.service.text(id)
      expect(text.projects[0]!.funds).toMatchObject({ initial: '3000元', budget: '3000元' })
      const funds = (KINDS[kind as LinkedKind].model(text).projects[0] as unknown as { funds: { initial: number; budget: number } }).funds
      expect([kind, funds.initial, funds.budget]).toEqual([kind, 0.3, 0.3])
      expect(await fundsError(id)).toEqual([])
    }

    // 350 元 spent by June, typed as the targets' form takes it: 0.035 万元, 11.67% — on /checks, in the model and in the export.
    await writeCells(t, 'zhang', made.monitoring, [[{ project: 0, field: 'executed' }, '350元']])
    expect(await fundsError(made.monitoring)).toEqual([])
    expect((monitoringModel(await t.server.data.service.text(made.monitoring)).projects[0]!.funds)).toMatchObject({ executed: 0.035, rate: 11.67 })
    const exported = await fetch(`${t.server.url}/api/docs/${made.monitoring}/export?format=txt`, { headers: { Cookie: (await loginAt(t.server.url, 'zhang')).cookie } })
    expect(exported.status).toBe(200)
    // The form's 资金 row: 年初预算数, 全年预算数, 截至当期执行数 as written, the 执行率 as the model computes it.
    expect(await exported.text()).toMatch(/\t3000元\n\t3000元\n\t350元\n\t11\.67%\n/)
  }, 60_000)
})

describe('a 监控’s 截至月份 (meta asOf)', () => {
  it('an editor changes it while editing is open, and the 执行率 is read against that month’s plan; a viewer, a reviewer, another meta key, a non-month or a submitted document are refused', async () => {
    const { zhang, approve } = await targets()
    await approve()
    const made = (await zhang(`/api/docs/${DOC_ID}/linked`, 'POST', { kind: 'monitoring', asOf: '6月' })).body as { id: string }
    const stored = async () => (await t.server.data.service.text(made.id)).asOf
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const refused = (reason: string) => until(() => warn.mock.calls.some((c) => String(c[0]).includes(reason)), reason)
    /** A client of `role` that sets meta `key` to `value`. */
    const setting = async (user: string, role: 'editor' | 'reviewer' | 'viewer', key: string, value: unknown) => {
      const client = await t.client(user, role, { doc: made.id })
      await synced(client)
      metaOf(client.doc).set(key, value)
      return client
    }

    await setting('zhang', 'editor', 'asOf', '10月')
    await until(async () => (await stored()) === '10月', 'the editor’s 截至月份 stored')
    // The plan's share and the check read the month now given.
    const text = await t.server.data.service.text(made.id)
    const plan = monitoringModel(text).projects[0]!
    expect(plan.funds.planned).toBe(plannedShare(plan.spendingPlan, 10))

    await setting('li', 'viewer', 'asOf', '3月')
    await refused('只读权限不能修改文档')
    await setting('wang', 'reviewer', 'asOf', '3月')
    await refused('审核人不能修改文档信息和流程状态')
    await setting('zhang', 'editor', 'asOf', '下个月')
    await refused('截至月份应写作某月')
    await setting('zhang', 'editor', 'status', { value: '审核通过', by: 'zhang', at: 1 })
    await refused('文档信息和流程状态只能由服务器修改')
    expect(await stored()).toBe('10月')
    expect((await t.server.data.service.status(made.id)).value).toBe('编制中')

    // Once sent, the department's month is the bureau's to read: no direct change until it is returned.
    expect((await zhang(`/api/docs/${made.id}/workflow`, 'POST', { action: 'submit', note: '' })).status).toBe(200)
    await setting('zhang', 'editor', 'asOf', '12月')
    await refused('退回修改后才能直接编辑')
    expect(await stored()).toBe('10月')
    warn.mockRestore()
  })
})
