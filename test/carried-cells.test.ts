/**
 * In a 监控 or 自评 the targets carried from the approved document are
 * read-only for everyone, enforced by the server's update rule
 * (`shared/review/carried-cells.ts`): against a real server, a raw Yjs
 * client's edit of a carried cell is refused and its edit of a cell the
 * kind adds is taken.
 */
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { linkedText } from '@shared/kinds/linked-text'
import { readText } from '@shared/model/y-document'
import { MARK } from '@shared/schema/node-names'
import { at, type IndicatorField, type ProjectField } from '../support/document-place'
import { sampleText } from '../support/sample'
import { DOC_ID, startTestServer, until, type TestServer } from '../support/test-server'
import { rawClient } from './support/raw-client'
import { replicaOf, updateOf } from './support/raw-update'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** The element of a field of the first project, or of its first indicator row. */
const fieldOf = (ydoc: Y.Doc, field: ProjectField) => at(ydoc, { project: 0, field })
const rowFieldOf = (ydoc: Y.Doc, field: IndicatorField) => at(ydoc, { project: 0, indicator: 0, field })
const rowsOf = (ydoc: Y.Doc) => at(ydoc, { project: 0, list: 'indicators' })
/** Types `text` at the start of a field, as the editor binding does (an empty field gets its text node). */
const typeInto = (field: Y.XmlElement, text: string, attributes?: Record<string, unknown>) => {
  const existing = field.get(0)
  if (existing instanceof Y.XmlText) existing.insert(0, text, attributes)
  else {
    const node = new Y.XmlText()
    node.insert(0, text, attributes)
    field.insert(0, [node])
  }
}

describe('carried target cells in a 监控', () => {
  it('are refused from an editor and a reviewer alike; the cells the 监控 adds are taken; a targets document is as before', async () => {
    t = await startTestServer()
    const text = linkedText(parsePublishedText(sampleText()), 'monitoring', '6月')
    const id = await t.server.data.service.create(text, { title: '监控', ownerId: null, basedOn: DOC_ID })
    const zhang = await rawClient(t, 'zhang', 'editor', id)
    const served = () => t.server.relay.loadedDocument(id)!
    await until(() => served() !== undefined, 'loaded')
    const send = (edit: (d: Y.Doc) => void) => zhang.send(updateOf(replicaOf(served()), edit))

    send((d) => typeInto(rowFieldOf(d, 'value'), '≥'))
    await until(() => zhang.refusals.length === 1, 'a carried 年度指标值 refused')
    expect(zhang.refusals[0]).toMatch(/绩效目标沿用审核通过的目标表，不能修改（指标值）/)
    send((d) => rowsOf(d).delete(0, 1))
    await until(() => zhang.refusals.length === 2, 'a carried row deleted refused')
    send((d) => at(d, { project: 0, indicator: 0 }).setAttribute('level1', '效益指标'))
    await until(() => zhang.refusals.length === 3, 'a carried 一级 refused')
    send((d) => fieldOf(d, 'budgetTotal').delete(0, 1))
    await until(() => zhang.refusals.length === 4, 'a carried 预算数 refused')

    send((d) => typeInto(rowFieldOf(d, 'actual'), '2次'))
    send((d) => typeInto(fieldOf(d, 'executed'), '5'))
    send((d) => typeInto(fieldOf(d, 'achieved'), '已培训 2 次'))
    await until(() => readText(served()).projects[0]!.achieved === '已培训 2 次', 'the 监控 cells taken')
    const now = readText(served()).projects[0]!
    expect([now.indicators[0]!.actual, now.funds!.executed]).toEqual(['2次', '5'])
    expect(now.indicators[0]!.value).toBe(text.projects[0]!.indicators[0]!.value)
    expect(zhang.refusals).toHaveLength(4)

    // The reviewer may suggest — in the cells the 监控 adds, not in the targets.
    const wang = await rawClient(t, 'wang', 'reviewer', id)
    const mark = { [MARK.insertion]: { id: 's1', author: 'wang', time: 1 } }
    wang.send(updateOf(replicaOf(served()), (d) => typeInto(rowFieldOf(d, 'value'), '约', mark)))
    await until(() => wang.refusals.length === 1, 'a reviewer’s suggestion on a carried cell refused')
    expect(wang.refusals[0]).toMatch(/不能修改/)
    wang.send(updateOf(replicaOf(served()), (d) => typeInto(rowFieldOf(d, 'measure'), '增派讲师', { [MARK.insertion]: { id: 's2', author: 'wang', time: 1 } })))
    await until(() => JSON.stringify(served().getXmlFragment('content').toJSON()).includes('增派讲师'), 'a reviewer’s suggestion in an added cell taken')
    expect(wang.refusals).toHaveLength(1)

    // A targets document: its cells are the department's to edit.
    const li = await rawClient(t, 'li', 'editor', DOC_ID)
    const targets = () => t.server.relay.loadedDocument(DOC_ID)!
    await until(() => targets() !== undefined, 'loaded')
    li.send(updateOf(replicaOf(targets()), (d) => typeInto(rowFieldOf(d, 'value'), '约')))
    await until(() => readText(targets()).projects[0]!.indicators[0]!.value.startsWith('约'), 'a targets cell taken')
    expect(li.refusals).toEqual([])
  }, 60_000)

  it('自评: the 分值 of 预算执行率 is refused like an indicator 分值; its 执行数 is taken', async () => {
    t = await startTestServer()
    const text = linkedText(parsePublishedText(sampleText()), 'self-evaluation')
    const id = await t.server.data.service.create(text, { title: '自评', ownerId: null, basedOn: DOC_ID })
    const zhang = await rawClient(t, 'zhang', 'editor', id)
    const served = () => t.server.relay.loadedDocument(id)!
    await until(() => served() !== undefined, 'loaded')
    const send = (edit: (d: Y.Doc) => void) => zhang.send(updateOf(replicaOf(served()), edit))

    send((d) => typeInto(fieldOf(d, 'points'), '20'))
    await until(() => zhang.refusals.length === 1, 'the 预算执行率 分值 refused')
    expect(zhang.refusals[0]).toMatch(/绩效目标沿用审核通过的目标表，不能修改（分值）/)
    send((d) => typeInto(fieldOf(d, 'executed'), '5'))
    await until(() => readText(served()).projects[0]!.funds!.executed === '5', 'the 执行数 taken')
    expect(readText(served()).projects[0]!.funds!.points).toBe('')
    expect(zhang.refusals).toHaveLength(1)
  }, 60_000)

  it('imported from a file, its targets are carried as well, and the refusal says to put them right in the form', async () => {
    t = await startTestServer()
    const id = await t.server.data.service.create(linkedText(parsePublishedText(sampleText()), 'self-evaluation'), { title: '导入的自评', ownerId: null })
    const zhang = await rawClient(t, 'zhang', 'editor', id)
    const served = () => t.server.relay.loadedDocument(id)!
    await until(() => served() !== undefined, 'loaded')
    zhang.send(updateOf(replicaOf(served()), (d) => typeInto(rowFieldOf(d, 'value'), '≥')))
    await until(() => zhang.refusals.length === 1, 'the 指标值 refused')
    expect(zhang.refusals[0]).toMatch(/绩效目标来自导入的文件，不能在此修改（指标值）；有误的，请在原表中改正后重新导入/)
  }, 60_000)
})
