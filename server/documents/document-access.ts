/**
 * A document as one person may reach it: the record and their role, or
 * "not found" when they have none (whether it exists is not revealed).
 * Every document use case starts here.
 */
import type * as Y from 'yjs'
import type { Role } from '@shared/protocol/role'
import { mayEditDirectly, type Status } from '@shared/review/workflow'
import type { DocumentRecord } from '../storage/document-log'
import type { User } from '../storage/account-store'
import { documentNotFound, forbidden, Refusal } from './refusal'
import type { Ports } from './ports'

export interface Reached {
  doc: DocumentRecord
  role: Role
  isOwner: boolean
}

export async function reach(p: Pick<Ports, 'documents' | 'permissions'>, docId: string, user: User): Promise<Reached> {
  const doc = await p.documents.get(docId)
  const role = doc ? await p.permissions.roleOf(docId, user.id) : undefined
  if (!doc || !role) throw documentNotFound()
  return { doc, role, isOwner: doc.ownerId === user.id }
}

/**
 * The document, for a change staff make on the server's side (a restore,
 * an import): the caller must be an editor and the workflow must let staff
 * edit, judged after what clients sent so far is stored.
 */
export async function reachEditable(p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service'>, docId: string, user: User, doing: string): Promise<Reached & { status: Status }> {
  const reached = await reach(p, docId, user)
  if (reached.role !== 'editor') throw forbidden()
  await p.live.flush()
  const status = (await p.service.status(docId)).value
  if (!mayEditDirectly(status)) throw new Refusal('conflict', 'workflow-forbids', `文档${status}，退回修改后才能${doing}`)
  return { ...reached, status }
}

/** An open document read from its live copy (its stored state changes with every keystroke: no stored reading of it lasts), any other as stored. */
export async function liveOr<T>(p: Pick<Ports, 'live'>, docId: string, read: (live: Y.Doc) => T, stored: () => Promise<T>): Promise<T> {
  const live = p.live.loadedDocument(docId)
  return live ? read(live) : stored()
}
