/**
 * Reading a document out: an export file, the finance checks, the
 * WebSocket token for its editor, and its 报送 deadline.
 */
import type { Finding } from '@shared/checks/finding'
import { exportFormats, formatById } from '@shared/formats/registry'
import type { SubmissionDeadline } from '@shared/api/http-api'
import { blocksFromText } from '@shared/checks/opinion-text'
import { STATUS } from '@shared/review/workflow'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { deadlineFacts, submissionDeadline } from '../auth/submission-deadline'
import { tokenSubject, type User } from '../storage/account-store'
import type { DocumentRecord } from '../storage/document-log'
import type { Role } from '@shared/protocol/role'
import type { Org } from '../storage/org-store'
import { isOperator, type Actor } from './actor'
import { operatorGrant } from './document-lifecycle'
import { liveOr, reach } from './document-access'
import { approvedResultsBefore } from './last-year-results'
import { peopleOf } from './people'
import type { Ports } from './ports'
import { invalid, Refusal } from './refusal'
import { reviewRound } from './review-opinion'

export interface ExportedFile {
  doc: DocumentRecord
  body: Uint8Array | string
  contentType: string
  extension: string
  /** What the download is called: the title, marked for the variant (`exportFileName`). */
  fileName: string
}

export interface ExportChoice {
  /** Pending suggestions as tracked changes by their authors' 姓名; otherwise a clean copy. */
  tracked: boolean
  /** The 审核意见 after the document, on pages of its own (see `opinionToExport`). */
  withOpinion: boolean
}

/**
 * The document in a format of the registry, as chosen, written in a file
 * worker: the same file for a person who may read it and for the operator
 * (`doc export`), suggestions by their authors' 姓名.
 */
export async function exportDocument(
  p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs' | 'opinions' | 'files'>,
  user: Actor,
  docId: string,
  format: string,
  { tracked, withOpinion }: ExportChoice,
): Promise<ExportedFile> {
  const { doc, role } = await reach(p, docId, user)
  const chosen = formatById(format)
  if (!chosen?.export) throw invalid(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
  if (tracked && !chosen.tracksChanges) throw invalid(`${chosen.label}不能显示修订；请选择 Word 文档，或导出不含修订的定稿`)
  if (withOpinion && !chosen.carriesOpinion) throw invalid(`${chosen.label}不能附审核意见；请选择 Word 文档`)
  const opinion = withOpinion ? await opinionToExport(p, doc.id, role === 'reviewer' && !isOperator(user) ? user : undefined) : undefined
  const names = tracked ? await peopleOf(p, doc.id) : {}
  // Written in a file worker: the Word writer takes seconds and hundreds of MB for a document at the project limit.
  const body = await p.files.write(await p.service.exportedText(doc.id, tracked), chosen.id, { tracked, names, ...(opinion ? { opinion: blocksFromText(opinion) } : {}) })
  const extension = chosen.extensions[0]!
  return { doc, body, contentType: chosen.mime, extension, fileName: exportFileName(doc.title, extension, { tracked, withOpinion }) }
}

/**
 * The download's name: the clean copy is the title; a copy with suggestions as tracked changes or with the
 * 审核意见 says so (`（含修订）`, `（含审核意见）`), so the three Word files of one document do not overwrite
 * each other in a downloads folder or get sent in place of one another.
 */
export function exportFileName(title: string, extension: string, { tracked, withOpinion }: ExportChoice): string {
  return `${title}${tracked ? '（含修订）' : ''}${withOpinion ? '（含审核意见）' : ''}.${extension}`
}

/**
 * The 审核意见 a Word file carries when asked: for a reviewer, their draft
 * of this round as they last left it; otherwise (and for a reviewer with
 * no draft) the one the bureau sent — the note of the latest 退回修改 or
 * 审核通过. Refused when there is none yet.
 */
async function opinionToExport(p: Pick<Ports, 'documents' | 'opinions'>, docId: string, reviewer: User | undefined): Promise<string> {
  const draft = reviewer ? (await p.opinions.get(docId, reviewer.id, await reviewRound(p, docId)))?.text.trim() : ''
  if (draft) return draft
  const sent = (await p.documents.versions(docId)).filter((v) => (v.status === STATUS.returned || v.status === STATUS.approved) && v.note.trim()).at(-1)
  if (sent) return sent.note
  throw new Refusal('unprocessable', 'no-opinion', '这份文档还没有审核意见：审核人员起草后，或退回修改、审核通过后，才能附上')
}

/**
 * The document's findings (`documentFindings`): its kind's checks and — for
 * next year's draft whose predecessor has an approved 自评 — the 结果应用
 * checks against it.
 */
export async function documentChecks(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'orgs'>, user: User, docId: string): Promise<Finding[]> {
  const { doc } = await reach(p, docId, user)
  // Read in a worker for a large document: at the project limit this is a second of work, so once, and again only for 结果应用.
  const { findings, predecessor } = await p.service.findingsAndPredecessor(doc.id)
  const lastYear = await approvedResultsBefore(p, doc.id, { predecessor })
  return lastYear.length === 0 ? findings : p.service.findings(doc.id, { lastYear })
}

/** A token for the document's WebSocket, naming the caller and their token generation. */
export async function accessToken(p: Pick<Ports, 'documents' | 'permissions' | 'accounts' | 'secret'>, user: User, docId: string): Promise<string> {
  const { doc } = await reach(p, docId, user)
  const subject = await tokenSubject(p.accounts, user.name)
  if (!subject) throw new Refusal('unauthenticated', 'unauthenticated', '请先登录')
  return issueToken(p.secret, { ...subject, doc: doc.id, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS })
}

/**
 * The operator's `token`: `member`'s token for the document, given the
 * role first (`operatorGrant`; the bureau they joined as a reviewer is
 * returned too). Refused `document-not-found`.
 */
export async function operatorAccessToken(p: Pick<Ports, 'documents' | 'permissions' | 'accounts' | 'orgs' | 'live' | 'secret'>, docId: string, member: User, role: Role): Promise<{ token: string; joined: Org | undefined }> {
  const joined = await operatorGrant(p, docId, member, role)
  return { token: await accessToken(p, member, docId), joined }
}

/** A document's 报送 deadline (null: none set), for the banner staff see. */
export async function documentDeadline(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'orgs' | 'live'>, user: User, docId: string): Promise<SubmissionDeadline | null> {
  const { doc } = await reach(p, docId, user)
  const facts = await liveOr(p, doc.id, deadlineFacts, () => p.service.deadlineFacts(doc.id))
  return submissionDeadline(p.orgs, doc.id, facts)
}
