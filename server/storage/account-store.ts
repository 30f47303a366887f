/**
 * The port accounts, login sessions and per-document roles are stored
 * through. It holds password hashes only and never hashes: that is the
 * auth layer's work (`server/auth/logins.ts`).
 */
import type { User } from '@shared/api/http-api'
import type { Role } from '@shared/protocol/role'

export type { User }

export interface DocumentAccess {
  docId: string
  role: Role
}

export interface Member {
  name: string
  displayName: string
  role: Role
}

/** What an access token names: the account and its current token generation. */
export interface TokenSubject {
  sub: string
  uid: number
  gen: number
}

export const SESSION_LIFETIME_MS = 14 * 24 * 3600 * 1000

export interface AccountStore {
  /** Rejects with UserExistsError when the name is taken. */
  addUser(name: string, displayName: string, passwordHash: string): Promise<User>
  /** Also ends every login session of the user and bumps their token generation. False when there is no such user. */
  setPasswordHash(name: string, passwordHash: string): Promise<boolean>
  passwordHash(name: string): Promise<string | undefined>
  /** False when there is no such user. */
  setDisplayName(name: string, displayName: string): Promise<boolean>
  removeUser(name: string): Promise<boolean>
  userByName(name: string): Promise<User | undefined>
  userById(id: number): Promise<User | undefined>
  listUsers(): Promise<User[]>
  /** The user's token generation; undefined when there is no such user. */
  generation(userId: number): Promise<number | undefined>
  roleOf(docId: string, userId: number): Promise<Role | undefined>
  setRole(docId: string, userId: number, role: Role | null): Promise<void>
  rolesOfUser(userId: number): Promise<DocumentAccess[]>
  membersOf(docId: string): Promise<Member[]>
  createSession(userId: number, now?: number): Promise<string>
  userOfSession(sessionId: string, now?: number): Promise<User | undefined>
  endSession(sessionId: string): Promise<void>
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError'
  constructor(readonly userName: string) {
    super(`用户已存在：${userName}`)
  }
}

/** What an access token for `name` names; undefined when there is no such user. */
export async function tokenSubject(accounts: AccountStore, name: string): Promise<TokenSubject | undefined> {
  const user = await accounts.userByName(name)
  const gen = user && (await accounts.generation(user.id))
  return user && gen !== undefined ? { sub: user.name, uid: user.id, gen } : undefined
}
