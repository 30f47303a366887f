/**
 * In a 绩效运行监控 or 绩效自评 the targets it follows are carried verbatim
 * from the approved document (a change of targets is a 目标调整, not an
 * edit): the server refuses, from everyone, an update that would change
 * them. What such a document adds stays open — the title block and 第一部分,
 * and in each project the 资金 figures but the 年初预算数 and 预算执行率's 分值, the 实际完成情况 and
 * each row's cells of the kind (`INDICATOR_FOLLOW_UP_CELLS`).
 *
 * Decided from the update and the document before anything is applied,
 * as the causal gate reads it (`incoming-update.ts`): every new item is
 * followed to the element it lands in (through its parent, or its
 * neighbour's, in the document or earlier in the update), and every live
 * item it deletes is looked up; each must sit inside an open cell or
 * outside the projects. A row added or removed, an attribute (一级/二级)
 * set, a carried cell's text typed, marked or deleted: all refused.
 */
import * as Y from 'yjs'
import { KIND_LAYOUT } from '../model/kind-layout'
import { basedOnOf, documentKindOf } from '../model/y-document'
import { isDocumentKind } from '../model/document-kind'
import { INDICATOR_FOLLOW_UP_CELLS, NODE } from '../schema/node-names'
import { FIELD_LABEL } from '../schema/field-labels'

/**
 * The cells of a project that a 监控 or 自评 fills in: everything else in its projects is carried.
 * The 预算执行率's 分值 (`fundsPoints`) is not among them: it is the weight the rules give 执行率
 * (10 unless the form says otherwise), as carried as each indicator's 分值 — a department must not
 * re-weight its own score.
 */
export const OPEN_CELLS: ReadonlySet<string> = new Set([
  NODE.fundsBudget, NODE.fundsExecuted, NODE.fundsRate, NODE.fundsEarned, NODE.projectAchieved,
  ...Object.values(INDICATOR_FOLLOW_UP_CELLS),
])

type Landing = { names: string[] } | null

/** The element names from a type up to the root. */
function namesUp(type: Y.AbstractType<unknown> | null, names: string[] = []): string[] {
  for (let t = type; t; t = (t._item?.parent ?? null) as Y.AbstractType<unknown> | null) {
    if (t instanceof Y.XmlElement) names.push(t.nodeName)
  }
  return names
}

function itemInDocument(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/** Where a new item lands: the element names from its parent up, or null when it lands on collected garbage (integrating as nothing). */
function landing(doc: Y.Doc, start: Y.Item, inUpdate: (id: Y.ID) => Y.Item | undefined): Landing {
  const names: string[] = []
  let item: Y.Item | undefined = start
  while (item) {
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { names }
    const via = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin)
    if (!via) return null
    const there = itemInDocument(doc, via)
    if (there) {
      if (!(there instanceof Y.Item)) return null
      const type = parent instanceof Y.ID ? (there.content instanceof Y.ContentType ? there.content.type : null) : (there.parent as Y.AbstractType<unknown>)
      return { names: namesUp(type as Y.AbstractType<unknown> | null, names) }
    }
    const next = inUpdate(via)
    if (!next) return null
    if (parent instanceof Y.ID && next.content instanceof Y.ContentType && next.content.type instanceof Y.XmlElement) names.push(next.content.type.nodeName)
    item = next
  }
  return null
}

/** Whether a change at this place (its element names, innermost first) touches the carried targets: inside the projects and in no open cell. */
const carried = (names: readonly string[]): boolean => names.includes(NODE.projectsPart) && !names.some((name) => OPEN_CELLS.has(name))

/**
 * Where a 监控's or 自评's targets came from: the approved targets document it
 * was made from, or a file it was imported from (a region's 自评表). Either
 * way they are carried, not edited — one imported is put right in its form
 * and imported again — but what the person is told differs.
 */
export type TargetsSource = 'approved' | 'file'

export const targetsSourceOf = (ydoc: Y.Doc): TargetsSource => (basedOnOf(ydoc) === undefined ? 'file' : 'approved')

/** Why a carried target cannot be changed here, naming the cell, as the server refuses it. */
const carriedRefusal = (source: TargetsSource, field: string): string =>
  source === 'approved'
    ? `这份文档的绩效目标沿用审核通过的目标表，不能修改（${field}）；目标需要调整的，请走目标调整程序`
    : `这份文档的绩效目标来自导入的文件，不能在此修改（${field}）；有误的，请在原表中改正后重新导入`

/** Whether documents of this kind carry targets (a 监控 or 自评; an unknown or missing kind carries none). */
export const carriesTargets = (kind: string | undefined): boolean => isDocumentKind(kind) && KIND_LAYOUT[kind].follows

/**
 * Whether, in a document of `kind`, a change inside the node `nodeName`
 * (its content, text or attributes) touches the carried targets; `path` is
 * its ancestors' names, innermost first. The rule the server refuses by,
 * for the editor to mirror (`client/editor/carried-cells.ts`).
 */
export const isCarriedNode = (kind: string | undefined, nodeName: string, path: readonly string[]): boolean =>
  carriesTargets(kind) && carried([nodeName, ...path])

/** The carried field a place is in, by its label, to name it in the refusal. */
const fieldOf = (names: readonly string[]): string => names.map((name) => FIELD_LABEL[name]).find((label) => label) ?? '目标表的结构'

/**
 * Why the update may not be taken in this document, or null: only a 监控
 * or 自评 carries targets. `items` are the update's new items (decoded by
 * the gate); `update` is read for its deletions.
 */
export function carriedCellsRefusal(doc: Y.Doc, update: Uint8Array, items: readonly Y.Item[]): string | null {
  if (!carriesTargets(documentKindOf(doc))) return null
  const byId = new Map<number, Y.Item[]>()
  for (const item of items) byId.set(item.id.client, [...(byId.get(item.id.client) ?? []), item])
  const inUpdate = (id: Y.ID) => byId.get(id.client)?.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length)
  const refusal = (names: readonly string[]) => carriedRefusal(targetsSourceOf(doc), fieldOf(names))
  for (const item of items) {
    const where = landing(doc, item, inUpdate)
    if (where && carried(where.names)) return refusal(where.names)
  }
  const { ds } = Y.decodeUpdate(update)
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      const known = Y.getState(doc.store, client)
      if (clock >= known) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < Math.min(clock + len, known); i++) {
        const struct = structs[i]!
        if (!(struct instanceof Y.Item) || struct.deleted) continue
        const names = namesUp(struct.parent as Y.AbstractType<unknown>)
        if (carried(names)) return refusal(names)
      }
    }
  }
  return null
}
