/**
 * What stands in the way of 审核通过: suggestions nobody has accepted or
 * rejected, comment threads still open, and check findings that are
 * errors. A reviewer may approve over them only with a written reason,
 * which is stored with the version. Read from the Y.Doc without writing.
 */
import * as Y from 'yjs'
import { contentOf } from '../model/y-document'
import { MARK } from '../schema/node-names'
import { isRowSuggestion, isSuggestionInfo } from '../schema/suggestion'
import { listThreads } from './threads'

export interface ApprovalState {
  pendingSuggestions: number
  openThreads: number
  errorFindings: number
}

/** Pending suggestions (each counted once, however many runs it spans) and open threads. */
export function reviewState(doc: Y.Doc): Omit<ApprovalState, 'errorFindings'> {
  const ids = new Set<string>()
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const run of child.toDelta() as { attributes?: Record<string, unknown> }[]) {
          for (const mark of [MARK.insertion, MARK.deletion]) {
            const info = run.attributes?.[mark]
            if (isSuggestionInfo(info)) ids.add(info.id)
          }
        }
      } else if (child instanceof Y.XmlElement) {
        const suggestion = child.getAttribute('suggestion') as unknown
        if (isRowSuggestion(suggestion)) ids.add(suggestion.id)
        walk(child)
      }
    }
  }
  walk(contentOf(doc))
  return { pendingSuggestions: ids.size, openThreads: listThreads(doc).filter((t) => t.status === 'open').length }
}

/** What blocks approval, one sentence each; empty when nothing does. */
export function approvalBlockers(state: ApprovalState): string[] {
  return [
    ...(state.pendingSuggestions > 0 ? [`还有 ${state.pendingSuggestions} 处修改建议未接受或拒绝`] : []),
    ...(state.openThreads > 0 ? [`还有 ${state.openThreads} 条批注未解决`] : []),
    ...(state.errorFindings > 0 ? [`审核检查还有 ${state.errorFindings} 个错误`] : []),
  ]
}
