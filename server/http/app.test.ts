import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { metaOf, readContent } from '@shared/model/y-document'
import { createThread, listThreads } from '@shared/review/threads'
import { sampleBytes, sampleText } from '../../support/sample'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../../support/test-server'
import { at, textAt } from '../../support/document-place'
import { beforeTheStore } from '../../test/support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** A logged-in HTTP client keeping its session cookie. */
async function login(name: string, password = `pw-${name}`) {
  const response = await fetch(`${t.server.url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${t.server.url}${path}`, { ...init, headers: { Cookie: cookie, ...(init.headers ?? {}) } })
  const json = async (path: string, method = 'GET', body?: unknown) => {
    const r = await call(path, { method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    return { status: r.status, body: (await r.json()) as Record<string, any> }
  }
  return { response, cookie, call, json }
}

async function userWithPassword(name: string) {
  await t.server.data.logins.addUser(name, `pw-${name}`, name)
}

/**
 * The test document taken through 报送, 审核中 and 退回修改 (with `note`),
 * with staff's open editor; `beforeSteps` runs once both are logged in.
 */
async function returnedDocument(note: string, beforeSteps?: (finance: Awaited<ReturnType<typeof login>>) => Promise<void>) {
  t = await startTestServer()
  const editor = await t.client('staff', 'editor')
  await synced(editor)
  await t.grant('reviewer', 'reviewer')
  const [staff, finance] = [await login('staff'), await login('reviewer')]
  const step = (who: typeof staff, action: string, stepNote?: string) => who.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action, note: stepNote })
  await beforeSteps?.(finance)
  for (const [who, action, stepNote] of [[staff, 'submit'], [finance, 'start-review'], [finance, 'return', note]] as const) expect((await step(who, action, stepNote)).status).toBe(200)
  await until(() => (metaOf(editor.doc).get('status') as { value?: string } | undefined)?.value === '退回修改', 'returned')
  const goal = textAt(editor.doc, { goal: 0 })
  return { staff, finance, editor, goal, step }
}

describe('HTTP API', () => {
  beforeTheStore('health and Prometheus metrics', async () => {
    t = await startTestServer()
    expect(await (await fetch(`${t.server.url}/healthz`)).json()).toEqual({ ok: true })
    const metrics = await (await fetch(`${t.server.url}/metrics`)).text()
    expect(metrics).toContain('# TYPE jixiao_connections gauge')
    expect(metrics).toMatch(/jixiao_loaded_documents \d+/)
  })

  beforeTheStore('serves the built client: the page, its assets, and a service worker that is never cached', async () => {
    t = await startTestServer()
    const page = await fetch(`${t.server.url}/`)
    const html = await page.text()
    expect(html).toContain('<div id="app">')
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!
    const script = await fetch(`${t.server.url}${asset}`)
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${t.server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${t.server.url}/assets/../../package.json`)).status).toBe(404)

    // Sent compressed as built, as the browser accepts (fetch decodes it again), and never compressed to one that does not.
    const plain = await fetch(`${t.server.url}${asset}`, { headers: { 'Accept-Encoding': 'identity' } })
    const br = await fetch(`${t.server.url}${asset}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await br.text()).toBe(await plain.text())
    // The editor is a chunk of its own, not loaded with the list; the service worker keeps it from shell.json.
    const shell = (await (await fetch(`${t.server.url}/shell.json`)).json()) as string[]
    expect(shell.some((file) => /EditorPage-.*\.js$/.test(file))).toBe(true)
    expect(html).not.toMatch(/EditorPage/)
  })

  it('login, me, logout; errors are JSON with a stable code and a Chinese message', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const bad = await login('zhang', 'wrong')
    expect(bad.response.status).toBe(401)
    expect(await bad.response.json()).toEqual({ error: { code: 'bad-credentials', message: '用户名或密码错误' } })
    const anonymous = await fetch(`${t.server.url}/api/me`)
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).error.code).toBe('unauthenticated')

    const session = await login('zhang')
    expect(session.cookie).toMatch(/^jixiao_session=/)
    expect(session.response.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect((await session.json('/api/me')).body.user.name).toBe('zhang')
    await session.json('/api/logout', 'POST')
    expect((await session.json('/api/me')).status).toBe(401)
  })

  it('changes one’s own display name and password: other logins end, this one goes on', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const [here, elsewhere] = [await login('zhang'), await login('zhang')]
    expect((await here.json('/api/me', 'PATCH', { displayName: ' 张伟 ' })).body.user.displayName).toBe('张伟')
    expect((await here.json('/api/me', 'PATCH', { displayName: '' })).status).toBe(400)
    expect((await here.json('/api/me/password', 'POST', { current: 'wrong', next: 'new-password-1' })).status).toBe(403)
    expect((await here.json('/api/me/password', 'POST', { current: 'pw-zhang', next: 'short' })).status).toBe(400)
    const changed = await here.call('/api/me/password', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ current: 'pw-zhang', next: 'new-password-1' }) })
    expect(changed.status).toBe(200)
    const cookie = changed.headers.get('set-cookie')!.split(';')[0]!
    expect((await fetch(`${t.server.url}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200)
    expect((await elsewhere.json('/api/me')).status).toBe(401)
    expect((await login('zhang', 'new-password-1')).response.status).toBe(200)
    expect((await t.server.data.accounts.userByName('zhang'))?.displayName).toBe('张伟')
  })

  it('create, import, list, rename, export and delete documents', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const s = await login('zhang')
    const created = await s.json('/api/docs', 'POST', { title: '新文档', year: 2027 })
    expect(created.status).toBe(201)
    const imported = await s.call('/api/docs/import?title=' + encodeURIComponent('导入'), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from(sampleBytes()) })
    expect(imported.status).toBe(201)
    const importedId = ((await imported.json()) as { id: string }).id

    // A Word file laid out like the sample imports to the same document.
    const wordFile = readFileSync(new URL('../../test/fixtures/formats/zhengfawei-2022.libreoffice.docx', import.meta.url))
    const fromWord = await s.call('/api/docs/import?title=' + encodeURIComponent('从Word导入'), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: wordFile })
    expect(fromWord.status).toBe(201)
    const wordId = ((await fromWord.json()) as { id: string }).id
    expect(await t.server.data.service.text(wordId)).toEqual(await t.server.data.service.text(importedId))

    const list = (await s.json('/api/docs')).body.documents as { id: string; title: string; role: string; owner: boolean }[]
    expect(list.map((d) => [d.title, d.role, d.owner])).toEqual([['新文档', 'editor', true], ['导入', 'editor', true], ['从Word导入', 'editor', true]])
    expect((await t.server.data.service.model(created.body.id)).year).toBe(2027)

    expect((await s.json(`/api/docs/${importedId}`, 'PATCH', { title: '改名' })).status).toBe(200)
    expect((await t.server.data.documents.get(importedId))!.title).toBe('改名')

    const exported = await s.call(`/api/docs/${importedId}/export?format=txt`)
    expect(exported.headers.get('content-type')).toContain('text/plain')
    expect(await exported.text()).toContain('1.扫黑除恶工作经费绩效目标表')
    const word = await s.call(`/api/docs/${importedId}/export?format=docx`)
    expect(word.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(new Uint8Array(await word.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
    expect((await s.call(`/api/docs/${importedId}/export?format=pdf`)).status).toBe(400)
    const checks = (await s.json(`/api/docs/${importedId}/checks`)).body.findings as { project: number; indicator: number; rule: string; severity: string }[]
    expect(checks).toContainEqual(expect.objectContaining({ project: 6, indicator: 4, rule: 'quantification', severity: 'error' }))

    expect((await s.json(`/api/docs/${importedId}`, 'DELETE')).status).toBe(200)
    expect((await s.json(`/api/docs/${importedId}/export`)).status).toBe(404)
  })

  it('names an imported document after its department and 文本标题, and after the file only where the document has none', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const s = await login('zhang')
    const upload = async (fileName: string, body: Uint8Array) =>
      ((await (await s.call('/api/docs/import?fileName=' + encodeURIComponent(fileName), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from(body) })).json()) as { id: string }).id
    const named = await upload('sample', sampleBytes())
    // The sample's first lines: 政法委部门 / 2022年部门预算绩效文本.
    const untitled = await upload('政法委2022', new TextEncoder().encode(sampleText().split('\n').slice(2).join('\n')))
    const list = (await s.json('/api/docs')).body.documents as { id: string; title: string }[]
    const titleOf = (id: string) => list.find((d) => d.id === id)?.title
    expect(titleOf(named)).toBe('政法委部门 2022年部门预算绩效文本')
    expect(titleOf(untitled)).toBe('政法委2022')
  })

  beforeTheStore('refuses a bad upload with the importer’s message', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const s = await login('zhang')
    const response = await s.call('/api/docs/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from('会议纪要') })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('import-not-budget-document')
    expect(body.error.message).toContain('第一部分')
  })

  it('stores a 绩效自评表 as a self-evaluation, judged by the 自评 checks and exported in its own form', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const s = await login('zhang')
    const form = readFileSync(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url))
    const response = await s.call('/api/docs/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: form })
    expect(response.ok).toBe(true)
    const { id, warnings } = (await response.json()) as { id: string; warnings: string[] }
    // Its 其中：本年财政拨款 “2020” (20 and 20 run together) is stored as 财政资金 20; its 预期目标 and 实际完成情况,
    // written on without a break, are kept whole as the 预期目标, and that is said.
    // Its 总分 row says 100 where its rows' 得分 add up to 110: the written figure is not kept, and that is said too.
    expect(warnings).toEqual([
      expect.stringMatching(/^年度总体目标下只读到一段连在一起的文字，分不出预期目标和实际完成情况/),
      expect.stringMatching(/^总分填写为 100 分，但.*合计为 110 分.*文件写的总分未导入/),
    ])
    expect((await t.server.data.service.text(id)).projects[0]).toMatchObject({ budgetTotal: '20', budgetFiscal: '20' })
    const { findings } = (await s.json(`/api/docs/${id}/checks`)).body as { findings: { rule: string }[] }
    // Its written 总分 is not stored (the model derives it); the empty 实际完成情况 and the 分值 adding up to 110 remain to say.
    expect(findings.map((f) => f.rule)).toEqual(['self-evaluation.achieved', 'self-evaluation.excess-points'])
    const exported = await s.call(`/api/docs/${id}/export?format=txt`)
    expect(exported.status).toBe(200)
    expect(await exported.text()).toMatch(/实际完成值/)
  })

  it('a form’s 上级资金 that no cell holds is told to the importer, as a new document or added to one; never dropped in silence', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    const s = await login('zhang')
    const xiangtan = readFileSync(new URL('../../test/fixtures/formats/regional/xiangtan-wupaoche-2023.txt', import.meta.url), 'utf8')
    const form = Buffer.from(xiangtan.replace('该项目支出上级资金 |\n0 |', '该项目支出上级资金 |\n30万 |'))
    const said = /^该项目支出上级资金“30万”未导入：.*请按原表核对预算数和财政资金$/
    const response = await s.call('/api/docs/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: form })
    expect(response.ok).toBe(true)
    const { id, warnings } = (await response.json()) as { id: string; warnings: string[] }
    expect(warnings).toEqual([expect.stringMatching(said)])
    expect((await t.server.data.service.text(id)).projects[0]).toMatchObject({ budgetTotal: '250万', budgetFiscal: '' })
    // And kept in the document, for whoever opens it next: an open comment by the importer on the project's 项目名称.
    const notes = async () => listThreads(await t.server.data.service.load(id)).map((n) => [n.status, n.createdBy, n.quote, n.comments[0]!.text])
    const projectName = (await t.server.data.service.text(id)).projects[0]!.name
    expect(await notes()).toEqual([['open', 'zhang', projectName, `导入文件时：${warnings[0]}`]])
    const added = await s.call(`/api/docs/${id}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: form })
    expect(added.ok).toBe(true)
    expect(await added.json()).toMatchObject({ warnings: [expect.stringMatching(said)], noted: 1 })
    // Added to the document, the project brings its own note, on its own 项目名称 (the second).
    expect(await notes()).toEqual([['open', 'zhang', projectName, `导入文件时：${warnings[0]}`], ['open', 'zhang', projectName, `导入文件时：${warnings[0]}`]])
    const stored = await t.server.data.service.load(id)
    const anchors = listThreads(stored).map((n) => Y.createAbsolutePositionFromRelativePosition(n.start!, stored)!.type)
    expect(anchors[0]).toBe(textAt(stored, { project: 0, field: 'name' }))
    expect(anchors[1]).toBe(textAt(stored, { project: 1, field: 'name' }))
    // A 自评表's projects are not added to a targets document: refused, saying what each is.
    const sichuan = readFileSync(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url))
    const mixed = await s.call(`/api/docs/${id}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: sichuan })
    expect(mixed.status).toBe(422)
    expect(await mixed.json()).toMatchObject({ error: { code: 'import-other-kind', message: expect.stringMatching(/^文件是绩效自评表，这份文档是绩效目标文档/) } })
    // As written (上级资金 0), there is nothing to say.
    const plain = await s.call('/api/docs/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from(xiangtan) })
    expect(((await plain.json()) as { warnings: string[] }).warnings).toEqual([])
  })

  it('only the owner shares; revoking a role closes that user’s open connection', async () => {
    t = await startTestServer()
    await userWithPassword('owner')
    await userWithPassword('other')
    const owner = await login('owner')
    const { id } = (await owner.json('/api/docs', 'POST', {})).body as { id: string }
    expect((await owner.json(`/api/docs/${id}/members/other`, 'PUT', { role: 'reviewer' })).status).toBe(422)
    expect((await owner.json(`/api/docs/${id}/members/other`, 'PUT', { role: 'viewer' })).status).toBe(200)
    expect((await owner.json(`/api/docs/${id}/members/other`, 'PUT', { role: 'boss' })).status).toBe(400)

    const other = await login('other')
    expect((await other.json(`/api/docs/${id}/members/owner`, 'PUT', { role: 'viewer' })).status).toBe(403)
    expect((await other.json('/api/docs')).body.documents[0]).toMatchObject({ id, role: 'viewer', owner: false })

    const provider = await t.client('other', 'viewer', { doc: id })
    await synced(provider)
    const closed = new Promise<number>((resolve) => provider.once('closed', (e) => resolve(e.code)))
    expect((await owner.json(`/api/docs/${id}/members/other`, 'PUT', { role: null })).status).toBe(200)
    expect(await closed).toBe(4403)
    expect((await other.json(`/api/docs/${id}/export`)).status).toBe(404)
  })

  it('compares what staff changed since the document was returned, and any version with another', async () => {
    const { finance, goal } = await returnedDocument('请细化成本指标', async (finance) =>
      expect((await finance.json(`/api/docs/${DOC_ID}/compare?from=last-return`)).body.error.code).toBe('version-not-found'),
    )
    goal.insert(0, '退回后补充：')
    await until(async () => (await t!.server.data.service.model(DOC_ID)).overall.goals[0]!.startsWith('退回后补充：'), 'stored')

    const since = await finance.json(`/api/docs/${DOC_ID}/compare?from=last-return`)
    expect(since.status).toBe(200)
    expect(since.body.from).toMatchObject({ status: '退回修改', note: '请细化成本指标' })
    expect(since.body.to).toBe('now')
    expect(since.body.diff.projects).toEqual([])
    expect(since.body.diff.narrative.map((c: { label: string; segments: { op: string; text: string }[] }) => [c.label, c.segments.filter((x) => x.op !== 'equal')])).toEqual([
      ['总体绩效目标（第1条）', [{ op: 'insert', text: '退回后补充：' }]],
    ])
    const versions = (await finance.json(`/api/docs/${DOC_ID}/versions`)).body.versions as { id: number }[]
    const between = await finance.json(`/api/docs/${DOC_ID}/compare?from=${versions[0]!.id}&to=${versions[2]!.id}`)
    expect(between.body.diff.summary.text).toBe('没有改动')
    expect((await finance.json(`/api/docs/${DOC_ID}/compare?from=abc`)).status).toBe(400)
    expect((await finance.json(`/api/docs/${DOC_ID}/compare?from=99999`)).status).toBe(404)
  })

  it('starts next year’s document from this one, people carried over, and compares it with last year’s', async () => {
    t = await startTestServer()
    await userWithPassword('zhang')
    await t.grant('zhang', 'editor')
    await t.grant('wang', 'reviewer')
    await t.grant('viewer', 'viewer')
    const [zhang, viewer] = [await login('zhang'), await login('viewer')]
    expect((await viewer.json(`/api/docs/${DOC_ID}/successor`, 'POST', { year: 2023 })).status).toBe(403)
    expect((await zhang.json(`/api/docs/${DOC_ID}/successor`, 'POST', { year: 2022 })).body.error.code).toBe('successor-invalid')
    const created = await zhang.json(`/api/docs/${DOC_ID}/successor`, 'POST', { year: 2023, keepBudget: true })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    expect((await t.server.data.service.text(id)).subtitle).toBe('2023年部门预算绩效文本')
    expect((await t.server.data.accounts.membersOf(id)).map((m) => [m.name, m.role]).sort()).toEqual([['viewer', 'viewer'], ['wang', 'reviewer'], ['zhang', 'editor']])
    const compared = await zhang.json(`/api/docs/${id}/compare?from=predecessor`)
    expect(compared.status).toBe(200)
    expect(compared.body.from).toEqual({ document: DOC_ID, name: '测试文档' })
    expect(compared.body.diff.totals.before).toBe(compared.body.diff.totals.after)
    expect(compared.body.diff.narrative.map((c: { label: string }) => c.label)).toContain('文本标题')
    expect((await zhang.json(`/api/docs/${DOC_ID}/compare?from=predecessor`)).status).toBe(404)
  })

  it('restores a version as a new change on top, relayed to open editors, and only while staff may edit', async () => {
    const { staff, finance, editor, goal, step } = await returnedDocument('请把总体目标改回原样')
    const returned = ((await staff.json(`/api/docs/${DOC_ID}/versions`)).body.versions as { id: number; status: string }[]).find((v) => v.status === '退回修改')!
    const before = await t.server.data.service.text(DOC_ID)
    goal.insert(0, '改错了：')
    await until(async () => (await t!.server.data.service.text(DOC_ID)).goals[0]!.startsWith('改错了：'), 'stored')

    expect((await finance.json(`/api/docs/${DOC_ID}/versions/${returned.id}/restore`, 'POST', {})).status).toBe(403)
    expect((await staff.json(`/api/docs/${DOC_ID}/versions/99999/restore`, 'POST', {})).status).toBe(404)
    const restored = await staff.json(`/api/docs/${DOC_ID}/versions/${returned.id}/restore`, 'POST', {})
    expect(restored.status).toBe(200)
    expect(await t.server.data.service.text(DOC_ID)).toEqual(before)
    await until(() => !goal.toString().startsWith('改错了：'), 'the restore reaches the open editor')
    expect(JSON.stringify(readContent(editor.doc))).toBe(JSON.stringify(readContent(await t.server.data.service.load(DOC_ID))))
    expect((await staff.json(`/api/docs/${DOC_ID}/versions`)).body.versions.at(-1).name).toMatch(/^恢复到「退回修改/)
    // A named version, kept by staff; reviewers and empty names are refused.
    expect((await staff.json(`/api/docs/${DOC_ID}/versions`, 'POST', { name: '  ' })).status).toBe(400)
    expect((await finance.json(`/api/docs/${DOC_ID}/versions`, 'POST', { name: '审核稿' })).status).toBe(403)
    expect((await staff.json(`/api/docs/${DOC_ID}/versions`, 'POST', { name: '改回后的稿子' })).status).toBe(201)
    expect((await staff.json(`/api/docs/${DOC_ID}/versions`)).body.versions.at(-1)).toMatchObject({ name: '改回后的稿子（staff）', status: '退回修改', byUser: 'staff' })

    expect((await step(staff, 'submit')).status).toBe(200)
    expect((await staff.json(`/api/docs/${DOC_ID}/versions/${returned.id}/restore`, 'POST', {})).body.error.code).toBe('workflow-forbids')
  })

  it('restores one project’s table from a version, leaving the rest of today’s document as it is', async () => {
    const { staff, editor, goal } = await returnedDocument('请把第一个项目改回')
    const returned = ((await staff.json(`/api/docs/${DOC_ID}/versions`)).body.versions as { id: number; status: string }[]).find((v) => v.status === '退回修改')!
    const before = await t.server.data.service.text(DOC_ID)
    const goalOf = (i: number) => textAt(editor.doc, { project: i, field: 'goal' })
    goalOf(0).insert(0, '第一个改错了：')
    goalOf(1).insert(0, '第二个要保留：')
    goal.insert(0, '总体目标也保留：')
    await until(async () => (await t!.server.data.service.text(DOC_ID)).goals[0]!.startsWith('总体目标也保留：'), 'stored')

    const first = before.projects[0]!
    const restored = await staff.json(`/api/docs/${DOC_ID}/versions/${returned.id}/restore`, 'POST', { project: { code: first.code, name: first.name } })
    expect(restored.status).toBe(200)
    const after = await t.server.data.service.text(DOC_ID)
    expect(after.projects[0]).toEqual(first)
    expect(after.projects[1]!.goal).toMatch(/^第二个要保留：/)
    expect(after.goals[0]).toMatch(/^总体目标也保留：/)
    expect((await staff.json(`/api/docs/${DOC_ID}/versions/${returned.id}/restore`, 'POST', { project: { name: '没有这个项目' } })).body.error.code).toBe('project-not-found')
    const activity = (await staff.json(`/api/docs/${DOC_ID}/activity`)).body.activity as { kind: string; project?: string }[]
    expect(activity.find((a) => a.kind === 'restore')).toMatchObject({ project: first.name })
  })

  it('导入项目表: a project form on its own is added to the live document, reaching open editors; only while staff may edit', async () => {
    const { staff, finance, editor } = await returnedDocument('请补充项目')
    const text = sampleText()
    const form = text.slice(text.indexOf('3.车辆保险费绩效目标表'), text.indexOf('4.见义勇为经费绩效目标表'))
    const post = (who: typeof staff) => who.call(`/api/docs/${DOC_ID}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: form })
    expect((await post(finance)).status).toBe(403)
    const added = await post(staff)
    expect(added.status).toBe(200)
    expect(await added.json()).toEqual({ added: ['车辆保险费'], warnings: [], noted: 0 })
    const projects = () => at(editor.doc, { list: 'projects' }).length
    await until(() => projects() === 12, 'the new project reaches the open editor')
    expect((await t.server.data.service.text(DOC_ID)).projects.at(-1)!.name).toBe('车辆保险费')
    const bad = await staff.call(`/api/docs/${DOC_ID}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: '会议纪要' })
    expect(bad.status).toBe(422)
    // A form of another year is added, and the caller told.
    const otherYear = await staff.call(`/api/docs/${DOC_ID}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: form.replace(/13030322P/g, '13030323P') })
    expect(await otherYear.json()).toEqual({ added: ['车辆保险费'], warnings: ['导入的绩效目标表是 2023 年度的，本文档是 2022 年度：请核对是否导入了其他年度的表'], noted: 0 })
  })

  it('moves through the workflow; after 报送 staff can no longer edit directly, and every step keeps a version', async () => {
    t = await startTestServer()
    const editor = await t.client('staff', 'editor')
    await synced(editor)
    await t.grant('reviewer', 'reviewer')
    const staff = await login('staff')
    const finance = await login('reviewer')
    const step = (who: typeof staff, action: string, note?: string) => who.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action, note })

    expect((await staff.json(`/api/docs/${DOC_ID}/workflow`)).body).toMatchObject({ status: { value: '编制中' }, actions: [{ action: 'submit', label: '报送' }] })
    expect((await step(finance, 'approve')).status).toBe(409)
    expect((await step(staff, 'submit')).body.status).toMatchObject({ value: '已报送', by: 'staff' })
    // The list says what was done last — the step, by its name — and by whom (姓名, not the login).
    await t.server.data.accounts.setDisplayName('staff', '李娜')
    const [listed] = (await staff.json('/api/docs')).body.documents
    expect(listed).toMatchObject({ status: '已报送', lastChange: { by: '李娜', step: '报送' } })
    expect(Date.now() - listed.lastChange.at).toBeLessThan(60_000)
    await t.server.data.accounts.setDisplayName('staff', 'staff')

    // The open editor hears the new status at once, and its direct edits are now refused.
    await until(() => (metaOf(editor.doc).get('status') as { value?: string } | undefined)?.value === '已报送', 'status relayed')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const goal = textAt(editor.doc, { goal: 0 })
    goal.insert(0, '报送后改动')
    await until(() => warn.mock.calls.some((c) => String(c[0]).includes('退回修改后才能直接编辑')), 'refusal')
    expect((await t.server.data.service.model(DOC_ID)).overall.goals[0]).not.toContain('报送后改动')
    warn.mockRestore()

    expect((await step(staff, 'start-review')).body.error.message).toContain('财政审核人')
    expect((await step(finance, 'start-review')).status).toBe(200)
    expect((await step(finance, 'return')).body.error.code).toBe('workflow-note-required')
    expect((await step(finance, 'return', '项目 3 的预算数与明细不符')).body.status).toMatchObject({ value: '退回修改', note: '项目 3 的预算数与明细不符' })
    // Staff see the 退回意见 live, in the status record.
    await until(() => (metaOf(editor.doc).get('status') as { note?: string } | undefined)?.note === '项目 3 的预算数与明细不符', '退回意见 relayed')

    // 审核通过 is refused while a thread is open, unless the reviewer writes why.
    const anchor = Y.createRelativePositionFromTypeIndex(goal, 0)
    createThread(editor.doc, { id: 't1', start: anchor, end: anchor, quote: '', author: 'staff', text: '请核实', now: 1, commentId: 'c1' })
    await until(async () => (await t.server.data.service.approvalState(DOC_ID)).openThreads === 1, 'thread stored')
    expect((await step(staff, 'submit')).status).toBe(200)
    expect((await step(finance, 'start-review')).status).toBe(200)
    const blocked = await step(finance, 'approve')
    expect(blocked.status).toBe(409)
    expect(blocked.body.error).toMatchObject({ code: 'workflow-conditions', message: expect.stringContaining('1 条批注未解决') })
    expect((await step(finance, 'approve', '批注为提示性意见，不影响结论')).body.status.value).toBe('审核通过')
    expect((await step(finance, 'revoke-approval')).body.status.value).toBe('审核中')
    const versions = (await staff.json(`/api/docs/${DOC_ID}/versions`)).body.versions as { name: string; status: string; note: string }[]
    expect(versions.map((v) => [v.status, v.name])).toEqual([
      ['已报送', '报送（staff）'],
      ['审核中', '开始审核（reviewer）'],
      ['退回修改', '退回修改（reviewer）'],
      ['已报送', '报送（staff）'],
      ['审核中', '开始审核（reviewer）'],
      ['审核通过', '审核通过（reviewer）'],
      ['审核中', '撤销审核通过（reviewer）'],
    ])
    expect(versions[2]!.note).toBe('项目 3 的预算数与明细不符')
    // The sample's 是/否 placeholders are errors: the reviewer approved over them, and the note says so.
    expect(versions[5]!.note).toMatch(/^批注为提示性意见，不影响结论（未满足：还有 1 条批注未解决；审核检查还有 \d+ 个错误/)
  })

  beforeTheStore('refuses editor updates that write meta', async () => {
    t = await startTestServer()
    const editor = await t.client('staff', 'editor')
    await synced(editor)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    metaOf(editor.doc).set('status', { value: '审核通过', by: 'staff', at: 1 })
    await until(() => warn.mock.calls.some((c) => String(c[0]).includes('只能由服务器修改')), 'refusal')
    expect((await t.server.data.service.status(DOC_ID)).value).toBe('编制中')
    warn.mockRestore()
  })
})
