/**
 * The AccountStore contract, run against every adapter: memory, SQLite
 * and PostgreSQL. Authentication leans on it: a password change ends the
 * user's logins and moves their token generation; a removed user loses
 * roles and logins; a re-created account never inherits old tokens.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import { UserExistsError, SESSION_LIFETIME_MS, tokenSubject, type AccountStore } from './account-store'


describe.each(STORAGE_ADAPTERS)('AccountStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  let accounts: AccountStore
  /** Documents the roles point at (the SQL adapters check them). */
  const open = async () => {
    opened = await adapter.open()
    accounts = opened.storage.accounts
    for (const id of ['d1', 'd2']) await opened.storage.documents.create({ id, title: id, ownerId: null, createdAt: 0 }, new Uint8Array([0, 0]))
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('adds users with their hash; a taken name is refused', async () => {
    await open()
    const zhang = await accounts.addUser('zhangwei', '张伟', 'hash-1')
    expect(zhang).toEqual({ id: zhang.id, name: 'zhangwei', displayName: '张伟' })
    await expect(accounts.addUser('zhangwei', '另一个', 'hash-2')).rejects.toBeInstanceOf(UserExistsError)
    const li = await accounts.addUser('lina', '李娜', 'hash-3')
    expect(await accounts.userByName('lina')).toEqual(li)
    expect(await accounts.userById(zhang.id)).toEqual(zhang)
    expect(await accounts.userByName('nobody')).toBeUndefined()
    expect(await accounts.listUsers()).toEqual([zhang, li])
    expect(await accounts.passwordHash('zhangwei')).toBe('hash-1')
    expect(await accounts.passwordHash('nobody')).toBeUndefined()
    expect(await accounts.setDisplayName('lina', '李娜（财政局）')).toBe(true)
    expect((await accounts.userByName('lina'))?.displayName).toBe('李娜（财政局）')
    expect(await accounts.setDisplayName('nobody', '谁')).toBe(false)
  })

  it('a password change ends the user’s logins and moves their token generation', async () => {
    await open()
    const zhang = await accounts.addUser('zhangwei', '张伟', 'old')
    const li = await accounts.addUser('lina', '李娜', 'h')
    const before = await tokenSubject(accounts, 'zhangwei')
    const session = await accounts.createSession(zhang.id)
    const other = await accounts.createSession(li.id)
    expect(await accounts.userOfSession(session)).toEqual(zhang)
    expect(await accounts.setPasswordHash('zhangwei', 'new')).toBe(true)
    expect(await accounts.setPasswordHash('nobody', 'new')).toBe(false)
    expect(await accounts.passwordHash('zhangwei')).toBe('new')
    expect(await accounts.userOfSession(session)).toBeUndefined()
    expect(await accounts.userOfSession(other)).toEqual(li)
    expect((await tokenSubject(accounts, 'zhangwei'))!.gen).not.toBe(before!.gen)
  })

  it('login sessions expire and end', async () => {
    await open()
    const zhang = await accounts.addUser('zhangwei', '张伟', 'h')
    const session = await accounts.createSession(zhang.id, 1_000)
    expect(await accounts.userOfSession(session, 1_000 + SESSION_LIFETIME_MS - 1)).toEqual(zhang)
    expect(await accounts.userOfSession(session, 1_000 + SESSION_LIFETIME_MS)).toBeUndefined()
    const now = await accounts.createSession(zhang.id)
    await accounts.endSession(now)
    expect(await accounts.userOfSession(now)).toBeUndefined()
    expect(await accounts.userOfSession('not-a-session')).toBeUndefined()
  })

  it('sets, replaces and removes roles; lists them per user and per document', async () => {
    await open()
    const zhang = await accounts.addUser('zhangwei', '张伟', 'h')
    const wang = await accounts.addUser('wangfang', '王芳', 'h')
    await accounts.setRole('d1', zhang.id, 'editor')
    await accounts.setRole('d1', wang.id, 'viewer')
    await accounts.setRole('d1', wang.id, 'reviewer')
    await accounts.setRole('d2', wang.id, 'reviewer')
    expect(await accounts.roleOf('d1', wang.id)).toBe('reviewer')
    expect(await accounts.membersOf('d1')).toEqual([
      { name: 'zhangwei', displayName: '张伟', role: 'editor' },
      { name: 'wangfang', displayName: '王芳', role: 'reviewer' },
    ])
    expect((await accounts.rolesOfUser(wang.id)).sort((a, b) => a.docId.localeCompare(b.docId))).toEqual([
      { docId: 'd1', role: 'reviewer' },
      { docId: 'd2', role: 'reviewer' },
    ])
    await accounts.setRole('d1', wang.id, null)
    expect(await accounts.roleOf('d1', wang.id)).toBeUndefined()
    expect(await accounts.membersOf('d1')).toHaveLength(1)
  })

  it('removing a user removes their roles and logins; a re-created account gets a new generation', async () => {
    await open()
    const li = await accounts.addUser('lina', '李娜', 'h')
    await accounts.setRole('d1', li.id, 'editor')
    const session = await accounts.createSession(li.id)
    const before = await tokenSubject(accounts, 'lina')
    expect(await accounts.removeUser('lina')).toBe(true)
    expect(await accounts.removeUser('lina')).toBe(false)
    expect(await accounts.userOfSession(session)).toBeUndefined()
    expect(await accounts.generation(li.id)).toBeUndefined()
    expect(await accounts.membersOf('d1')).toEqual([])
    await accounts.addUser('lina', '李娜', 'h')
    const after = await tokenSubject(accounts, 'lina')
    expect(after!.uid === before!.uid && after!.gen === before!.gen).toBe(false)
  })
})
