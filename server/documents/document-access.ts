/**
 * A document as one person may reach it: the record and their role, or
 * "not found" when they have none (whether it exists is not revealed).
 * The operator reaches every document as its editor, and is told plainly
 * when there is none by that id. Every document use case starts here.
 */
import type * as Y from 'yjs'
import type { Role } from '@shared/protocol/role'
import { mayEditDirectly, type Status } from '@shared/review/workflow'
import type { DocumentRecord } from '../storage/document-log'
import type { User } from '../storage/account-store'
import { isOperator, type Actor } from './actor'
import { documentNotFound, forbidden, Refusal } from './refusal'
import type { Ports } from './ports'

export interface Reached {
  doc: DocumentRecord
  role: Role
  /** Its maker (`reachAsOwner` counts the department's 管理员 too). */
  isOwner: boolean
}

export async function reach(p: Pick<Ports, 'documents' | 'permissions'>, docId: string, user: Actor): Promise<Reached> {
  const doc = await p.documents.get(docId)
  if (isOperator(user)) {
    if (!doc) throw new Refusal('not-found', 'document-not-found', `没有这个文档：${docId}`)
    return { doc, role: 'editor', isOwner: false }
  }
  const role = doc ? await p.permissions.roleOf(docId, user.id) : undefined
  if (!doc || !role) throw documentNotFound()
  return { doc, role, isOwner: doc.ownerId === user.id }
}

/**
 * The document, for what its owner alone does (delete, share): its maker, or a 管理员 of the department it belongs
 * to (`administers`), whose document it is whoever made it — its maker may have left. Refused `forbidden` for
 * anyone else who may open it.
 */
export async function reachAsOwner(p: Pick<Ports, 'documents' | 'permissions'>, docId: string, user: User): Promise<Reached> {
  const reached = await reach(p, docId, user)
  if (!reached.isOwner && !(reached.role === 'editor' && (await p.permissions.administers(docId, user.id)))) throw forbidden()
  return reached
}

/**
 * The document, for a change staff make on the server's side (a restore,
 * an import): the caller must be an editor and the workflow must let staff
 * edit, judged after what clients sent so far is stored. The operator is
 * held by neither: the administrator's command line has always changed a
 * document in any state (`import --into`), as a repair may need to.
 */
export async function reachEditable(p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service'>, docId: string, user: Actor, doing: string): Promise<Reached & { status: Status }> {
  const reached = await reach(p, docId, user)
  if (reached.role !== 'editor') throw forbidden()
  await p.live.flush()
  const status = (await p.service.status(docId)).value
  if (!isOperator(user) && !mayEditDirectly(status)) throw new Refusal('conflict', 'workflow-forbids', `文档${status}，退回修改后才能${doing}`)
  return { ...reached, status }
}

/** An open document read from its live copy (its stored state changes with every keystroke: no stored reading of it lasts), any other as stored. */
export async function liveOr<T>(p: Pick<Ports, 'live'>, docId: string, read: (live: Y.Doc) => T, stored: () => Promise<T>): Promise<T> {
  const live = p.live.loadedDocument(docId)
  return live ? read(live) : stored()
}
