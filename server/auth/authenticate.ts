/**
 * Who is asking: the user behind a session cookie or an access token, and
 * their role on a document. Shared by the HTTP API and the WebSocket route.
 */
import type { Role } from '@shared/protocol/role'
import { CLOSE, type CloseCode } from '@shared/protocol/close-code'
import type { AccountStore, User } from '../storage/account-store'
import type { DocumentStore } from '../storage/document-store'
import { verifyToken } from './access-token'

export const SESSION_COOKIE = 'jixiao_session'

export type ConnectionGrant = { ok: true; user: User; role: Role } | { ok: false; close: CloseCode }

export interface Credentials {
  token?: string | undefined
  sessionId?: string | undefined
}

export class Authenticator {
  constructor(
    private readonly secret: Buffer,
    private readonly accounts: AccountStore,
    private readonly documents: DocumentStore,
  ) {}

  userOfSession(sessionId: string | undefined): User | undefined {
    return sessionId ? this.accounts.userOfSession(sessionId) : undefined
  }

  /** Whether a WebSocket to `docId` may be opened, and with which role. */
  grantConnection(docId: string, credentials: Credentials): ConnectionGrant {
    let user: User | undefined
    if (credentials.token) {
      const claims = verifyToken(this.secret, credentials.token)
      if (!claims || claims.doc !== docId) return { ok: false, close: CLOSE.unauthenticated }
      user = this.accounts.userByName(claims.sub)
    } else {
      user = this.userOfSession(credentials.sessionId)
    }
    if (!user) return { ok: false, close: CLOSE.unauthenticated }
    if (!this.documents.get(docId)) return { ok: false, close: CLOSE.documentNotFound }
    const role = this.accounts.roleOf(docId, user.id)
    return role ? { ok: true, user, role } : { ok: false, close: CLOSE.forbidden }
  }
}
