/**
 * Passwords over the account store: hashing on the way in, verifying on
 * login. The store keeps hashes only and knows nothing of scrypt.
 */
import type { AccountStore, User } from '../storage/account-store'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password'

export class Logins {
  constructor(private readonly accounts: AccountStore) {}

  async addUser(name: string, password: string, displayName = name): Promise<User> {
    return this.accounts.addUser(name, displayName, await hashPassword(password))
  }

  /** Also ends every login session of the user and invalidates their tokens. */
  async setPassword(name: string, password: string): Promise<boolean> {
    return this.accounts.setPasswordHash(name, await hashPassword(password))
  }

  /** The user, when the password is right; the same work when there is no such user. */
  async authenticate(name: string, password: string): Promise<User | undefined> {
    const hash = await this.accounts.passwordHash(name)
    if (hash === undefined) return verifyAgainstDummy(password).then(() => undefined)
    if (!(await verifyPassword(password, hash))) return undefined
    return this.accounts.userByName(name)
  }
}
