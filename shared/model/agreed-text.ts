/**
 * Reading a document's JSON as everybody agreed on it: pending suggestions
 * are undecided, so text a reviewer proposed to insert (and a row proposed
 * as a whole) is left out, and text proposed for deletion is still there.
 * Shared by the text reader and the readers beside it.
 */
import type { NodeJSON } from './node-json'
import { MARK, NODE } from '../schema/node-names'

const children = (node: NodeJSON | undefined): NodeJSON[] => node?.content ?? []

export const child = (node: NodeJSON | undefined, type: string): NodeJSON | undefined =>
  children(node).find((c) => c.type === type)

const isPendingInsertion = (node: NodeJSON): boolean =>
  (node.marks ?? []).some((m) => m.type === MARK.insertion) ||
  (node.attrs?.suggestion as { kind?: string } | null | undefined)?.kind === 'insert'

/** The children of `type`, pending row insertions left out. */
export const rows = (node: NodeJSON | undefined, type: string): NodeJSON[] =>
  children(node).filter((c) => c.type === type && !isPendingInsertion(c))

/** The agreed text of a text field. */
export function textOf(node: NodeJSON | undefined): string {
  return children(node)
    .filter((c) => c.type === NODE.text && !isPendingInsertion(c))
    .map((c) => c.text ?? '')
    .join('')
}
