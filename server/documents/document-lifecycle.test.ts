import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createBlank, createImported, createSuccessor, deleteDocument, documentMembers, listDocuments, renameDocument, setDocumentMember } from './document-lifecycle'
import { importedText } from './imported-file'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('a document’s life, without HTTP', () => {
  it('a blank document: its maker owns and edits it, it goes to the department named, and its making is recorded', async () => {
    w = await useCaseWorld()
    const [zhang, li] = [await w.person('zhang', '张伟'), await w.person('li', '李娜')]
    const zfw = await w.org('政法委', 'department', [[zhang, 'staff'], [li, 'staff']])
    const id = await createBlank(w.ports, zhang, { year: 2024, org: zfw.id })
    expect(await w.data.documents.get(id)).toMatchObject({ title: '2024年部门预算绩效文本', ownerId: zhang.id })
    expect(await listDocuments(w.ports, li)).toEqual([expect.objectContaining({ id, role: 'editor', owner: false, ownerName: '张伟', status: '编制中' })])
    expect((await w.ports.service.activity(id)).map((a) => a.kind)).toEqual(['created'])
  })

  it('a blank document’s cover names its department and the bureau that reviews it, as the form writes them', async () => {
    w = await useCaseWorld()
    const [zhang, wang] = [await w.person('zhang', '张伟'), await w.person('wang', '王芳')]
    const zfw = await w.org('政法委', 'department', [[zhang, 'staff']])
    const bureau = await w.org('山海关区财政局', 'finance', [[wang, 'reviewer']])
    await w.data.orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: zfw.id, userId: wang.id }, true)
    const text = await w.ports.service.text(await createBlank(w.ports, zhang, { year: 2027 }))
    expect(text).toMatchObject({ title: '政法委', subtitle: '2027年部门预算绩效文本', preparedBy: '政法委编制', reviewedBy: '山海关区财政局审核' })
  })

  it('refuses a department the maker is not staff of', async () => {
    w = await useCaseWorld()
    const zhang = await w.person('zhang')
    const other = await w.org('文旅局', 'department')
    await expect(createBlank(w.ports, zhang, { org: other.id })).rejects.toMatchObject({ kind: 'forbidden' })
    expect(await w.data.documents.list()).toEqual([])
  })

  it('an import is titled from its department and 文本标题 unless named; next year’s draft carries the members, links back and renames the year', async () => {
    w = await useCaseWorld()
    const [zhang, wang] = [await w.person('zhang'), await w.person('wang')]
    const text = await importedText(w.ports, sampleBytes())
    const id = await createImported(w.ports, zhang, text, {})
    const doc = (await w.data.documents.get(id))!
    expect(doc.title).toBe(`${text.title} ${text.subtitle}`)
    await setDocumentMember(w.ports, zhang, id, 'wang', 'viewer')
    await renameDocument(w.ports, zhang, id, '2022年政法委绩效文本')

    const next = await createSuccessor(w.ports, zhang, id, {})
    expect(next.title).toBe('2023年政法委绩效文本')
    expect(await w.ports.service.predecessorOf(next.id)).toBe(id)
    expect(await documentMembers(w.ports, zhang, next.id)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'wang', role: 'viewer' }), expect.objectContaining({ name: 'zhang', role: 'editor' })]))
    // A title that does not name the year is given next year's, so the two are told apart in every list.
    await renameDocument(w.ports, zhang, id, '政法委绩效文本')
    expect((await createSuccessor(w.ports, zhang, id, {})).title).toBe('政法委绩效文本（2023年）')
    await expect(createSuccessor(w.ports, wang, id, {})).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(createSuccessor(w.ports, zhang, id, { year: 2022 })).rejects.toMatchObject({ code: 'successor-invalid' })
  })

  it('only the owner shares and deletes; the owner keeps editing; a stranger learns nothing', async () => {
    w = await useCaseWorld()
    const [zhang, li, stranger] = [await w.person('zhang'), await w.person('li'), await w.person('stranger')]
    const id = await createBlank(w.ports, zhang, {})
    await setDocumentMember(w.ports, zhang, id, 'li', 'editor')
    await expect(setDocumentMember(w.ports, li, id, 'stranger', 'viewer')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(setDocumentMember(w.ports, zhang, id, 'zhang', 'viewer')).rejects.toMatchObject({ kind: 'invalid', message: '文档所有者必须保留编辑权限' })
    // An unknown name is answered as a known one: sharing tells nobody which logins exist.
    await setDocumentMember(w.ports, zhang, id, 'nobody', 'viewer')
    await expect(renameDocument(w.ports, stranger, id, 'x')).rejects.toMatchObject({ code: 'document-not-found' })
    await expect(deleteDocument(w.ports, li, id)).rejects.toMatchObject({ kind: 'forbidden' })
    await deleteDocument(w.ports, zhang, id)
    expect(await w.data.documents.get(id)).toBeUndefined()
  })

  it('every way of making a document puts it in a department: the maker’s only one, the one chosen of several, this year’s for next year’s draft', async () => {
    w = await useCaseWorld()
    const [zhang, li, wang, ma] = [await w.person('zhang', '张伟'), await w.person('li', '李娜'), await w.person('wang', '王芳'), await w.person('ma', '马丽')]
    const zfw = await w.org('政法委', 'department', [[zhang, 'staff'], [li, 'staff'], [ma, 'admin']])
    const wlj = await w.org('文旅局', 'department', [[ma, 'staff']])
    const czj = await w.org('财政局', 'finance', [[wang, 'reviewer'], [zhang, 'admin']])
    await w.data.orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }, true)

    // 张伟 is in one department (and the bureau, which makes no documents): all three land in 政法委 unasked.
    const blank = await createBlank(w.ports, zhang, { year: 2024 })
    const imported = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), {})
    const next = (await createSuccessor(w.ports, zhang, imported, {})).id
    for (const id of [blank, imported, next]) expect(await w.data.orgs.documentOrg(id)).toBe(zfw.id)
    expect((await listDocuments(w.ports, li)).map((d) => d.id).sort()).toEqual([blank, imported, next].sort())
    expect((await listDocuments(w.ports, wang)).map((d) => [d.id, d.role])).toEqual(expect.arrayContaining([[next, 'reviewer']]))

    // 马丽 holds two: she must choose, and may choose either; her successor of 政法委's document stays in 政法委.
    await expect(createBlank(w.ports, ma, {})).rejects.toMatchObject({ kind: 'invalid', code: 'department-required' })
    await expect(createImported(w.ports, ma, await importedText(w.ports, sampleBytes()), {})).rejects.toMatchObject({ code: 'department-required' })
    expect(await w.data.orgs.documentOrg(await createBlank(w.ports, ma, { org: wlj.id }))).toBe(wlj.id)
    await expect(createBlank(w.ports, zhang, { org: wlj.id })).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(createBlank(w.ports, zhang, { org: czj.id })).rejects.toMatchObject({ kind: 'forbidden' })
    expect(await w.data.orgs.documentOrg((await createSuccessor(w.ports, ma, blank, { org: wlj.id })).id)).toBe(zfw.id)
  })

  it('a maker of no department (an operator) makes a document of none, owned and recorded all the same', async () => {
    w = await useCaseWorld()
    const operator = await w.person('operator')
    const id = await createBlank(w.ports, operator, {})
    expect(await w.data.orgs.documentOrg(id)).toBeUndefined()
    expect(await w.data.accounts.roleOf(id, operator.id)).toBe('editor')
  })
})
