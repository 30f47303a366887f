/**
 * Accounts: opened, their password replaced, removed, listed — the one
 * place each is done. A 管理员 opens an account for a colleague and resets
 * a member's password (`organisations.ts` checks whom they manage, then
 * calls these); the operator (`user add|passwd|remove|list`) does so for
 * anyone, by login name.
 */
import type { User } from '../storage/account-store'
import { isOperator, type Actor } from './actor'
import type { Ports } from './ports'
import { Refusal, userNotFound } from './refusal'

/**
 * A new account (its password hashed), for `by` — the operator, or a
 * person a use case has already found allowed (`addOrgUser`). Refused
 * `user-exists` when the login name is taken, worded for each.
 */
export async function openAccount(p: Pick<Ports, 'accounts' | 'logins'>, by: Actor, input: { name: string; password: string; displayName: string }): Promise<User> {
  if (await p.accounts.userByName(input.name)) {
    throw new Refusal('conflict', 'user-exists', isOperator(by) ? `用户已存在：${input.name}` : `登录名 ${input.name} 已被使用：如是同一人，请用“添加已有用户”`)
  }
  return p.logins.addUser(input.name, input.password, input.displayName)
}

/**
 * Replaces an account's password: its logins and open connections end —
 * at once on a server (and every instance); from the command line, within
 * seconds, when a running server next re-checks credentials.
 */
export async function replacePassword(p: Pick<Ports, 'logins' | 'live'>, member: Pick<User, 'name'>, password: string): Promise<void> {
  await p.logins.setPassword(member.name, password)
  await p.live.closeUnauthenticated({ publish: true })
}

/** The account of that login name, for the operator; refused `user-not-found` ("没有这个用户：…"). */
export async function accountNamed(p: Pick<Ports, 'accounts'>, name: string): Promise<User> {
  const user = await p.accounts.userByName(name)
  if (!user) throw userNotFound(`没有这个用户：${name}`)
  return user
}

/** The operator's `user passwd`: any account's password. */
export async function operatorSetPassword(p: Pick<Ports, 'accounts' | 'logins' | 'live'>, name: string, password: string): Promise<void> {
  await replacePassword(p, await accountNamed(p, name), password)
}

/** The operator's `user remove`: the account goes, and with it every role and membership; its connections end when a server next re-checks. */
export async function operatorRemoveUser(p: Pick<Ports, 'accounts' | 'live'>, name: string): Promise<void> {
  if (!(await p.accounts.removeUser(name))) throw userNotFound(`没有这个用户：${name}`)
  await p.live.closeUnauthenticated({ publish: true })
}

/** Every account, in the order they were made. */
export async function allAccounts(p: Pick<Ports, 'accounts'>): Promise<User[]> {
  return p.accounts.listUsers()
}
