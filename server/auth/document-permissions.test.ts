/**
 * Document permissions on every storage adapter (memory, SQLite,
 * PostgreSQL): department staff edit their department's documents,
 * assigned finance reviewers review them, nobody else sees them unless
 * shared.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import { DocumentPermissions } from './document-permissions'

describe.each(STORAGE_ADAPTERS)('DocumentPermissions: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  const open = async () => {
    opened = await adapter.open()
    for (const id of ['z1', 'z2', 'w1']) await opened.storage.documents.create({ id, title: id, ownerId: null, createdAt: 0 }, new Uint8Array([0, 0]))
    const user = (name: string) => opened!.storage.accounts.addUser(name, name.toUpperCase(), 'hash')
    return { zhang: await user('zhang'), li: await user('li'), wang: await user('wang'), zhao: await user('zhao') }
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('staff edit their department’s documents, assigned reviewers review them, others see nothing unless shared', async () => {
    const { zhang, li, wang, zhao } = await open()
    const orgs = opened!.storage.orgs
    const permissions = new DocumentPermissions(opened!.storage.accounts, orgs)
    const [zfw, other, czj] = [
      await orgs.addOrg({ name: '政法委', kind: 'department', code: '' }),
      await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' }),
      await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' }),
    ]
    await orgs.setDocumentOrg('z1', zfw.id)
    await orgs.setDocumentOrg('w1', other.id)
    await orgs.setMember(zfw.id, zhang.id, 'staff')
    await orgs.setMember(other.id, li.id, 'admin')
    await orgs.setMember(czj.id, wang.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }, true)

    expect(await permissions.roleOf('z1', zhang.id)).toBe('editor')
    expect(await permissions.roleOf('w1', zhang.id)).toBeUndefined()
    expect(await permissions.roleOf('z1', wang.id)).toBe('reviewer')
    expect(await permissions.roleOf('w1', wang.id)).toBeUndefined()
    expect(await permissions.roleOf('z1', li.id)).toBeUndefined()
    expect(await permissions.roleOf('z1', zhao.id)).toBeUndefined()
    // Shared by name: the exception; the strongest right wins.
    await opened!.storage.accounts.setRole('z1', zhao.id, 'viewer')
    await opened!.storage.accounts.setRole('z1', wang.id, 'viewer')
    expect(await permissions.roleOf('z1', zhao.id)).toBe('viewer')
    expect(await permissions.roleOf('z1', wang.id)).toBe('reviewer')
    expect((await permissions.rolesOfUser(wang.id)).sort((a, b) => a.docId.localeCompare(b.docId))).toEqual([{ docId: 'z1', role: 'reviewer' }])
    expect(await permissions.rolesOfUser(li.id)).toEqual([{ docId: 'w1', role: 'editor' }])
    // Leaving the department ends the right.
    await orgs.setMember(zfw.id, zhang.id, null)
    expect(await permissions.roleOf('z1', zhang.id)).toBeUndefined()
  })
})
