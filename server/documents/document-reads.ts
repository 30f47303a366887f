/**
 * Reading a document out: an export file, the finance checks, the
 * WebSocket token for its editor, and its 报送 deadline.
 */
import { runChecks } from '@shared/checks/run-checks'
import type { Finding } from '@shared/checks/finding'
import { exportFormats, formatById } from '@shared/formats/registry'
import { yearOf } from '@shared/model/y-document'
import type { SubmissionDeadline } from '@shared/protocol/http-api'
import { statusOf } from '@shared/review/workflow'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { submissionDeadline } from '../auth/submission-deadline'
import { tokenSubject, type User } from '../storage/account-store'
import type { DocumentRecord } from '../storage/document-log'
import { liveOr, reach } from './document-access'
import { peopleOf } from './people'
import type { Ports } from './ports'
import { invalid, Refusal } from './refusal'

export interface ExportedFile {
  doc: DocumentRecord
  body: Uint8Array | string
  contentType: string
  extension: string
}

/** The document in a format of the registry: a clean copy, or with `tracked` its pending suggestions as tracked changes by their authors' 姓名. */
export async function exportDocument(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string, format: string, tracked: boolean): Promise<ExportedFile> {
  const { doc } = await reach(p, docId, user)
  const chosen = formatById(format)
  if (!chosen?.export) throw invalid(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
  if (tracked && !chosen.tracksChanges) throw invalid(`${chosen.label}不能显示修订；请选择 Word 文档，或导出不含修订的定稿`)
  const names = tracked ? await peopleOf(p, doc.id) : undefined
  const nameOf = names && ((login: string) => names[login] ?? login)
  const file = await p.service.export(doc.id, { ...chosen, export: chosen.export }, { tracked, ...(nameOf ? { nameOf } : {}) })
  return { doc, ...file }
}

export async function documentChecks(p: Pick<Ports, 'documents' | 'permissions' | 'service'>, user: User, docId: string): Promise<Finding[]> {
  const { doc } = await reach(p, docId, user)
  return runChecks(await p.service.text(doc.id))
}

/** A token for the document's WebSocket, naming the caller and their token generation. */
export async function accessToken(p: Pick<Ports, 'documents' | 'permissions' | 'accounts' | 'secret'>, user: User, docId: string): Promise<string> {
  const { doc } = await reach(p, docId, user)
  const subject = await tokenSubject(p.accounts, user.name)
  if (!subject) throw new Refusal('unauthenticated', 'unauthenticated', '请先登录')
  return issueToken(p.secret, { ...subject, doc: doc.id, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS })
}

/** A document's 报送 deadline (null: none set), for the banner staff see. */
export async function documentDeadline(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'orgs' | 'live'>, user: User, docId: string): Promise<SubmissionDeadline | null> {
  const { doc } = await reach(p, docId, user)
  const { year, status } = await liveOr(p, doc.id, (live) => ({ year: yearOf(live), status: statusOf(live) }), () => p.service.yearAndStatus(doc.id))
  return submissionDeadline(p.orgs, doc.id, year, status)
}
