import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { fieldPlace } from '../i18n/field-place'
import { T } from '../i18n/zh-CN'
import { META_KEY, contentOf, metaOf } from '@shared/model/y-document'
import { NODE } from '@shared/schema/node-names'
import type { SuggestionInfo } from '@shared/schema/suggestion'
import { replacementsIn } from '@shared/review/replacements'
import { alreadyBack, blockedBy, openLocalCopy, refusedFields, refusedRuns, restoreAsSuggestions } from './refused-text'

const refusedText = (localState: Uint8Array, doc: Y.Doc) => refusedRuns(localState, doc).map((run) => run.text)

function setup() {
  const server = new Y.Doc()
  const field = new Y.XmlText()
  server.getXmlFragment('content').insert(0, [field])
  field.insert(0, '已同步的内容')
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
  return { server, local, text: (doc: Y.Doc) => doc.getXmlFragment('content').get(0) as Y.XmlText }
}

/** An element holding `children`, or one text field holding `text`. */
const el = (name: string, ...children: (Y.XmlElement | string)[]): Y.XmlElement => {
  const node = new Y.XmlElement(name)
  // An empty field holds no text, as the editor's binding writes it.
  node.insert(0, children.flatMap((c): (Y.XmlElement | Y.XmlText)[] => (typeof c !== 'string' ? [c] : c === '' ? [] : [new Y.XmlText(c)])))
  return node
}

/** A 监控 of two projects, each with its 执行数 (empty) and one indicator row's 纠偏措施 (begun). */
function monitoring() {
  const server = new Y.Doc()
  metaOf(server).set(META_KEY.kind, 'monitoring')
  const project = (name: string, indicator: string) =>
    el(NODE.project, el(NODE.projectName, name), el(NODE.projectFunds, el(NODE.fundsBudget, '3.5'), el(NODE.fundsExecuted, '')), el(NODE.indicatorList, el(NODE.indicator, el(NODE.indicatorName, indicator), el(NODE.indicatorMeasure, '加快进度'))))
  contentOf(server).insert(0, [el(NODE.projectsPart, project('扫黑除恶工作经费', '案件办结率'), project('政法队伍教育整顿工作经费', '培训人次'))])
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
  return { server, local }
}

/** The field of the n-th (0-based) project named `name`. */
const cell = (doc: Y.Doc, n: number, name: string): Y.XmlElement => {
  const find = (node: Y.XmlElement): Y.XmlElement | undefined =>
    node.nodeName === name ? node : node.toArray().flatMap((c) => (c instanceof Y.XmlElement ? [find(c)] : [])).find((c) => c !== undefined)
  const projects = (contentOf(doc).get(0) as Y.XmlElement).toArray() as Y.XmlElement[]
  return find(projects[n]!)!
}

/** Keystrokes at the end of a field, each in a transaction of its own as the editor writes it (the first into an empty field makes its text). */
const type = (field: Y.XmlElement, characters: string) => {
  for (const ch of characters) {
    field.doc!.transact(() => {
      if (field.length === 0) field.insert(0, [new Y.XmlText()])
      const text = field.get(0) as Y.XmlText
      text.insert(text.length, ch)
    })
  }
}

/** The lines the panel shows for a local copy: each field's text once, after where it is. */
const shown = (localState: Uint8Array, doc: Y.Doc): string[] => {
  const local = openLocalCopy(localState)
  const kind = metaOf(local).get(META_KEY.kind) as string | undefined
  return refusedFields(local, doc).map((f) => T.draftField(fieldPlace(f.field, kind), f.runs.map((r) => T.draftRun(r.text.trim(), r.deleted)).join('…')))
}

describe('refused text', () => {
  it('shows each field’s text whole, once, after its project and field as the form names them, however it was typed', () => {
    const { server, local } = monitoring()
    // Offline: a figure key by key, a 纠偏措施 in the other project meanwhile, then the figure's last digit.
    type(cell(local, 1, NODE.fundsExecuted), '1.7')
    type(cell(local, 0, NODE.indicatorMeasure), '，离线填写的纠偏措施')
    type(cell(local, 1, NODE.fundsExecuted), '5')
    expect(shown(Y.encodeStateAsUpdate(local), server)).toEqual([
      '扫黑除恶工作经费 · 案件办结率 · 纠偏措施：，离线填写的纠偏措施',
      '政法队伍教育整顿工作经费 · 截至当期执行数：1.75',
    ])
    // Restored as suggestions, text goes back whole where it was typed; the figure's cell was empty, so it has no place to go back to and stays whole to copy.
    const { homeless } = restoreAsSuggestions(server, refusedRuns(Y.encodeStateAsUpdate(local), server), 'zhao', () => ({ id: 's', time: 1 }))
    expect(homeless.map((run) => run.text)).toEqual(['1.75'])
    expect((cell(server, 0, NODE.indicatorMeasure).get(0) as Y.XmlText).toDelta()).toEqual([
      { insert: '加快进度' },
      { insert: '，离线填写的纠偏措施', attributes: { insertion: { id: 's', author: 'zhao', time: 1 } } },
    ])
  })

  it('names Part 1’s text by its section and item, and text apart in one field stays one line', () => {
    const server = new Y.Doc()
    contentOf(server).insert(0, [el(NODE.overallPart, el(NODE.goalsSection, el(NODE.goalItem, '第一条目标'), el(NODE.goalItem, '保障运转')))])
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
    const goal = ((contentOf(local).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(1) as Y.XmlElement
    const text = goal.get(0) as Y.XmlText
    text.insert(0, '全力')
    text.insert(text.length, '正常')
    expect(shown(Y.encodeStateAsUpdate(local), server)).toEqual(['总体绩效目标（第2条）：全力…正常'])
  })

  it('lists the text the local copy has and the document lacks, in typing runs, without deleted text', () => {
    const { server, local, text } = setup()
    text(local).insert(0, '离线写的')
    text(local).insert(text(local).length, '第二段')
    text(local).insert(text(local).length, '删掉的')
    text(local).delete(text(local).length - 3, 3)
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual(['离线写的', '第二段'])
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local))
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual([])
  })

  it('puts the runs back where they were typed, as suggested insertions in the restorer’s name', () => {
    const { server, local, text } = setup()
    text(local).insert(3, '（补充）')
    text(local).insert(0, '开头')
    // Meanwhile the server's text changed before the anchor.
    text(server).insert(0, '新')
    const runs = refusedRuns(Y.encodeStateAsUpdate(local), server)
    let n = 0
    expect(restoreAsSuggestions(server, runs, 'zhao', () => ({ id: `s${++n}`, time: 1 }))).toEqual({ homeless: [], blocked: [] })
    // Each run goes next to the character it was typed against, as a merge would have put it.
    expect(text(server).toDelta()).toEqual([
      { insert: '新' },
      { insert: '开头', attributes: { insertion: { id: 's1', author: 'zhao', time: 1 } } },
      { insert: '已同步' },
      { insert: '（补充）', attributes: { insertion: { id: 's2', author: 'zhao', time: 1 } } },
      { insert: '的内容' },
    ])
    // A second press puts nothing back twice.
    restoreAsSuggestions(server, refusedRuns(Y.encodeStateAsUpdate(local), server), 'zhao', () => ({ id: `s${++n}`, time: 1 }))
    expect(text(server).toDelta().map((run: { insert: string }) => run.insert).join('')).toBe('新开头已同步（补充）的内容')
  })

  it('words retyped offline go back as a replacement of the words they replaced, and words deleted alone as a deletion', () => {
    const { server, local, text } = setup()
    // 「已同步的内容」: 同步 selected and typed over with 审核, 内容 deleted — one key at a time, as a person does.
    for (let n = 0; n < 2; n++) local.transact(() => text(local).delete(1, 1))
    for (const [i, ch] of [...'审核'].entries()) local.transact(() => text(local).insert(1 + i, ch))
    local.transact(() => text(local).delete(4, 2))
    expect(text(local).toString()).toBe('已审核的')
    const [field] = refusedFields(local, server)
    expect(field!.runs.map((run) => T.draftRun(run.text, run.deleted))).toEqual(['同步 → 审核', '删除“内容”'])
    let n = 0
    expect(restoreAsSuggestions(server, field!.runs, 'zhao', () => ({ id: `s${++n}`, time: 1 }))).toEqual({ homeless: [], blocked: [] })
    // A tryout's 「≥90%」 retyped 「≥95%」 came back as 「≥90%≥95%」: the typing without the deletion.
    const restored = text(server).toDelta() as { insert: string; attributes?: Record<string, SuggestionInfo> }[]
    expect(restored).toEqual([
      { insert: '已' },
      { insert: '同步', attributes: { deletion: { id: 's1', author: 'zhao', time: 1 } } },
      { insert: '审核', attributes: { insertion: { id: 's2', author: 'zhao', time: 1 } } },
      { insert: '的' },
      { insert: '内容', attributes: { deletion: { id: 's3', author: 'zhao', time: 1 } } },
    ])
    const runs = restored.map((run) => ({ text: run.insert, insertion: run.attributes?.insertion ?? null, deletion: run.attributes?.deletion ?? null }))
    expect(replacementsIn(runs).map((r) => `${r.oldText} → ${r.newText}`)).toEqual(['同步 → 审核'])
    // Back once: not listed again, nor put back twice.
    expect(field!.runs.every((run) => alreadyBack(server, run, 'zhao'))).toBe(true)
    restoreAsSuggestions(server, field!.runs, 'zhao', () => ({ id: `s${++n}`, time: 1 }))
    expect(text(server).toDelta()).toEqual(restored)
  })

  it('an 指标值 retyped offline goes back in place of the value there now, a colleague\'s newer one included', () => {
    const server = new Y.Doc()
    contentOf(server).insert(0, [el(NODE.projectsPart, el(NODE.project, el(NODE.projectName, '扫黑除恶工作经费'), el(NODE.indicatorList, el(NODE.indicator, el(NODE.indicatorName, '资金到位率'), el(NODE.indicatorValue, '≥90%')))))])
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
    const value = (doc: Y.Doc) => cell(doc, 0, NODE.indicatorValue).get(0) as Y.XmlText
    // Offline: ≥90% becomes ≥98%; meanwhile a colleague makes it ≥91% on the server.
    for (let n = 0; n < 2; n++) local.transact(() => value(local).delete(value(local).length - 1, 1))
    type(cell(local, 0, NODE.indicatorValue), '8%')
    value(server).delete(0, value(server).length)
    value(server).insert(0, '≥91%')
    const [field] = refusedFields(local, server)
    expect(field!.runs.map((run) => run.text)).toEqual(['≥98%'])
    let n = 0
    restoreAsSuggestions(server, field!.runs, 'zhang', () => ({ id: `s${++n}`, time: 1 }))
    // A tryout's came back 「≥98%」 beside 「≥91%」, and accepting it stored 「≥98%≥91%」.
    expect(value(server).toDelta()).toEqual([
      { insert: '≥91%', attributes: { deletion: { id: 's1', author: 'zhang', time: 1 } } },
      { insert: '≥98%', attributes: { insertion: { id: 's2', author: 'zhang', time: 1 } } },
    ])
  })

  it('text whose place is gone stays to be copied by hand', () => {
    const { server, local } = setup()
    const fresh = new Y.XmlText()
    local.getXmlFragment('content').insert(1, [fresh])
    fresh.insert(0, '新段落')
    const { homeless } = restoreAsSuggestions(server, refusedRuns(Y.encodeStateAsUpdate(local), server), 'zhao', () => ({ id: 'x', time: 1 }))
    expect(homeless.map((r) => r.text)).toEqual(['新段落'])
  })

  it('a figure retyped in part (24.00: two Backspaces, then 8 and 0) is kept whole as 24.80, and goes back as 24.00 → 24.80, not as 24.0080', () => {
    const { server, local } = monitoring()
    const budget = cell(local, 1, NODE.fundsBudget)
    const text = budget.get(0) as Y.XmlText
    text.delete(0, text.length)
    text.insert(0, '24.00')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local))
    // Offline: the 00 deleted one key at a time, then 8 and 0.
    for (let n = 0; n < 2; n++) local.transact(() => text.delete(text.length - 1, 1))
    type(budget, '80')
    const [field] = refusedFields(local, server)
    expect(field!.runs.map((run) => run.text)).toEqual(['24.80'])
    let n = 0
    expect(restoreAsSuggestions(server, field!.runs, 'lina', () => ({ id: `s${++n}`, time: 1 }))).toEqual({ homeless: [], blocked: [] })
    const restored = (cell(server, 1, NODE.fundsBudget).get(0) as Y.XmlText).toDelta() as { insert: string; attributes: Record<string, SuggestionInfo> }[]
    expect(restored).toEqual([
      { insert: '24.00', attributes: { deletion: { id: 's1', author: 'lina', time: 1 } } },
      { insert: '24.80', attributes: { insertion: { id: 's2', author: 'lina', time: 1 } } },
    ])
    // Two suggestions made at once: one replacement, shown and decided as 24.00 → 24.80 (one id for both read as
    // two, a card saying 建议删除：24.00).
    const runs = restored.map((run) => ({ text: run.insert, insertion: run.attributes.insertion ?? null, deletion: run.attributes.deletion ?? null }))
    expect(replacementsIn(runs).map((r) => `${r.oldText} → ${r.newText}`)).toEqual(['24.00 → 24.80'])
  })

  it('a figure typed offline over a cell a reviewer meanwhile suggested a figure for is the figure as typed (21.00), not with the suggestion run into it (21.0022.00)', () => {
    const { server, local } = monitoring()
    const budget = (doc: Y.Doc) => cell(doc, 0, NODE.fundsBudget).get(0) as Y.XmlText
    // Online, a reviewer suggests 22.00 over 3.5; offline, staff retype it 21.00.
    const suggestion = { id: 'w1', author: 'wangfang', time: 1 }
    server.transact(() => {
      budget(server).format(0, 3, { deletion: suggestion })
      budget(server).insert(3, '22.00', { insertion: suggestion })
    })
    local.transact(() => {
      budget(local).delete(0, budget(local).length)
      budget(local).insert(0, '21.00')
    })
    // The refused copy has met the server's state (the suggestion) before it is read.
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
    const [field] = refusedFields(local, server)
    expect(field!.runs.map((run) => run.text)).toEqual(['21.00'])

    // Put back now it would sit on the reviewer's suggestion (which the server refuses, keeping yet another copy):
    // it is left, naming whose suggestion stands in the way, and the document is not touched.
    const before = budget(server).toDelta()
    const mine = { id: 'l1', author: 'lina', time: 2 }
    expect(restoreAsSuggestions(server, field!.runs, mine.author, () => mine)).toEqual({ homeless: [], blocked: [{ run: field!.runs[0], by: ['wangfang'] }] })
    expect(budget(server).toDelta()).toEqual(before)
    // Once the reviewer's suggestion is rejected, it goes back as 3.5 → 21.00.
    server.transact(() => {
      budget(server).delete(3, 5)
      budget(server).format(0, 3, { deletion: null })
    })
    expect(restoreAsSuggestions(server, field!.runs, mine.author, () => mine)).toEqual({ homeless: [], blocked: [] })
    expect(budget(server).toDelta()).toEqual([{ insert: '3.5', attributes: { deletion: mine } }, { insert: '21.00', attributes: { insertion: mine } }])
    // Back already: the panel lists it no more; pressed again all the same, it is not put back twice.
    expect(field!.runs.map((run) => alreadyBack(server, run, mine.author))).toEqual([true])
    expect(field!.runs.map((run) => alreadyBack(server, run, 'someone-else'))).toEqual([false])
    expect(restoreAsSuggestions(server, refusedFields(local, server)[0]!.runs, mine.author, () => ({ id: 'l2', time: 3 }))).toEqual({ homeless: [], blocked: [] })
    expect(budget(server).toDelta()).toEqual([{ insert: '3.5', attributes: { deletion: mine } }, { insert: '21.00', attributes: { insertion: mine } }])
  })

  it('text typed beside a reviewer’s pending suggestion is not put back into it', () => {
    const { server, local, text } = setup()
    text(local).insert(3, '（补充）')
    const theirs = { id: 'w1', author: 'wangfang', time: 1 }
    text(server).insert(3, '建议', { insertion: theirs })
    const runs = refusedRuns(Y.encodeStateAsUpdate(local), server)
    const left = restoreAsSuggestions(server, runs, 'zhao', () => ({ id: 'z1', time: 2 }))
    expect(left.blocked.map(({ run, by }) => [run.text, by])).toEqual([['（补充）', ['wangfang']]])
    expect(text(server).toString()).not.toContain('补充')
    // Once her suggestion is decided (accepted: its mark goes), nobody holds the run back, and the panel says so.
    expect(blockedBy(server, runs[0]!, 'zhao')).toEqual(['wangfang'])
    text(server).format(3, 2, { insertion: null })
    expect(blockedBy(server, runs[0]!, 'zhao')).toEqual([])
  })
})
