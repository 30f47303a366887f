import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../test/support/sample'
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

  it('refuses a department the maker is not staff of', async () => {
    w = await useCaseWorld()
    const zhang = await w.person('zhang')
    const other = await w.org('文旅局', 'department')
    await expect(createBlank(w.ports, zhang, { org: other.id })).rejects.toMatchObject({ kind: 'forbidden' })
    expect(await w.data.documents.list()).toEqual([])
  })

  it('an import is titled from the file unless named; next year’s draft carries the members, links back and renames the year', async () => {
    w = await useCaseWorld()
    const [zhang, wang] = [await w.person('zhang'), await w.person('wang')]
    const text = await importedText(w.ports, sampleBytes())
    const id = await createImported(w.ports, zhang, text, undefined)
    const doc = (await w.data.documents.get(id))!
    expect(doc.title).toBe(text.subtitle || text.title)
    await setDocumentMember(w.ports, zhang, id, 'wang', 'viewer')
    await renameDocument(w.ports, zhang, id, '2022年政法委绩效文本')

    const next = await createSuccessor(w.ports, zhang, id, {})
    expect(next.title).toBe('2023年政法委绩效文本')
    expect(await w.ports.service.predecessorOf(next.id)).toBe(id)
    expect(await documentMembers(w.ports, zhang, next.id)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'wang', role: 'viewer' }), expect.objectContaining({ name: 'zhang', role: 'editor' })]))
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
})
