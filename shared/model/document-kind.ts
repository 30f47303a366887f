/**
 * What a document is. `targets` is the 绩效目标 document; `self-evaluation`
 * the year-end 绩效自评 of an approved one. The 绩效运行监控 (`monitoring`)
 * joins as one more name here and one more entry in `shared/kinds/registry.ts`.
 */
export const DOCUMENT_KINDS = ['targets', 'self-evaluation'] as const

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
