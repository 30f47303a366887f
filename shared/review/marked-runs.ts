/**
 * A Y.XmlText's content as the review marks read it (`MarkedRun`): each
 * run's text with its suggested insertion and deletion, if any; an embedded
 * node is a run without text. Marks that are no suggestion are not read.
 */
import type * as Y from 'yjs'
import { MARK } from '../schema/node-names'
import { isSuggestionInfo } from '../schema/suggestion'
import type { MarkedRun } from './replacements'

const markOf = (attributes: Record<string, unknown> | undefined, mark: string) => {
  const info = attributes?.[mark]
  return isSuggestionInfo(info) ? info : null
}

export const markedRunsOf = (text: Y.XmlText): MarkedRun[] =>
  (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((run) => ({
    text: typeof run.insert === 'string' ? run.insert : '',
    insertion: markOf(run.attributes, MARK.insertion),
    deletion: markOf(run.attributes, MARK.deletion),
  }))
