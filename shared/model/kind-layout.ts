/**
 * What each kind's documents hold in the Y.Doc beyond the targets' nodes
 * (`shared/schema/node-names.ts`): the kinds that follow an approved
 * targets document have a 资金 node and an 实际完成情况 per project, and the
 * row cells listed here in every indicator row. Building a document gives
 * each project these nodes even where they are still empty, so there is a
 * cell to type into; the targets they follow are carried verbatim and
 * read-only (`carried-cells.ts`).
 *
 * Part of the model, not of the registry (which imports the models and
 * checks), so the document builder can read it without a cycle of folders.
 */
import type { DocumentKind } from './document-kind'
import type { INDICATOR_FOLLOW_UP_CELLS } from '../schema/node-names'

export type FollowUpColumn = keyof typeof INDICATOR_FOLLOW_UP_CELLS

export interface KindLayout {
  /** Whether it follows an approved targets document: 资金 and 实际完成情况 per project, the targets carried and read-only. */
  follows: boolean
  /** The cells its indicator rows add, in the schema's order. */
  rowCells: readonly FollowUpColumn[]
}

export const KIND_LAYOUT: Readonly<Record<DocumentKind, KindLayout>> = {
  targets: { follows: false, rowCells: [] },
  monitoring: { follows: true, rowCells: ['actual', 'forecast', 'likelihood', 'cause', 'measure'] },
  'self-evaluation': { follows: true, rowCells: ['actual', 'earned', 'deviation'] },
}
