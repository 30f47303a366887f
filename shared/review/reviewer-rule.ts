/**
 * What a reviewer's update may do, decided from the update itself against
 * the document as it is: a reviewer (财政 审核) only proposes. Allowed:
 *
 *   - inserting text that carries an `insertion` mark with their own name
 *     (also into an empty field, where the binding creates the text node);
 *   - marking existing text with a `deletion` mark with their own name, and
 *     taking their own deletion marks back;
 *   - deleting text that is their own pending insertion;
 *   - proposing a whole row (an indicator, a spending date, a goal, a
 *     project…) as a new node carrying `suggestion: {kind: 'insert'}` in their
 *     name, proposing to delete one by setting `suggestion: {kind: 'delete'}`,
 *     taking either back, and editing freely inside their own proposed row.
 *
 * Anything else — changing or deleting unmarked text, someone else's
 * suggestion, a node or an attribute, `meta`, another root — refuses the
 * whole update. Comment threads are checked by `threadsRule` (threads.ts).
 *
 * The update is tried on a trial replica (`trial-replica.ts`, without
 * garbage collection, so deleted text can still be read) and the replica's
 * change events are checked; the document itself is never touched.
 */
import * as Y from 'yjs'
import { isRowSuggestion, isSuggestionInfo, type RowSuggestion } from '../schema/suggestion'
import { MARK, ROW_NODES } from '../schema/node-names'
import { contentOf, metaOf, threadsOf } from '../model/y-document'
import { threadsRule } from './threads'
import { continuesOwnSuggestion } from './own-typing'
import type { TrialReplica } from './trial-replica'

export type ReviewDecision = { allowed: true } | { allowed: false; reason: string }

const ALLOWED: ReviewDecision = { allowed: true }
const refuse = (reason: string): ReviewDecision => ({ allowed: false, reason })

type Attributes = Record<string, unknown> | undefined
interface Run {
  insert?: unknown
  attributes?: Attributes
}

const ownMark = (attributes: Attributes, mark: string, reviewer: string): boolean => {
  const value = attributes?.[mark]
  return isSuggestionInfo(value) && value.author === reviewer
}

/** Text runs of a delta, one entry per character, so ranges can be checked char by char. */
function characters(delta: Run[]): Attributes[] {
  return delta.flatMap((op) => (typeof op.insert === 'string' ? [...Array(op.insert.length)].map(() => op.attributes) : [undefined]))
}

const isOwnInsertionText = (text: Y.XmlText, reviewer: string, snapshot?: Y.Snapshot): boolean =>
  (text.toDelta(snapshot) as Run[]).every((run) => typeof run.insert === 'string' && ownMark(run.attributes, MARK.insertion, reviewer))

const isRowNode = (el: Y.XmlElement) => (ROW_NODES as readonly string[]).includes(el.nodeName)

/** A row's suggestion attribute, now or (for a row deleted by the update) as it was in `snapshot`. */
const rowSuggestion = (el: Y.XmlElement, snapshot?: Y.Snapshot): RowSuggestion | null => {
  const value = (snapshot ? Y.typeMapGetSnapshot(el, 'suggestion', snapshot) : el.getAttribute('suggestion')) as unknown
  return isRowSuggestion(value) ? value : null
}

/** A row this reviewer proposed and nobody has decided yet: theirs to change freely. */
const isOwnProposedRow = (el: Y.XmlElement, reviewer: string, snapshot?: Y.Snapshot) => {
  const suggestion = rowSuggestion(el, snapshot)
  return isRowNode(el) && suggestion?.kind === 'insert' && suggestion.author === reviewer
}

/** Whether `type` sits inside a row the reviewer proposed. */
function insideOwnProposedRow(type: { _item: Y.Item | null }, reviewer: string): boolean {
  for (let t: { _item: Y.Item | null } | null = type; t && t._item; t = t._item.parent as unknown as { _item: Y.Item | null }) {
    if (t instanceof Y.XmlElement && isOwnProposedRow(t, reviewer)) return true
  }
  return false
}

/** A new row proposed as a whole: marked as the reviewer's insertion, with no suggestions of others inside. */
function isOwnProposedNewRow(el: unknown, reviewer: string): boolean {
  if (!(el instanceof Y.XmlElement) || !isOwnProposedRow(el, reviewer)) return false
  const clean = (node: Y.XmlElement): boolean =>
    node.toArray().every((child) =>
      child instanceof Y.XmlText
        ? (child.toDelta() as Run[]).every((run) => typeof run.insert === 'string' && Object.keys(run.attributes ?? {}).every((k) => k === MARK.insertion && ownMark(run.attributes, k, reviewer)))
        : child instanceof Y.XmlElement && !rowSuggestion(child) && clean(child),
    )
  return clean(el)
}

function checkTextEvent(event: Y.YTextEvent, before: Before, reviewer: string): string | null {
  const target = event.target as Y.XmlText
  // The editor never gives a text node attributes: whatever one would carry is smuggled.
  if (event.keysChanged.size > 0) return '审核人不能修改文字节点的属性'
  if (insideOwnProposedRow(target, reviewer)) return null
  // The text as it was, char by char: only deletions and formatting need it, so typing does not pay for it.
  let charsBefore: Attributes[] | null = null
  const chars = () => (charsBefore ??= characters(target.toDelta(before(target)) as Run[]))
  let at = 0
  for (const op of event.delta as { insert?: unknown; delete?: number; retain?: number; attributes?: Attributes }[]) {
    if (op.insert !== undefined) {
      if (typeof op.insert !== 'string') return '审核人不能插入文字以外的内容'
      const keys = Object.entries(op.attributes ?? {}).filter(([, value]) => value !== null).map(([key]) => key)
      if (!ownMark(op.attributes, MARK.insertion, reviewer) || keys.some((k) => k !== MARK.insertion)) {
        return '审核人插入的文字必须作为本人的修改建议（插入标记）'
      }
    } else if (op.delete !== undefined) {
      if (!chars().slice(at, at + op.delete).every((attributes) => ownMark(attributes, MARK.insertion, reviewer))) {
        return '审核人只能删除自己尚未处理的插入建议；删除原文应作为删除建议'
      }
      at += op.delete
    } else if (op.retain !== undefined) {
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        // Yjs reports a formatting change over a whole run (the editor binding re-states every
        // mark it knows as null where absent): judge character by character what really changes.
        for (const attributes of chars().slice(at, at + op.retain)) {
          const current = attributes?.[key]
          if (value === null && current === undefined) continue
          // Retyping over one's own pending figure makes the characters it keeps part of the new suggestion.
          if (key === MARK.insertion && isSuggestionInfo(value) && value.author === reviewer && ownMark(attributes, MARK.insertion, reviewer)) continue
          if (key !== MARK.deletion) return '审核人不能修改文字格式或他人的建议'
          if (value !== null && !(isSuggestionInfo(value) && value.author === reviewer)) return '删除建议必须署审核人本人的名字'
          if (current !== undefined && !ownMark(attributes, MARK.deletion, reviewer)) return '审核人只能撤回或改动自己的删除建议'
        }
      }
      at += op.retain
    }
  }
  return null
}

/**
 * Children and attributes of elements: the text node of an empty field
 * coming and going, whole rows proposed or withdrawn, and the `suggestion`
 * attribute of a row.
 */
function checkElementEvent(event: Y.YEvent<Y.XmlElement | Y.XmlFragment>, before: Before, reviewer: string): string | null {
  const target = event.target
  if (target instanceof Y.XmlElement && insideOwnProposedRow(target, reviewer) && !isOwnProposedRow(target, reviewer)) return null
  for (const [key, change] of event.keys) {
    const previous = isRowSuggestion(change.oldValue) ? change.oldValue : null
    // In one's own proposed row everything may change but the proposal itself (removing it would accept it).
    if (key !== 'suggestion' && target instanceof Y.XmlElement && isOwnProposedRow(target, reviewer)) continue
    if (key !== 'suggestion' || !(target instanceof Y.XmlElement) || !isRowNode(target)) return '审核人不能修改表格结构或指标分类'
    const next = rowSuggestion(target)
    if (previous && previous.author !== reviewer) return '审核人不能改动他人的建议'
    if (previous?.kind === 'insert') return '撤回自己提议的行请删除该行'
    if (next && !(next.kind === 'delete' && next.author === reviewer)) return '删除建议必须署审核人本人的名字'
    if (!previous && !next) return '审核人不能修改表格结构或指标分类'
  }
  for (const op of event.changes.delta as { insert?: unknown[]; delete?: number }[]) {
    for (const inserted of op.insert ?? []) {
      const allowed = inserted instanceof Y.XmlText ? isOwnInsertionText(inserted, reviewer) : isOwnProposedNewRow(inserted, reviewer)
      if (!allowed) return '审核人只能以修改建议的方式增加段落、项目或指标行'
    }
  }
  for (const item of event.changes.deleted) {
    const type = (item.content as Y.ContentType).type
    // A deleted element still holds its attributes: only the reviewer's own proposed rows may go.
    const allowed = type instanceof Y.XmlText ? isOwnInsertionText(type, reviewer, before(type)) : type instanceof Y.XmlElement && isOwnProposedRow(type, reviewer, before(type))
    if (!allowed) return '审核人只能以删除建议的方式删除段落、项目或指标行'
  }
  return null
}

export type ThreadsRule = (events: Y.YEvent<Y.AbstractType<unknown>>[], user: string) => string | null

/** How a type read before the update: `before(type)` is a snapshot good for reading that type (`any`: Yjs types are invariant in their event type). */
export type Before = (type: Y.AbstractType<any>) => Y.Snapshot

interface Observers {
  content?: (event: Y.YEvent<Y.AbstractType<unknown>>, before: Before) => string | null
  threads?: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => string | null
  /** Judges the update's changes of `meta`, as events on the replica (the replica holds the update). */
  meta?: (events: Y.YEvent<Y.AbstractType<unknown>>[], replica: Y.Doc) => string | null
}

/**
 * A snapshot of the document before `transaction`, good for reading `type`
 * (its text or children, and its attributes): only that type's items are
 * looked at, so it costs the size of the type, not of the document.
 */
function snapshotBefore(type: Y.AbstractType<any>, transaction: Y.Transaction): Y.Snapshot {
  const ds = Y.createDeleteSet()
  const deletedBefore = (item: Y.Item) => {
    if (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id)) return
    const ranges = ds.clients.get(item.id.client) ?? []
    ranges.push({ clock: item.id.clock, len: item.length } as (typeof ranges)[number])
    ds.clients.set(item.id.client, ranges)
  }
  for (let item = type._start; item !== null; item = item.right) deletedBefore(item)
  for (const last of type._map.values()) for (let item: Y.Item | null = last; item !== null; item = item.left) deletedBefore(item)
  for (const ranges of ds.clients.values()) ranges.sort((a, b) => a.clock - b.clock)
  return Y.createSnapshot(ds, transaction.beforeState)
}

/**
 * Tries `update` on the trial replica and lets the observers judge the
 * changes (event details can only be read while the handlers run). The
 * first refusal wins. Never throws; never changes the document itself.
 * The caller has passed the update through the causal gate
 * (`analyseUpdate`): it integrates whole.
 */
export function judgeUpdate(trial: TrialReplica, update: Uint8Array, observers: Observers): ReviewDecision {
  try {
    return trial.trial(
      (replica) => {
        let reason: string | null = null
        const decide = (check: () => string | null) => {
          reason ??= check()
        }
        const { content, threads, meta } = observers
        const onContent = (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
          events.forEach((event) => decide(() => content!(event, (type) => snapshotBefore(type, event.transaction))))
        const onThreads = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => decide(() => threads!(events))
        const onMeta = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => decide(() => meta!(events, replica))
        if (content) contentOf(replica).observeDeep(onContent)
        if (threads) threadsOf(replica).observeDeep(onThreads)
        if (meta) metaOf(replica).observeDeep(onMeta)
        try {
          Y.applyUpdate(replica, update)
        } finally {
          if (content) contentOf(replica).unobserveDeep(onContent)
          if (threads) threadsOf(replica).unobserveDeep(onThreads)
          if (meta) metaOf(replica).unobserveDeep(onMeta)
        }
        if (replica.store.pendingStructs !== null || replica.store.pendingDs !== null) return refuse('更新引用了服务器上没有的内容，请刷新后重试')
        return reason === null ? ALLOWED : refuse(reason)
      },
      (decision) => decision.allowed,
    )
  } catch (error) {
    return refuse(`无法检查此更新：${(error as Error).message}`)
  }
}

/**
 * Decides a reviewer's update. Never throws; never changes the document.
 * Typing on inside one's own suggestion is decided from the document
 * directly (`own-typing.ts`); everything else is tried on the replica.
 */
export function checkReviewerUpdate(trial: TrialReplica, update: Uint8Array, reviewer: string, rulesForThreads: ThreadsRule = threadsRule): ReviewDecision {
  if (continuesOwnSuggestion(trial.document, update, reviewer)) return ALLOWED
  return judgeReviewerUpdate(trial, update, reviewer, rulesForThreads)
}

/** The full reviewer rule, tried on the replica, with no shortcut. */
export function judgeReviewerUpdate(trial: TrialReplica, update: Uint8Array, reviewer: string, rulesForThreads: ThreadsRule = threadsRule): ReviewDecision {
  return judgeUpdate(trial, update, {
    content: (event, before) =>
      event.target instanceof Y.XmlText
        ? checkTextEvent(event as Y.YTextEvent, before, reviewer)
        : checkElementEvent(event as Y.YEvent<Y.XmlElement>, before, reviewer),
    threads: (events) => rulesForThreads(events, reviewer),
    meta: () => '审核人不能修改文档信息和流程状态',
  })
}
