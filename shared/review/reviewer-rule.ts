/**
 * What a reviewer's update may do, decided from the update itself against
 * the document as it is: a reviewer (财政 审核) only proposes. Allowed:
 *
 *   - inserting text that carries an `insertion` mark with their own name
 *     (also into an empty field, where the binding creates the text node);
 *   - marking existing text with a `deletion` mark with their own name, and
 *     taking their own deletion marks back;
 *   - deleting text that is their own pending insertion.
 *
 * Anything else — changing or deleting unmarked text, someone else's
 * suggestion, a node or an attribute, `meta`, another root — refuses the
 * whole update. Comment threads are checked by `threadsRule` (threads.ts).
 *
 * The update is applied to a throwaway copy (without garbage collection,
 * so deleted text can still be read) and the copy's change events are
 * checked; the document itself is never touched.
 */
import * as Y from 'yjs'
import { isSuggestionInfo } from '../schema/suggestion'
import { MARK } from '../schema/node-names'
import { ROOT } from '../model/y-document'

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

function checkTextEvent(event: Y.YTextEvent, before: Y.Snapshot, reviewer: string): string | null {
  const target = event.target as Y.XmlText
  const chars = characters(target.toDelta(before) as Run[])
  let at = 0
  for (const op of event.delta as { insert?: unknown; delete?: number; retain?: number; attributes?: Attributes }[]) {
    if (op.insert !== undefined) {
      if (typeof op.insert !== 'string') return '审核人不能插入文字以外的内容'
      const keys = Object.entries(op.attributes ?? {}).filter(([, value]) => value !== null).map(([key]) => key)
      if (!ownMark(op.attributes, MARK.insertion, reviewer) || keys.some((k) => k !== MARK.insertion)) {
        return '审核人插入的文字必须作为本人的修改建议（插入标记）'
      }
    } else if (op.delete !== undefined) {
      if (!chars.slice(at, at + op.delete).every((attributes) => ownMark(attributes, MARK.insertion, reviewer))) {
        return '审核人只能删除自己尚未处理的插入建议；删除原文应作为删除建议'
      }
      at += op.delete
    } else if (op.retain !== undefined) {
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        // Yjs reports a formatting change over a whole run (the editor binding re-states every
        // mark it knows as null where absent): judge character by character what really changes.
        for (const attributes of chars.slice(at, at + op.retain)) {
          const current = attributes?.[key]
          if (value === null && current === undefined) continue
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

/** A field's children change only when the binding adds or drops the text node of an empty field. */
function checkElementEvent(event: Y.YEvent<Y.XmlElement | Y.XmlFragment>, before: Y.Snapshot, reviewer: string): string | null {
  if (event.keys.size > 0) return '审核人不能修改表格结构或指标分类'
  for (const op of event.changes.delta as { insert?: unknown[]; delete?: number }[]) {
    if (op.insert !== undefined) {
      for (const inserted of op.insert) {
        if (!(inserted instanceof Y.XmlText) || !isOwnInsertionText(inserted, reviewer)) return '审核人不能增加或删除段落、项目或指标行'
      }
    }
  }
  for (const item of event.changes.deleted) {
    const type = (item.content as Y.ContentType).type
    if (!(type instanceof Y.XmlText) || !isOwnInsertionText(type, reviewer, before)) return '审核人不能增加或删除段落、项目或指标行'
  }
  return null
}

export type ThreadsRule = (events: Y.YEvent<Y.AbstractType<unknown>>[], user: string) => string | null

const refuseAllThreadChanges: ThreadsRule = (events) => (events.length > 0 ? '审核人不能修改批注' : null)

interface Observers {
  /** `before` is the document before the update, for reading what was deleted. */
  content?: (event: Y.YEvent<Y.AbstractType<unknown>>, before: Y.Snapshot) => string | null
  threads?: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => string | null
  meta?: () => string | null
}

/**
 * Applies `update` to a throwaway copy of `doc` and lets the observers judge
 * the changes (event details can only be read while the handlers run).
 * The first refusal wins. Never throws; never changes `doc`.
 */
export function judgeUpdate(doc: Y.Doc, update: Uint8Array, observers: Observers): ReviewDecision {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const roots = new Set(copy.share.keys())
  const before = Y.snapshot(copy)
  let reason: string | null = null
  const decide = (check: () => string | null) => {
    reason ??= check()
  }
  const { content, threads, meta } = observers
  if (content) copy.getXmlFragment(ROOT.content).observeDeep((events) => events.forEach((event) => decide(() => content(event, before))))
  if (threads) copy.getMap(ROOT.threads).observeDeep((events) => decide(() => threads(events)))
  if (meta) copy.getMap(ROOT.meta).observeDeep(() => decide(meta))
  try {
    Y.applyUpdate(copy, update)
    if (copy.store.pendingStructs != null || copy.store.pendingDs != null) return refuse('更新引用了服务器上没有的内容，请刷新后重试')
    for (const [name, type] of copy.share) {
      if (!roots.has(name) && !(name in ROOT) && type._start !== null) return refuse('不能新增文档部分')
    }
    return reason ? refuse(reason) : ALLOWED
  } catch (error) {
    return refuse(`无法检查此更新：${(error as Error).message}`)
  } finally {
    copy.destroy()
  }
}

/** Decides a reviewer's update. Never throws; never changes `doc`. */
export function checkReviewerUpdate(doc: Y.Doc, update: Uint8Array, reviewer: string, threadsRule: ThreadsRule = refuseAllThreadChanges): ReviewDecision {
  return judgeUpdate(doc, update, {
    content: (event, before) =>
      event.target instanceof Y.XmlText
        ? checkTextEvent(event as Y.YTextEvent, before, reviewer)
        : checkElementEvent(event as Y.YEvent<Y.XmlElement>, before, reviewer),
    threads: (events) => threadsRule(events, reviewer),
    meta: () => '审核人不能修改文档信息和流程状态',
  })
}
