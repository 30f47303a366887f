/**
 * The OrgStore contract, run against every adapter: memory, SQLite and
 * PostgreSQL — and the permissions built on it: department staff edit
 * their department's documents, assigned finance reviewers review them,
 * nobody else sees them unless shared.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import { DocumentPermissions } from '../auth/document-permissions'
import { OrgExistsError, type OrgStore } from './org-store'

describe.each(STORAGE_ADAPTERS)('OrgStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  let orgs: OrgStore
  const open = async () => {
    opened = await adapter.open()
    orgs = opened.storage.orgs
    for (const id of ['z1', 'z2', 'w1']) await opened.storage.documents.create({ id, title: id, ownerId: null, createdAt: 0 }, new Uint8Array([0, 0]))
    const user = (name: string) => opened!.storage.accounts.addUser(name, name.toUpperCase(), 'hash')
    return { zhang: await user('zhang'), li: await user('li'), wang: await user('wang'), zhao: await user('zhao') }
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('keeps organisations, members, assignments and documents’ departments', async () => {
    const { zhang, wang } = await open()
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' })
    const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await expect(orgs.addOrg({ name: '政法委', kind: 'department', code: '' })).rejects.toBeInstanceOf(OrgExistsError)
    expect(await orgs.orgs()).toEqual([zfw, czj])
    expect(await orgs.orgByName('财政局')).toEqual(czj)
    expect(await orgs.orgById(zfw.id)).toEqual(zfw)

    await orgs.setMember(zfw.id, zhang.id, 'staff')
    await orgs.setMember(zfw.id, zhang.id, 'admin')
    await orgs.setMember(czj.id, wang.id, 'reviewer')
    expect(await orgs.members(zfw.id)).toEqual([{ userId: zhang.id, name: 'zhang', displayName: 'ZHANG', role: 'admin' }])
    expect(await orgs.membershipsOf(wang.id)).toEqual([{ orgId: czj.id, role: 'reviewer' }])

    const assignment = { financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }
    await orgs.setAssignment(assignment, true)
    await orgs.setAssignment(assignment, true)
    expect(await orgs.assignments({ financeOrgId: czj.id })).toEqual([assignment])
    expect(await orgs.assignments({ userId: wang.id })).toEqual([assignment])
    expect(await orgs.assignments({ departmentOrgId: zfw.id })).toEqual([assignment])
    await orgs.setAssignment(assignment, false)
    expect(await orgs.assignments({ userId: wang.id })).toEqual([])

    await orgs.setDocumentOrg('z1', zfw.id)
    await orgs.setDocumentOrg('z2', zfw.id)
    expect(await orgs.documentOrg('z1')).toBe(zfw.id)
    expect(await orgs.documentsOf(zfw.id)).toEqual(['z1', 'z2'])
    await orgs.setDocumentOrg('z2', null)
    expect(await orgs.documentOrg('z2')).toBeUndefined()
    await orgs.setMember(zfw.id, zhang.id, null)
    expect(await orgs.members(zfw.id)).toEqual([])
  })

  it('permissions: staff edit their department’s documents, assigned reviewers review them, others see nothing unless shared', async () => {
    const { zhang, li, wang, zhao } = await open()
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
