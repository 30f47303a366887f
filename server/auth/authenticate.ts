/**
 * Who is asking: the user behind a session cookie or an access token, and
 * their role on a document. Shared by the HTTP API and the WebSocket route.
 */
import type { DocumentPermissions } from './document-permissions'
import type { Role } from '@shared/protocol/role'
import { CLOSE, type CloseCode } from '@shared/protocol/close-code'
import type { AccountStore, User } from '../storage/account-store'
import type { DocumentLog } from '../storage/document-log'
import { verifyToken } from './access-token'
import type { ShownNames } from './shown-names'

export const SESSION_COOKIE = 'jixiao_session'

/** How a connection proved who it is: checked again while it stays open. */
export type Credential = { kind: 'session'; sessionId: string } | { kind: 'token'; userId: number; generation: number }

export type ConnectionGrant = { ok: true; user: User; role: Role; credential: Credential } | { ok: false; close: CloseCode }

export interface Credentials {
  token?: string | undefined
  sessionId?: string | undefined
}

export class Authenticator {
  constructor(
    private readonly secret: Buffer,
    private readonly accounts: AccountStore,
    private readonly documents: DocumentLog,
    private readonly permissions: Pick<DocumentPermissions, 'roleOf'>,
    /** How others see the user's 姓名 (with the organisation where it is shared): in awareness and automatic versions. */
    private readonly names: Pick<ShownNames, 'one'>,
  ) {}

  async userOfSession(sessionId: string | undefined): Promise<User | undefined> {
    return sessionId ? this.accounts.userOfSession(sessionId) : undefined
  }

  /** Whether a WebSocket to `docId` may be opened, and with which role; the user's 姓名 as others are to see it. */
  async grantConnection(docId: string, credentials: Credentials): Promise<ConnectionGrant> {
    let user: User | undefined
    let credential: Credential
    if (credentials.token) {
      const claims = verifyToken(this.secret, credentials.token)
      if (!claims || claims.doc !== docId) return { ok: false, close: CLOSE.unauthenticated }
      credential = { kind: 'token', userId: claims.uid, generation: claims.gen }
      user = await this.accounts.userById(claims.uid)
      if (user?.name !== claims.sub) user = undefined
    } else {
      user = await this.userOfSession(credentials.sessionId)
      credential = { kind: 'session', sessionId: credentials.sessionId ?? '' }
    }
    if (!user || !(await this.stillValid(credential))) return { ok: false, close: CLOSE.unauthenticated }
    if (!(await this.documents.get(docId))) return { ok: false, close: CLOSE.documentNotFound }
    const role = await this.permissions.roleOf(docId, user.id)
    return role ? { ok: true, user: { ...user, displayName: await this.names.one(user) }, role, credential } : { ok: false, close: CLOSE.forbidden }
  }

  /** Whether a credential still holds: the login session not ended, the token's generation current. */
  async stillValid(credential: Credential): Promise<boolean> {
    return credential.kind === 'session'
      ? (await this.userOfSession(credential.sessionId)) !== undefined
      : (await this.accounts.generation(credential.userId)) === credential.generation
  }
}
