/**
 * Who wrote what, end to end through the server: edits by two staff
 * interleaved, one of them offline and merged later, a compaction in
 * between; the comparison names the right person per field, and the
 * activity log holds the sessions, a comment, a decided suggestion, a
 * refused update and the workflow steps.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { unzipSync } from 'fflate'
import { readContent } from '@shared/model/y-document'
import { createThread } from '@shared/review/threads'
import { loginAt } from '../../test/support/http-session'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../../support/test-server'
import { textAt } from '../../support/document-place'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const cookieOf = async (name: string) => (await loginAt(t.server.url, name)).cookie
const login = async (name: string) => (await loginAt(t.server.url, name)).json

/** The text without its marks (XmlText's toString renders them as tags). */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('')
const goalText = (doc: Y.Doc, n: number) => textAt(doc, { goal: n })

type Change = { label: string; lastChange?: { by: string | null; suggestedBy?: string } | null }

describe('attribution', () => {
  it('names who last changed each field, offline edits and compaction included, and logs the activity', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const zhang = await t.client('zhang', 'editor')
    const li = await t.client('li', 'editor')
    const wang = await t.client('wang', 'reviewer')
    await Promise.all([synced(zhang), synced(li), synced(wang)])
    const asZhang = await login('zhang')
    const start = (await asZhang(`/api/docs/${DOC_ID}/versions`, 'POST', { name: '开始' })).body.version.id as number

    // Interleaved: zhang and li each edit a goal, zhang a second time after li.
    goalText(zhang.doc, 0).insert(0, '张一')
    await until(() => goalText(li.doc, 0).toString().startsWith('张一'), 'li sees zhang')
    goalText(li.doc, 1).insert(0, '李二')
    await until(() => goalText(zhang.doc, 1).toString().startsWith('李二'), 'zhang sees li')
    await t.server.relay.flush()
    await t.server.data.documents.compact(DOC_ID)

    // li goes offline and edits project 1's goal; zhang edits project 2's meanwhile; li comes back.
    li.disconnect()
    textAt(li.doc, { project: 0, field: 'goal' }).insert(0, '离线所写')
    textAt(zhang.doc, { project: 1, field: 'goal' }).insert(0, '在线所写')
    li.connect()
    await until(() => textAt(zhang.doc, { project: 0, field: 'goal' }).toString().startsWith('离线所写'), 'offline edit merged')

    // The reviewer comments and suggests; zhang accepts the suggestion; the reviewer then tries a direct edit.
    const goal2 = goalText(wang.doc, 2)
    createThread(wang.doc, { id: 't1', start: Y.createRelativePositionFromTypeIndex(goal2, 0), end: Y.createRelativePositionFromTypeIndex(goal2, 2), quote: goal2.toString().slice(0, 2), author: 'wang', text: '请量化', now: Date.now(), commentId: 'c1' })
    goal2.insert(0, '建议', { insertion: { id: 's1', author: 'wang', time: Date.now() } })
    await until(() => plain(goalText(zhang.doc, 2)).startsWith('建议'), 'suggestion relayed')
    goalText(zhang.doc, 2).format(0, 2, { insertion: null })
    await until(() => JSON.stringify(goalText(wang.doc, 2).toDelta()) === JSON.stringify(goalText(zhang.doc, 2).toDelta()), 'decision relayed')
    goalText(wang.doc, 3).insert(0, '直接改')
    await until(async () => (await asZhang(`/api/docs/${DOC_ID}/activity`)).body.activity.some((a: { kind: string }) => a.kind === 'refused'), 'refusal logged')
    await t.server.relay.flush()
    // Compacted again: the suggestion and its decision are read from the stored sessions.
    await t.server.data.documents.compact(DOC_ID)

    const compared = await asZhang(`/api/docs/${DOC_ID}/compare?from=${start}`)
    // The accepted suggestion's words are wang's: the comparison names him (and his name) besides zhang, who accepted it.
    expect(compared.body.people).toEqual({ zhang: 'zhang', li: 'li', wang: 'wang' })
    const byLabel = (changes: Change[]) => Object.fromEntries(changes.map((c) => [c.label, c.lastChange?.by]))
    expect(byLabel(compared.body.diff.narrative)).toMatchObject({ '总体绩效目标（第1条）': 'zhang', '总体绩效目标（第2条）': 'li', '总体绩效目标（第3条）': 'zhang' })
    const suggestedBy = (changes: Change[]) => Object.fromEntries(changes.map((c) => [c.label, c.lastChange?.suggestedBy]))
    expect(suggestedBy(compared.body.diff.narrative)).toMatchObject({ '总体绩效目标（第1条）': undefined, '总体绩效目标（第2条）': undefined, '总体绩效目标（第3条）': 'wang' })
    const [p1, p2] = compared.body.diff.projects as { fields: Change[] }[]
    expect(byLabel(p1!.fields)).toEqual({ 绩效目标: 'li' })
    expect(byLabel(p2!.fields)).toEqual({ 绩效目标: 'zhang' })

    const { activity, people } = (await asZhang(`/api/docs/${DOC_ID}/activity`)).body as { activity: Record<string, any>[]; people: Record<string, string> }
    const edits = activity.filter((a) => a.kind === 'edits')
    expect(new Set(edits.map((a) => a.by))).toEqual(new Set(['zhang', 'li', 'wang']))
    expect(edits.find((a) => a.by === 'li')!.inserted).toBeGreaterThanOrEqual(6)
    expect(activity).toContainEqual(expect.objectContaining({ kind: 'comment', action: 'created', by: 'wang', text: '请量化' }))
    expect(activity).toContainEqual(expect.objectContaining({ kind: 'suggestions', by: 'zhang', accepted: 1, rejected: 0, authors: ['wang'] }))
    expect(activity).toContainEqual(expect.objectContaining({ kind: 'refused', by: 'wang', rule: 'reviewer' }))
    expect(activity).toContainEqual(expect.objectContaining({ kind: 'version', by: 'zhang', name: '开始' }))
    expect(people).toMatchObject({ zhang: 'zhang', li: 'li', wang: 'wang' })
    // Newest first.
    expect(activity.map((a) => a.at)).toEqual([...activity.map((a) => a.at)].sort((a, b) => b - a))
  })

  it('exports pending suggestions as Word tracked changes by name, or leaves them out of a clean copy', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    await t.server.data.logins.addUser('wangfang', 'pw-wangfang', '王芳')
    await t.grant('zhang', 'editor')
    const wang = await t.client('wangfang', 'reviewer')
    await synced(wang)
    const goal = goalText(wang.doc, 0)
    const original = plain(goal)
    goal.insert(0, '新增一句。', { insertion: { id: 'i1', author: 'wangfang', time: Date.UTC(2026, 10, 28) } })
    goal.format(5, 2, { deletion: { id: 'd1', author: 'wangfang', time: Date.UTC(2026, 10, 28) } })
    await until(async () => JSON.stringify(readContent(await t.server.data.service.load(DOC_ID))).includes('新增一句'), 'suggestion stored')

    const asZhang = await login('zhang')
    const documentXml = async (query: string) => {
      const response = await fetch(`${t.server.url}/api/docs/${DOC_ID}/export?format=docx${query}`, { headers: { Cookie: (await cookieOf('zhang')) } })
      expect(response.status).toBe(200)
      return new TextDecoder().decode(unzipSync(new Uint8Array(await response.arrayBuffer()))['word/document.xml']!)
    }
    const tracked = await documentXml('&suggestions=tracked')
    expect(tracked).toMatch(/<w:ins [^>]*w:author="王芳"[^>]*>.*?新增一句。/)
    expect(tracked).toMatch(/<w:del [^>]*w:author="王芳"[^>]*>.*?<w:delText[^>]*>\S{2}<\/w:delText>/)
    const clean = await documentXml('')
    expect(clean).not.toContain('新增一句')
    expect(clean).not.toContain('<w:ins ')
    expect(clean).toContain(original.slice(0, 6))
    expect((await asZhang(`/api/docs/${DOC_ID}/export?format=txt&suggestions=tracked`)).status).toBe(400)
  })
})
