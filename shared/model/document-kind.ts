/**
 * What a document is. `targets` is the 绩效目标 document; `monitoring` the
 * mid-year 绩效运行监控 and `self-evaluation` the year-end 绩效自评 of an
 * approved one. A new kind is one more name here and one more entry in
 * `shared/kinds/registry.ts`.
 */
export const DOCUMENT_KINDS = ['targets', 'monitoring', 'self-evaluation'] as const

export const isDocumentKind = (value: unknown): value is DocumentKind => typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value)

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
