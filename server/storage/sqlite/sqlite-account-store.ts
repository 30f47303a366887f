/** Accounts, login sessions and roles on the embedded SQLite database. */
import { randomBytes, randomInt } from 'node:crypto'
import type { Role } from '@shared/protocol/role'
import { SESSION_LIFETIME_MS, UserExistsError, type AccountStore, type DocumentAccess, type Member, type User } from '../account-store'
import { storageWork } from '../storage-error'
import type { Db } from './sqlite-database'

export class SqliteAccountStore implements AccountStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      insertUser: db.prepare('INSERT INTO users (name, display_name, password_hash, created_at, generation) VALUES (?, ?, ?, ?, ?)'),
      userByName: db.prepare('SELECT id, name, display_name AS displayName FROM users WHERE name = ?'),
      userById: db.prepare('SELECT id, name, display_name AS displayName FROM users WHERE id = ?'),
      hashByName: db.prepare('SELECT password_hash AS hash FROM users WHERE name = ?'),
      setDisplayName: db.prepare('UPDATE users SET display_name = ? WHERE name = ?'),
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
      session: db.prepare('SELECT u.id, u.name, u.display_name AS displayName FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    }
  }

  async addUser(name: string, displayName: string, passwordHash: string): Promise<User> {
    return this.run('创建用户', () => {
      if (this.statements.userByName.get(name)) throw new UserExistsError(name)
      // A random first generation: SQLite may give a re-created account the old id, never the old tokens.
      this.statements.insertUser.run(name, displayName, passwordHash, Date.now(), randomInt(2 ** 31))
      return this.statements.userByName.get(name) as User
    })
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<boolean> {
    return this.run('修改密码', () =>
      this.db.transaction(() => {
        this.statements.deleteSessionsOf.run(name)
        return this.statements.setHash.run(passwordHash, name).changes > 0
      })(),
    )
  }

  async setDisplayName(name: string, displayName: string): Promise<boolean> {
    return this.run('修改姓名', () => this.statements.setDisplayName.run(displayName, name).changes > 0)
  }

  async passwordHash(name: string): Promise<string | undefined> {
    return this.run('读取用户', () => (this.statements.hashByName.get(name) as { hash: string } | undefined)?.hash)
  }

  async removeUser(name: string): Promise<boolean> {
    return this.run('删除用户', () => this.statements.deleteUser.run(name).changes > 0)
  }

  async userByName(name: string): Promise<User | undefined> {
    return this.run('读取用户', () => this.statements.userByName.get(name) as User | undefined)
  }

  async userById(id: number): Promise<User | undefined> {
    return this.run('读取用户', () => this.statements.userById.get(id) as User | undefined)
  }

  async listUsers(): Promise<User[]> {
    return this.run('读取用户', () => this.statements.listUsers.all() as User[])
  }

  async generation(userId: number): Promise<number | undefined> {
    return this.run('读取用户', () => (this.statements.generation.get(userId) as { generation: number } | undefined)?.generation)
  }

  async roleOf(docId: string, userId: number): Promise<Role | undefined> {
    return this.run('读取权限', () => (this.statements.role.get(docId, userId) as { role: Role } | undefined)?.role)
  }

  async setRole(docId: string, userId: number, role: Role | null): Promise<void> {
    this.run('设置权限', () => (role === null ? this.statements.removeRole.run(docId, userId) : this.statements.setRole.run(docId, userId, role)))
  }

  async rolesOfUser(userId: number): Promise<DocumentAccess[]> {
    return this.run('读取权限', () => this.statements.rolesOfUser.all(userId) as DocumentAccess[])
  }

  async membersOf(docId: string): Promise<Member[]> {
    return this.run('读取权限', () => this.statements.rolesOfDoc.all(docId) as Member[])
  }

  async createSession(userId: number, now = Date.now()): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    this.run('登录', () => this.statements.insertSession.run(id, userId, now + SESSION_LIFETIME_MS))
    return id
  }

  async userOfSession(sessionId: string, now = Date.now()): Promise<User | undefined> {
    return this.run('读取登录', () => this.statements.session.get(sessionId, now) as User | undefined)
  }

  async endSession(sessionId: string): Promise<void> {
    this.run('退出登录', () => this.statements.deleteSession.run(sessionId))
  }

  private run<T>(doing: string, work: () => T): T {
    return storageWork(doing, work, UserExistsError)
  }
}
