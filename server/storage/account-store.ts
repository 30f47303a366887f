/**
 * Accounts, login sessions and per-document roles. Passwords are stored
 * as scrypt hashes only.
 */
import { randomBytes, randomInt } from 'node:crypto'
import type { Role } from '@shared/protocol/role'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password'
import type { Db } from './database'

export interface User {
  id: number
  name: string
  displayName: string
}

export interface DocumentAccess {
  docId: string
  role: Role
}

export const SESSION_LIFETIME_MS = 14 * 24 * 3600 * 1000

export class AccountStore {
  private readonly statements

  constructor(db: Db) {
    this.statements = {
      insertUser: db.prepare('INSERT INTO users (name, display_name, password_hash, created_at, generation) VALUES (?, ?, ?, ?, ?)'),
      userByName: db.prepare('SELECT id, name, display_name AS displayName FROM users WHERE name = ?'),
      userById: db.prepare('SELECT id, name, display_name AS displayName FROM users WHERE id = ?'),
      hashByName: db.prepare('SELECT password_hash AS hash FROM users WHERE name = ?'),
      setHash: db.prepare('UPDATE users SET password_hash = ?, generation = generation + 1 WHERE name = ?'),
      generation: db.prepare('SELECT generation FROM users WHERE id = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)'),
      deleteUser: db.prepare('DELETE FROM users WHERE name = ?'),
      listUsers: db.prepare('SELECT id, name, display_name AS displayName FROM users ORDER BY id'),
      role: db.prepare('SELECT role FROM roles WHERE doc_id = ? AND user_id = ?'),
      setRole: db.prepare('INSERT INTO roles (doc_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role'),
      removeRole: db.prepare('DELETE FROM roles WHERE doc_id = ? AND user_id = ?'),
      rolesOfUser: db.prepare('SELECT doc_id AS docId, role FROM roles WHERE user_id = ?'),
      rolesOfDoc: db.prepare('SELECT u.name AS name, u.display_name AS displayName, r.role AS role FROM roles r JOIN users u ON u.id = r.user_id WHERE r.doc_id = ? ORDER BY u.id'),
      insertSession: db.prepare('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)'),
      session: db.prepare('SELECT user_id AS userId FROM sessions WHERE id = ? AND expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    }
  }

  async addUser(name: string, password: string, displayName = name): Promise<User> {
    const hash = await hashPassword(password)
    // A random first generation: SQLite may give a re-created account the old id, never the old tokens.
    this.statements.insertUser.run(name, displayName, hash, Date.now(), randomInt(2 ** 31))
    return this.userByName(name)!
  }

  /** Also ends every login session of the user and invalidates their tokens. */
  async setPassword(name: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password)
    this.statements.deleteSessionsOf.run(name)
    return this.statements.setHash.run(hash, name).changes > 0
  }

  /** The user's token generation; undefined when there is no such user. */
  generation(userId: number): number | undefined {
    return (this.statements.generation.get(userId) as { generation: number } | undefined)?.generation
  }

  /** What an access token for `name` names: id, name and current generation. */
  tokenSubject(name: string): { sub: string; uid: number; gen: number } | undefined {
    const user = this.userByName(name)
    return user ? { sub: user.name, uid: user.id, gen: this.generation(user.id)! } : undefined
  }

  removeUser(name: string): boolean {
    return this.statements.deleteUser.run(name).changes > 0
  }

  userByName(name: string): User | undefined {
    return this.statements.userByName.get(name) as User | undefined
  }

  userById(id: number): User | undefined {
    return this.statements.userById.get(id) as User | undefined
  }

  listUsers(): User[] {
    return this.statements.listUsers.all() as User[]
  }

  /** The user, when the password is right. */
  async authenticate(name: string, password: string): Promise<User | undefined> {
    const row = this.statements.hashByName.get(name) as { hash: string } | undefined
    if (!row) return verifyAgainstDummy(password).then(() => undefined)
    if (!(await verifyPassword(password, row.hash))) return undefined
    return this.userByName(name)
  }

  roleOf(docId: string, userId: number): Role | undefined {
    return (this.statements.role.get(docId, userId) as { role: Role } | undefined)?.role
  }

  setRole(docId: string, userId: number, role: Role | null): void {
    if (role === null) this.statements.removeRole.run(docId, userId)
    else this.statements.setRole.run(docId, userId, role)
  }

  rolesOfUser(userId: number): DocumentAccess[] {
    return this.statements.rolesOfUser.all(userId) as DocumentAccess[]
  }

  membersOf(docId: string): { name: string; displayName: string; role: Role }[] {
    return this.statements.rolesOfDoc.all(docId) as { name: string; displayName: string; role: Role }[]
  }

  createSession(userId: number, now = Date.now()): string {
    const id = randomBytes(32).toString('base64url')
    this.statements.insertSession.run(id, userId, now + SESSION_LIFETIME_MS)
    return id
  }

  userOfSession(sessionId: string, now = Date.now()): User | undefined {
    const row = this.statements.session.get(sessionId, now) as { userId: number } | undefined
    return row ? this.userById(row.userId) : undefined
  }

  endSession(sessionId: string): void {
    this.statements.deleteSession.run(sessionId)
  }
}
