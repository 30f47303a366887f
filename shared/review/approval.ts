/**
 * What stands in the way of 审核通过: suggestions nobody has accepted or
 * rejected, comment threads still open, and check findings that are
 * errors. A reviewer may approve over them only with a written reason,
 * which is stored with the version. Read from the Y.Doc without writing.
 */
import * as Y from 'yjs'
import { contentOf } from '../model/y-document'
import { MARK } from '../schema/node-names'
import { isRowSuggestion } from '../schema/suggestion'
import { pendingPlaces } from './pending-places'
import { markedRunsOf } from './marked-runs'
import { listThreads } from './threads'

export interface ApprovalState {
  pendingSuggestions: number
  openThreads: number
  errorFindings: number
}

/**
 * Pending suggestions, in 处 as `pendingPlaces` counts them (one place in
 * the text; a proposed row is one), and open threads. The same count the
 * editor's 「接受全部 N 处修订」 gives.
 */
export function reviewState(doc: Y.Doc): Omit<ApprovalState, 'errorFindings'> {
  let places = 0
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    const children = node.toArray()
    // An element holding text is a field: its texts and inline elements (a break, as '') are its runs.
    if (node instanceof Y.XmlElement && children.some((child) => child instanceof Y.XmlText)) {
      places += pendingPlaces(children.flatMap((child) => (child instanceof Y.XmlText ? markedRunsOf(child) : [{ text: '', insertion: null, deletion: null }])))
      return
    }
    for (const child of children) {
      if (!(child instanceof Y.XmlElement)) continue
      if (isRowSuggestion(child.getAttribute('suggestion') as unknown)) places++
      walk(child)
    }
  }
  walk(contentOf(doc))
  return { pendingSuggestions: places, openThreads: listThreads(doc).filter((t) => t.status === 'open').length }
}

/** What blocks approval, one sentence each; empty when nothing does. */
export function approvalBlockers(state: ApprovalState): string[] {
  return [
    ...(state.pendingSuggestions > 0 ? [`还有 ${state.pendingSuggestions} 处修改建议未接受或拒绝`] : []),
    ...(state.openThreads > 0 ? [`还有 ${state.openThreads} 条批注未解决`] : []),
    ...(state.errorFindings > 0 ? [`审核检查还有 ${state.errorFindings} 个错误`] : []),
  ]
}
