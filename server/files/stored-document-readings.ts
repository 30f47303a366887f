/**
 * What the server reads off a stored document, by name: each reading
 * builds the Y.Doc from the stored updates and returns plain data (it
 * crosses to and from a worker thread). At the project limit building
 * alone takes ~0.5 s and reading plus checking as much again — on the
 * thread every connection shares, a stall for everyone — so `offThread`
 * runs a large document's readings in a worker (`FileWorkers.readStored`)
 * and only a small one's here.
 */
import * as Y from 'yjs'
import { kindOf } from '@shared/kinds/registry'
import { kindSummary, type KindSummary } from '@shared/kinds/kind-summary'
import { documentFindings, findingCounts, type FindingContext } from '@shared/kinds/document-findings'
import { lastYearResultsOf } from '@shared/checks/results-application'
import type { LastYearResult } from '@shared/self-evaluation/last-year-result'
import { selfEvaluationModel } from '@shared/self-evaluation/self-evaluation-model'
import { departmentTotal, projectsLeftOut } from '@shared/checks/rules/arithmetic'
import type { Finding } from '@shared/checks/finding'
import { readTracked } from '@shared/formats/tracked-text'
import type { BudgetDocument } from '@shared/model/budget-document'
import { modelFromText } from '@shared/model/derive-model'
import type { DocumentText } from '@shared/model/document-text'
import { documentKindOf, META_KEY, metaOf, modelOf, readContent, readText, withKind } from '@shared/model/y-document'
import type { DocumentKind } from '@shared/model/document-kind'
import { reviewState, type ApprovalState } from '@shared/review/approval'
import { statusOf, statusRecordOf, type StatusRecord } from '@shared/review/workflow'
import { deadlineFacts } from '../auth/submission-deadline'

/**
 * The rules a summary is read by, raised whenever what a summary counts, adds or leaves out changes: one kept in
 * storage under other rules is read again, never shown (3: a figure two people's typing merged is left out of
 * every total, 执行率 and 总分; 4: a total keeps every digit its figures have, to 0.01 元, not rounded to 0.01 万元;
 * a 预算数 40 元 off the sum of its 财政资金 and 其他资金 is an error; 5: a 得分 written above its 分值 is in no 总分; 6: nor one below 0; 7: nor a row whose 实际完成值 0.95 has no unit against ≥90%; 8: a blank 执行数 is a warning).
 */
export const SUMMARY_RULES = 8

/** What a review queue shows of a document: its status, money, findings and open review work, from one read. */
export interface ReviewSummary {
  /** `SUMMARY_RULES` when it was read. */
  rules: number
  /** What the document is (targets, a 监控, a 自评). */
  kind: DocumentKind
  year: number | null
  /** The department as the document names itself (its title line). */
  department: string
  status: StatusRecord
  /** The projects' 预算数 added up, in 万元. */
  total: number
  /** Projects `total` leaves out: 预算数 empty or not a number (shown beside the total, never hidden). */
  leftOut: number
  /** Without 结果应用 (it depends on another document): the queue adds it for a draft whose `predecessor` has an approved 自评. */
  findings: { error: number; warning: number; info: number }
  /** The document this one was started from (last year's); null: none. */
  predecessor: string | null
  openThreads: number
  pendingSuggestions: number
  /** A 监控's or 自评's 执行率 (all its money together, or how many projects lack 执行数), a 自评's department 总分/grade, and each project's 执行率 and 总分/grade; none for targets. */
  scores: Omit<KindSummary, 'kind'>
}

const statusRecordOrDefault = (ydoc: Y.Doc): StatusRecord => statusRecordOf(ydoc) ?? { value: statusOf(ydoc), by: '', at: 0 }

/** The text with its kind and 截至月份 (meta), so every reading judges and writes it as its kind. */
const textOf = (ydoc: Y.Doc): DocumentText => readText(ydoc)

/** The document's findings (`documentFindings`): a 监控 or 自评 is judged by its kind's checks, not the targets'. */
const findingsOf = (text: DocumentText, context: FindingContext = {}, model?: BudgetDocument): Finding[] =>
  documentFindings(text, context, model ? { model } : {})

function predecessorIn(ydoc: Y.Doc): string | undefined {
  const predecessor = metaOf(ydoc).get(META_KEY.predecessor)
  return typeof predecessor === 'string' ? predecessor : undefined
}

export const READINGS = {
  status: statusRecordOrDefault,
  deadlineFacts,
  text: textOf,
  /** The text with pending suggestions as tracked changes (what a tracked export writes). */
  trackedText: (ydoc: Y.Doc): DocumentText => withKind(ydoc, readTracked(readContent(ydoc))),
  model: (ydoc: Y.Doc): BudgetDocument => modelOf(ydoc),
  /** Every finding in `context` (结果应用 needs last year's results, read from another document). */
  findings: (ydoc: Y.Doc, context?: FindingContext): Finding[] => findingsOf(textOf(ydoc), context),
  approval: (ydoc: Y.Doc): ApprovalState => ({
    ...reviewState(ydoc),
    errorFindings: findingCounts(findingsOf(textOf(ydoc))).error,
  }),
  summary: (ydoc: Y.Doc): ReviewSummary => {
    const text = textOf(ydoc)
    const model = modelFromText(text)
    const { kind: _, ...scores } = kindSummary(text)
    return {
      rules: SUMMARY_RULES,
      kind: text.kind ?? 'targets',
      year: model.year,
      department: model.title,
      status: statusRecordOrDefault(ydoc),
      total: departmentTotal(model),
      leftOut: projectsLeftOut(model),
      findings: findingCounts(findingsOf(text, {}, model)),
      predecessor: predecessorIn(ydoc) ?? null,
      ...reviewState(ydoc),
      scores,
    }
  },
  /** What the document is, and the approved targets document a 监控 or 自评 was made from. */
  identity: (ydoc: Y.Doc): { kind: DocumentKind; basedOn: string | null } => {
    const basedOn = metaOf(ydoc).get(META_KEY.basedOn)
    return { kind: documentKindOf(ydoc), basedOn: typeof basedOn === 'string' ? basedOn : null }
  },
  /** The document this one was started from (last year's), if any. */
  predecessor: predecessorIn,
  /** The findings without 结果应用 and the predecessor, from one read: /checks needs the predecessor to know whether there is more to read. */
  findingsAndPredecessor: (ydoc: Y.Doc): { findings: Finding[]; predecessor: string | undefined } => ({ findings: findingsOf(textOf(ydoc)), predecessor: predecessorIn(ydoc) }),
  /** 结果应用: what an approved 自评 tells next year's draft. */
  lastYearResults: (ydoc: Y.Doc): LastYearResult[] => lastYearResultsOf(selfEvaluationModel(textOf(ydoc))),
  /** The approved targets document a 监控 or 自评 was made from, if any. */
  basedOn: (ydoc: Y.Doc): string | undefined => {
    const basedOn = metaOf(ydoc).get(META_KEY.basedOn)
    return typeof basedOn === 'string' ? basedOn : undefined
  },
} satisfies Record<string, (ydoc: Y.Doc, context?: FindingContext) => unknown>

export type ReadingName = keyof typeof READINGS
export type ReadingOf<N extends ReadingName> = ReturnType<(typeof READINGS)[N]>

/** A reading of the document the stored updates make; `context`: what its findings depend on beyond it. */
export function readStored<N extends ReadingName>(name: N, updates: readonly Uint8Array[], context?: FindingContext): ReadingOf<N> {
  const ydoc = new Y.Doc()
  try {
    for (const update of updates) Y.applyUpdate(ydoc, update)
    return (READINGS[name] as (ydoc: Y.Doc, context?: FindingContext) => unknown)(ydoc, context) as ReadingOf<N>
  } finally {
    ydoc.destroy()
  }
}

/** Where readings run: here, or in a worker. Rejects as the worker does (busy, past its heap or time). */
export type StoredReader = <N extends ReadingName>(name: N, updates: readonly Uint8Array[], context?: FindingContext) => Promise<ReadingOf<N>>

/** On this thread: the CLI, and documents small enough to read in a few milliseconds. */
export const readHere: StoredReader = async (name, updates, context) => readStored(name, updates, context)

/**
 * Stored documents up to this size are read on the calling thread: a
 * worker's round trip would cost more than the reading. Reading and
 * checking costs about a millisecond per stored KiB (1.6 s for the 1.5 MB
 * of 500 projects), so this keeps a reading here under ~65 ms; the sample
 * document (11 projects) stores 42 KiB.
 */
export const READ_HERE_BYTES = 64 * 1024

/** Reads documents past `hereBytes` stored in `workers` (a `FileWorkers`), smaller ones here. */
export function offThread(workers: { readStored: StoredReader }, hereBytes = READ_HERE_BYTES): StoredReader {
  return (name, updates, context) => {
    let bytes = 0
    for (const update of updates) bytes += update.length
    return bytes <= hereBytes ? readHere(name, updates, context) : workers.readStored(name, updates, context)
  }
}
