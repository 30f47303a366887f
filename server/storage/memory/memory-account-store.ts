/** Accounts in memory: for tests and the contract suite. */
import { randomBytes, randomInt } from 'node:crypto'
import type { Role } from '@shared/protocol/role'
import { SESSION_LIFETIME_MS, UserExistsError, type AccountStore, type DocumentAccess, type Member, type User } from '../account-store'

interface StoredUser extends User {
  hash: string
  generation: number
}

export class MemoryAccountStore implements AccountStore {
  private readonly users = new Map<number, StoredUser>()
  /** docId → userId → role */
  private readonly roles = new Map<string, Map<number, Role>>()
  private readonly sessions = new Map<string, { userId: number; expiresAt: number }>()
  private nextId = 1

  async addUser(name: string, displayName: string, passwordHash: string): Promise<User> {
    if (this.byName(name)) throw new UserExistsError(name)
    const user: StoredUser = { id: this.nextId++, name, displayName, hash: passwordHash, generation: randomInt(2 ** 31) }
    this.users.set(user.id, user)
    return publicUser(user)
  }

  async setDisplayName(name: string, displayName: string): Promise<boolean> {
    const user = this.byName(name)
    if (user) user.displayName = displayName
    return user !== undefined
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<boolean> {
    const user = this.byName(name)
    if (!user) return false
    user.hash = passwordHash
    user.generation++
    for (const [id, session] of this.sessions) if (session.userId === user.id) this.sessions.delete(id)
    return true
  }

  async passwordHash(name: string): Promise<string | undefined> {
    return this.byName(name)?.hash
  }

  async removeUser(name: string): Promise<boolean> {
    const user = this.byName(name)
    if (!user) return false
    this.users.delete(user.id)
    for (const roles of this.roles.values()) roles.delete(user.id)
    for (const [id, session] of this.sessions) if (session.userId === user.id) this.sessions.delete(id)
    return true
  }

  async userByName(name: string): Promise<User | undefined> {
    const user = this.byName(name)
    return user && publicUser(user)
  }

  async userById(id: number): Promise<User | undefined> {
    const user = this.users.get(id)
    return user && publicUser(user)
  }

  async listUsers(): Promise<User[]> {
    return [...this.users.values()].map(publicUser)
  }

  async generation(userId: number): Promise<number | undefined> {
    return this.users.get(userId)?.generation
  }

  async roleOf(docId: string, userId: number): Promise<Role | undefined> {
    return this.roles.get(docId)?.get(userId)
  }

  async setRole(docId: string, userId: number, role: Role | null): Promise<void> {
    if (!this.users.has(userId)) return
    const roles = this.roles.get(docId) ?? new Map<number, Role>()
    if (role === null) roles.delete(userId)
    else roles.set(userId, role)
    this.roles.set(docId, roles)
  }

  async rolesOfUser(userId: number): Promise<DocumentAccess[]> {
    return [...this.roles].flatMap(([docId, roles]) => (roles.has(userId) ? [{ docId, role: roles.get(userId)! }] : []))
  }

  async membersOf(docId: string): Promise<Member[]> {
    return [...(this.roles.get(docId) ?? [])]
      .sort(([a], [b]) => a - b)
      .flatMap(([userId, role]) => {
        const user = this.users.get(userId)
        return user ? [{ name: user.name, displayName: user.displayName, role }] : []
      })
  }

  async createSession(userId: number, now = Date.now()): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    this.sessions.set(id, { userId, expiresAt: now + SESSION_LIFETIME_MS })
    return id
  }

  async userOfSession(sessionId: string, now = Date.now()): Promise<User | undefined> {
    const session = this.sessions.get(sessionId)
    return session && session.expiresAt > now ? this.userById(session.userId) : undefined
  }

  async endSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId)
  }

  private byName(name: string): StoredUser | undefined {
    for (const user of this.users.values()) if (user.name === name) return user
    return undefined
  }
}

const publicUser = ({ id, name, displayName }: User): User => ({ id, name, displayName })
