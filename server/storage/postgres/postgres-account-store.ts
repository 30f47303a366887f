/** Accounts, login sessions and roles on PostgreSQL, shared by every instance. */
import { randomBytes, randomInt } from 'node:crypto'
import type { Role } from '@shared/protocol/role'
import { SESSION_LIFETIME_MS, UserExistsError, type AccountStore, type DocumentAccess, type Member, type User } from '../account-store'
import { storageWork } from '../storage-error'
import { inTransaction, type Pool } from './postgres-database'

const USER_COLUMNS = 'id, name, display_name AS "displayName"'

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: Pool) {}

  async addUser(name: string, displayName: string, passwordHash: string): Promise<User> {
    return this.run('创建用户', async () => {
      const { rows } = await this.pool.query<User>(
        `INSERT INTO users (name, display_name, password_hash, created_at, generation) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [name, displayName, passwordHash, Date.now(), randomInt(2 ** 31)],
      )
      if (!rows[0]) throw new UserExistsError(name)
      return rows[0]
    })
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<boolean> {
    return this.run('修改密码', () =>
      inTransaction(this.pool, async (client) => {
        await client.query('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = $1)', [name])
        return ((await client.query('UPDATE users SET password_hash = $1, generation = generation + 1 WHERE name = $2', [passwordHash, name])).rowCount ?? 0) > 0
      }),
    )
  }

  async setDisplayName(name: string, displayName: string): Promise<boolean> {
    return this.run('修改姓名', async () => ((await this.pool.query('UPDATE users SET display_name = $1 WHERE name = $2', [displayName, name])).rowCount ?? 0) > 0)
  }

  async passwordHash(name: string): Promise<string | undefined> {
    return this.one<{ hash: string }>('读取用户', 'SELECT password_hash AS hash FROM users WHERE name = $1', [name]).then((r) => r?.hash)
  }

  async removeUser(name: string): Promise<boolean> {
    return this.run('删除用户', async () => ((await this.pool.query('DELETE FROM users WHERE name = $1', [name])).rowCount ?? 0) > 0)
  }

  async userByName(name: string): Promise<User | undefined> {
    return this.one<User>('读取用户', `SELECT ${USER_COLUMNS} FROM users WHERE name = $1`, [name])
  }

  async userById(id: number): Promise<User | undefined> {
    return this.one<User>('读取用户', `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])
  }

  async listUsers(): Promise<User[]> {
    return this.all<User>('读取用户', `SELECT ${USER_COLUMNS} FROM users ORDER BY id`, [])
  }

  async generation(userId: number): Promise<number | undefined> {
    return this.one<{ generation: number }>('读取用户', 'SELECT generation FROM users WHERE id = $1', [userId]).then((r) => r?.generation)
  }

  async roleOf(docId: string, userId: number): Promise<Role | undefined> {
    return this.one<{ role: Role }>('读取权限', 'SELECT role FROM roles WHERE doc_id = $1 AND user_id = $2', [docId, userId]).then((r) => r?.role)
  }

  async setRole(docId: string, userId: number, role: Role | null): Promise<void> {
    await this.run('设置权限', () =>
      role === null
        ? this.pool.query('DELETE FROM roles WHERE doc_id = $1 AND user_id = $2', [docId, userId])
        : this.pool.query('INSERT INTO roles (doc_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role', [docId, userId, role]),
    )
  }

  async rolesOfUser(userId: number): Promise<DocumentAccess[]> {
    return this.all<DocumentAccess>('读取权限', 'SELECT doc_id AS "docId", role FROM roles WHERE user_id = $1', [userId])
  }

  async membersOf(docId: string): Promise<Member[]> {
    return this.all<Member>(
      '读取权限',
      'SELECT u.name, u.display_name AS "displayName", r.role FROM roles r JOIN users u ON u.id = r.user_id WHERE r.doc_id = $1 ORDER BY u.id',
      [docId],
    )
  }

  async createSession(userId: number, now = Date.now()): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    await this.run('登录', () => this.pool.query('INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)', [id, userId, now + SESSION_LIFETIME_MS]))
    return id
  }

  async userOfSession(sessionId: string, now = Date.now()): Promise<User | undefined> {
    return this.one<User>(
      '读取登录',
      'SELECT u.id, u.name, u.display_name AS "displayName" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > $2',
      [sessionId, now],
    )
  }

  async endSession(sessionId: string): Promise<void> {
    await this.run('退出登录', () => this.pool.query('DELETE FROM sessions WHERE id = $1', [sessionId]))
  }

  private async one<T extends object>(doing: string, sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.all<T>(doing, sql, params))[0]
  }

  private async all<T extends object>(doing: string, sql: string, params: unknown[]): Promise<T[]> {
    return this.run(doing, async () => (await this.pool.query<T>(sql, params)).rows)
  }

  private run<T>(doing: string, work: () => Promise<T>): Promise<T> {
    return storageWork(doing, work, UserExistsError)
  }
}
