/**
 * Creating, reading and exporting stored documents. A document is created
 * once, on the server, as one Yjs update (from an import or the empty
 * template) — never by a client filling an empty Y.Doc, which would
 * duplicate the content when two clients do it.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { markMergedFigures } from '@shared/formats/merged-figure-marks'
import type { BudgetDocument } from '@shared/model/budget-document'
import type { DocumentText } from '@shared/model/document-text'
import type { DocumentKind } from '@shared/model/document-kind'
import { documentTooLarge, MAX_DOCUMENT_BYTES, MAX_PROJECTS, tooManyProjects } from '@shared/model/document-limits'
import type { NodeJSON } from '@shared/model/node-json'
import { readDocument } from '@shared/model/read-document'
import { contentOf, createYDocumentFromText, META_KEY, metaOf, readContent, withKind } from '@shared/model/y-document'
import type { Finding } from '@shared/checks/finding'
import type { FindingContext } from '@shared/kinds/document-findings'
import type { LastYearResult } from '@shared/self-evaluation/last-year-result'
import type { ApprovalState } from '@shared/review/approval'
import type { StatusRecord } from '@shared/review/workflow'
import { addImportNotes, IMPORT_NOTE_AUTHOR } from '@shared/review/import-notes'
import type { DeadlineFacts } from './auth/submission-deadline'
import { SERVER_ORIGIN } from '@shared/protocol/origin'
import { activityActors, activityLog, allSessions, authorIndexOf, latestActivity, type ActivityView, type LatestActivity } from '@shared/history/activity'
import type { EditSession } from '@shared/history/authorship'
import { attributedContent } from '@shared/history/attributed-content'
import type { Belongings, DocumentLog } from './storage/document-log'
import { StoredReadings } from './stored-readings'
import { readHere, SUMMARY_RULES, type ReadingName, type ReadingOf, type ReviewSummary, type StoredReader } from './files/stored-document-readings'

export type { ReviewSummary } from './files/stored-document-readings'

/** What the queue and the dashboard show of a document, kept in storage between its changes. */
export interface DocumentSummary extends ReviewSummary {
  lastChange: LatestActivity | null
}

/** A side of a comparison: the text, and its attributed twin (who last changed each field). */
export interface AttributedText {
  text: DocumentText
  authors: DocumentText
}


const ID = /^[A-Za-z0-9_-]{1,64}$/

export const isDocumentId = (id: string): boolean => ID.test(id)

/**
 * A new document's id: 12 URL-safe characters, never starting with "-" or "_" — the command line reads an
 * argument starting with "-" as an option, so `doc export -ks…` named no document (1 id in 32 did).
 */
export function newDocumentId(): string {
  for (;;) {
    const id = randomBytes(9).toString('base64url')
    if (/^[A-Za-z0-9]/.test(id)) return id
  }
}

export class DocumentService {
  private readonly readings = new StoredReadings()

  /** `reader`: where documents are read (the server's reads large ones in a worker, `offThread`). */
  constructor(
    private readonly log: DocumentLog,
    private readonly reader: StoredReader = readHere,
  ) {}

  /**
   * Stores a new document with what it is given (`belongings`: roles,
   * department, the record of its making) in one transaction; resolves to
   * its id. Rejects with DocumentLimitError past the project or size limit
   * (as an edit would be), StorageError, DocumentExistsError, or Error for an
   * invalid id. What the text's import could not read (`unread`) is kept in
   * it as comments by `madeBy`, the login that made it (`import-notes.ts`).
   */
  async create(text: DocumentText, options: { title: string; ownerId: number | null; id?: string | undefined; predecessor?: string | undefined; basedOn?: string | undefined; madeBy?: string | undefined }, belongings?: Belongings): Promise<string> {
    const id = options.id ?? newDocumentId()
    if (!isDocumentId(id)) throw new Error(`文档编号只能由字母、数字、- 和 _ 组成：${id}`)
    if (text.projects.length > MAX_PROJECTS) throw tooManyProjects(text.projects.length)
    const ydoc = createYDocumentFromText(text, SERVER_ORIGIN)
    if (options.predecessor) ydoc.transact(() => metaOf(ydoc).set(META_KEY.predecessor, options.predecessor), SERVER_ORIGIN)
    if (options.basedOn) ydoc.transact(() => metaOf(ydoc).set(META_KEY.basedOn, options.basedOn), SERVER_ORIGIN)
    addImportNotes(ydoc, text.unread ?? [], { author: options.madeBy ?? IMPORT_NOTE_AUTHOR, now: Date.now(), project: 0 }, SERVER_ORIGIN)
    try {
      const state = Y.encodeStateAsUpdate(ydoc)
      if (state.length > MAX_DOCUMENT_BYTES) throw documentTooLarge(state.length)
      await this.log.create({ id, title: options.title, ownerId: options.ownerId, createdAt: Date.now() }, state, belongings)
    } finally {
      ydoc.destroy()
    }
    return id
  }

  /** The document as stored (everything any client has been sent is stored). */
  async load(id: string): Promise<Y.Doc> {
    return docOf((await this.log.load(id)).updates)
  }

  async status(id: string): Promise<StatusRecord> {
    return this.readKept('status', id)
  }

  /** The budget year and the status, for deadlines: cheaper than a review summary (no checks). */
  async deadlineFacts(id: string): Promise<DeadlineFacts> {
    return this.readKept('deadlineFacts', id)
  }

  /** A reading of the document as stored, kept until its stored bytes change (`StoredReadings`). */
  private async readKept<N extends ReadingName>(reading: N, id: string): Promise<ReadingOf<N>> {
    const { updates } = await this.log.load(id)
    return this.readings.get(`${reading}:${id}`, updates, () => this.reader(reading, updates))
  }

  /** A reading of the document as stored, made now. */
  private async read<N extends ReadingName>(reading: N, id: string): Promise<ReadingOf<N>> {
    return this.reader(reading, (await this.log.load(id)).updates)
  }

  /** What stands in the way of approving the document as stored. */
  async approvalState(id: string): Promise<ApprovalState> {
    return this.read('approval', id)
  }

  async model(id: string): Promise<BudgetDocument> {
    return this.read('model', id)
  }

  async text(id: string): Promise<DocumentText> {
    return this.read('text', id)
  }

  /**
   * Every finding of the document as stored (`documentFindings`), in
   * `context` (结果应用: last year's results; none by default). Kept until
   * its stored bytes or the context change.
   */
  async findings(id: string, context: FindingContext = {}): Promise<Finding[]> {
    const { updates } = await this.log.load(id)
    const key = `findings:${id}:${createHash('sha256').update(JSON.stringify(context.lastYear ?? [])).digest('base64')}`
    return this.readings.get(key, updates, () => this.reader('findings', updates, context))
  }

  /** The findings with no context, and the document this one was started from (if any), from one read (a second build costs ~0.5 s at the project limit). */
  async findingsAndPredecessor(id: string): Promise<{ findings: Finding[]; predecessor: string | undefined }> {
    return this.read('findingsAndPredecessor', id)
  }

  /** 结果应用: what the stored (approved) 自评 tells next year's draft. */
  async lastYearResults(id: string): Promise<LastYearResult[]> {
    return this.readKept('lastYearResults', id)
  }

  /** What the document is, and the approved document a 监控 or 自评 was made from (null: none). */
  async identity(id: string): Promise<{ kind: DocumentKind; basedOn: string | null }> {
    return this.readKept('identity', id)
  }

  /** The document this one was started from (last year's), if any. */
  async predecessorOf(id: string): Promise<string | undefined> {
    return this.readKept('predecessor', id)
  }

  /** The approved targets document a 监控 or 自评 was made from, if any (meta basedOn). */
  async basedOn(id: string): Promise<string | undefined> {
    return this.read('basedOn', id)
  }

  /** The document as it was at a stored version; undefined when there is no such version. */
  async versionText(id: string, versionId: number): Promise<DocumentText | undefined> {
    const content = await this.versionContent(id, versionId)
    return content && readDocument(content)
  }

  /** A stored version's content (ProseMirror JSON); undefined when there is no such version. */
  async versionContent(id: string, versionId: number): Promise<NodeJSON | undefined> {
    const state = await this.log.versionState(id, versionId)
    if (!state) return undefined
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, state)
    return withDoc(ydoc, readContent)
  }

  /**
   * Makes a change to the stored document, logged as one update by `by`
   * (null: the operator): how a process holding no document open (the
   * CLI) changes one; a server goes through its relay instead, so open
   * editors see it at once. A server serving the document at the time
   * shows it to its clients when it catches up from storage or next loads it.
   */
  async changeStored(id: string, change: (doc: Y.Doc) => void, by: string | null = null): Promise<void> {
    const ydoc = await this.load(id)
    try {
      const updates: Uint8Array[] = []
      ydoc.on('update', (update: Uint8Array) => updates.push(update))
      ydoc.transact(() => change(ydoc), SERVER_ORIGIN)
      await this.log.append(id, updates.map((update) => ({ update, by, at: Date.now() })))
    } finally {
      ydoc.destroy()
    }
  }

  /** What a review queue shows of a document: its status, money, findings and open review work, from one read. */
  async reviewSummary(id: string): Promise<ReviewSummary> {
    return this.readKept('summary', id)
  }

  /**
   * Many documents' summaries and last changes, for the queue and the
   * dashboard: each as kept in storage while its document has not changed
   * since (`DocumentLog.summaries`), else read now and kept — so a list of a
   * thousand documents reads rows, not documents. Deleted documents are left out.
   */
  async summaries(ids: readonly string[]): Promise<Map<string, DocumentSummary>> {
    const kept = await this.log.summaries(ids)
    const summaries = new Map<string, DocumentSummary>()
    for (const id of ids) {
      const stored = kept.get(id)
      if (!stored) continue
      if (isCurrentSummary(stored.summary)) {
        summaries.set(id, stored.summary as DocumentSummary)
        continue
      }
      const summary: DocumentSummary = { ...(await this.reviewSummary(id)), lastChange: (await this.lastChange(id)) ?? null }
      await this.log.keepSummary(id, stored.gen, summary)
      summaries.set(id, summary)
    }
    return summaries
  }

  /** The activity log, newest first. */
  async activity(id: string): Promise<ActivityView[]> {
    const { entries, tail } = await this.log.history(id)
    return activityLog(entries, tail)
  }

  /** The activity log's newest entry: when, and by whom (a login; null for the server). */
  async lastChange(id: string): Promise<LatestActivity | undefined> {
    const { entries, tail } = await this.log.history(id)
    return latestActivity(entries, tail)
  }

  /** Everyone the activity log names (logins). */
  async actors(id: string): Promise<string[]> {
    const { entries, tail } = await this.log.history(id)
    return activityActors(entries, tail)
  }

  /** Every edit session, compacted or not. */
  async editSessions(id: string): Promise<EditSession[]> {
    const { entries, tail } = await this.log.history(id)
    return allSessions(entries, tail)
  }

  /**
   * The document now, or as a version was, with who last changed each
   * field (`attributed-content.ts`); a version is attributed as of when it
   * was saved. Undefined when there is no such version.
   */
  async attributedText(id: string, version?: { id: number; createdAt: number }): Promise<AttributedText | undefined> {
    const state = version ? await this.log.versionState(id, version.id) : undefined
    if (version && !state) return undefined
    const ydoc = state ? new Y.Doc() : await this.load(id)
    if (state) Y.applyUpdate(ydoc, state)
    const { entries, tail } = await this.log.history(id)
    const index = authorIndexOf(entries, tail, version?.createdAt)
    return withDoc(ydoc, (doc) => ({ text: withKind(doc, readDocument(readContent(doc))), authors: readDocument(attributedContent(contentOf(doc), index)) }))
  }

  /**
   * What an export writes: the agreed text, or (`tracked`) the text with pending suggestions; a figure two
   * people's typing merged is marked as such (`merged-figure-marks.ts`), since the file has no outline or check.
   */
  async exportedText(id: string, tracked: boolean): Promise<DocumentText> {
    return markMergedFigures(await this.read(tracked ? 'trackedText' : 'text', id))
  }
}

function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const ydoc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(ydoc, update)
  return ydoc
}

function withDoc<T>(ydoc: Y.Doc, read: (ydoc: Y.Doc) => T): T {
  try {
    return read(ydoc)
  } finally {
    ydoc.destroy()
  }
}

/** Whether a kept summary was read by today's rules (`SUMMARY_RULES`): one from before is read again. */
function isCurrentSummary(kept: unknown): kept is DocumentSummary {
  return typeof kept === 'object' && kept !== null && (kept as { rules?: unknown }).rules === SUMMARY_RULES
}
