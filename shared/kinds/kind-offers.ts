/**
 * What a document of each kind offers to be made from it, in one small
 * table (no models or checks, so the document list reads it without
 * loading them): the list shows only these, and the server refuses the
 * rest with a reason.
 */
import type { DocumentKind } from '../model/document-kind'

export interface KindOffers {
  /**
   * 以此为底稿新建下一年度. Next year's draft is made from the targets; a 监控
   * or 自评 is read against it for 结果应用 (`document-findings.ts`), never
   * copied into it.
   */
  nextYear: boolean
}

export const KIND_OFFERS: Readonly<Record<DocumentKind, KindOffers>> = {
  targets: { nextYear: true },
  monitoring: { nextYear: false },
  'self-evaluation': { nextYear: false },
}
