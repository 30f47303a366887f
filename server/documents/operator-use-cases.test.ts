/**
 * The use cases as the operator calls them (the CLI's `doc import`,
 * `import --into`, `doc export`, `user …`), without HTTP and without a
 * relay: the same ports a command gets (`documentsAtRest` for the live
 * documents), over a real store and real file workers. What differs from
 * a person is decided in the use case: the operator reaches every
 * document, is held by no workflow step, and is recorded as nobody.
 */
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { textAt } from '../../support/document-place'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { verifyToken } from '../auth/access-token'
import { OPERATOR } from './actor'
import { allAccounts, openAccount, operatorRemoveUser, operatorSetPassword } from './accounts'
import { allDocuments, createBlank, createImported, operatorGrant, operatorMaker } from './document-lifecycle'
import { documentsAtRest } from './documents-at-rest'
import { exportDocument, operatorAccessToken } from './document-reads'
import { importedText, MAX_IMPORT_BYTES, sourceText } from './imported-file'
import type { Ports } from './ports'
import { addProjects } from './versions-history'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

/** The ports a CLI command has: no relay, changes to storage. */
const atRest = (world: UseCaseWorld): Ports => ({ ...world.ports, live: documentsAtRest(world.data.service) })

describe('the operator’s use cases, without HTTP or a relay', () => {
  it('imports a file for an owner in a department, or for nobody; refuses a file past the cap before reading it', async () => {
    w = await useCaseWorld()
    const p = atRest(w)
    const { zhang, department } = await w.reviewedDepartment()
    const text = await importedText(p, sampleBytes())
    const owned = await createImported(p, OPERATOR, text, { owner: zhang, org: department.id, id: 'd1' })
    expect(owned).toBe('d1')
    expect(await w.data.documents.get('d1')).toMatchObject({ ownerId: zhang.id, title: `${text.title} ${text.subtitle}` })
    expect(await w.data.orgs.documentOrg('d1')).toBe(department.id)
    expect(await w.data.permissions.roleOf('d1', zhang.id)).toBe('editor')

    const nobodys = await createImported(p, OPERATOR, await sourceText(p, OPERATOR, { stored: 'd1' }), { title: '副本' })
    expect(await w.data.documents.get(nobodys)).toMatchObject({ ownerId: null, title: '副本' })
    expect(await w.data.accounts.membersOf(nobodys)).toEqual([])
    expect((await w.data.service.text(nobodys)).projects).toHaveLength(text.projects.length)
    await expect(sourceText(p, OPERATOR, { stored: 'nope' })).rejects.toMatchObject({ kind: 'not-found', message: '没有这个文档：nope' })

    let read = false
    const huge = { file: async () => ((read = true), new Uint8Array(MAX_IMPORT_BYTES + 1)) }
    await expect(sourceText(p, OPERATOR, huge)).rejects.toMatchObject({ kind: 'too-large', code: 'import-too-large', message: '文件太大（上限 16 MiB）' })
    expect(read).toBe(true)
    // The blank template's cover names the department and its bureau, as a person's does.
    const blank = await createBlank(p, OPERATOR, { org: department.id })
    expect((await w.data.service.text(blank)).title).toBe('政法委')
  })

  it('adds projects at any workflow step, stored as nobody’s change, where staff are refused', async () => {
    w = await useCaseWorld()
    const p = atRest(w)
    const { zhang } = await w.reviewedDepartment()
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), {})
    await takeStep(w.ports, zhang, id, 'submit', '')
    await expect(addProjects(w.ports, zhang, id, { file: async () => sampleBytes() })).rejects.toMatchObject({ code: 'workflow-forbids' })
    await expect(addProjects(p, OPERATOR, 'nope', { file: async () => sampleBytes() })).rejects.toMatchObject({ kind: 'not-found', message: '没有这个文档：nope' })

    const before = (await w.data.service.text(id)).projects.length
    const { added, warnings } = await addProjects(p, OPERATOR, id, { file: async () => sampleBytes() })
    expect(added).toHaveLength(before)
    expect(warnings).toEqual([])
    expect((await w.data.service.text(id)).projects).toHaveLength(2 * before)
    expect((await w.data.documents.history(id)).tail.at(-1)).toMatchObject({ by: null })
    await expect(addProjects(p, OPERATOR, id, { file: async () => new TextEncoder().encode('不是绩效文本') })).rejects.toMatchObject({ kind: 'unprocessable', code: expect.stringMatching(/^import-/) })
  })

  it('exports the file a reader downloads: suggestions tracked by their authors’ 姓名, written in a file worker', async () => {
    w = await useCaseWorld()
    const p = atRest(w)
    const { zhang, wang } = await w.reviewedDepartment()
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), {})
    // 王芳's pending suggestion, as her client would have stored it.
    await p.live.applyServerChange(id, (ydoc) => textAt(ydoc, { goal: 0 }).insert(0, '新增一句。', { insertion: { id: 'i1', author: wang.name, time: Date.UTC(2026, 10, 28) } }), { by: wang.name })

    const word = await exportDocument(p, OPERATOR, id, 'docx', { tracked: true, withOpinion: false })
    expect(new TextDecoder().decode(unzipSync(word.body as Uint8Array)['word/document.xml']!)).toMatch(/<w:ins [^>]*w:author="王芳"[^>]*>.*?新增一句。/)
    const asStaff = await exportDocument(w.ports, zhang, id, 'docx', { tracked: true, withOpinion: false })
    expect(unzipSync(asStaff.body as Uint8Array)['word/document.xml']).toEqual(unzipSync(word.body as Uint8Array)['word/document.xml'])
    await expect(exportDocument(p, OPERATOR, 'nope', 'txt', { tracked: false, withOpinion: false })).rejects.toMatchObject({ kind: 'not-found', message: '没有这个文档：nope' })
  })

  it('opens, re-passwords and removes accounts by name, with the operator’s wording; a 管理员 is told otherwise', async () => {
    w = await useCaseWorld()
    const p = atRest(w)
    const li = await openAccount(p, OPERATOR, { name: 'li', password: 'long-enough-pw', displayName: '李娜' })
    expect(li).toMatchObject({ name: 'li', displayName: '李娜' })
    await expect(openAccount(p, OPERATOR, { name: 'li', password: 'x-long-enough', displayName: 'x' })).rejects.toMatchObject({ code: 'user-exists', message: '用户已存在：li' })
    await expect(openAccount(p, li, { name: 'li', password: 'x-long-enough', displayName: 'x' })).rejects.toMatchObject({ code: 'user-exists', message: expect.stringContaining('添加已有用户') })

    await operatorSetPassword(p, 'li', 'another-long-pw')
    expect(await w.data.logins.authenticate('li', 'another-long-pw')).toMatchObject({ name: 'li' })
    expect(await w.data.logins.authenticate('li', 'long-enough-pw')).toBeUndefined()
    await expect(operatorSetPassword(p, 'nobody', 'x-long-enough')).rejects.toMatchObject({ kind: 'not-found', message: '没有这个用户：nobody' })

    expect((await allAccounts(p)).map((u) => u.name)).toEqual(['li'])
    await operatorRemoveUser(p, 'li')
    expect(await allAccounts(p)).toEqual([])
    await expect(operatorRemoveUser(p, 'li')).rejects.toMatchObject({ message: '没有这个用户：li' })
  })

  it('shares a document with anyone, a reviewer joining the bureau; gives a person their token; finds whom to make from a document as', async () => {
    w = await useCaseWorld()
    const p = atRest(w)
    const [zhang, li] = [await w.person('zhang', '张伟'), await w.person('li', '李娜')]
    const id = await createImported(p, OPERATOR, await importedText(p, sampleBytes()), { owner: zhang })
    expect((await allDocuments(p)).map((d) => d.id)).toEqual([id])

    expect(await operatorGrant(p, id, li, 'viewer')).toBeUndefined()
    expect(await w.data.permissions.roleOf(id, li.id)).toBe('viewer')
    const bureau = await operatorGrant(p, id, li, 'reviewer')
    expect(bureau).toMatchObject({ name: '财政局', kind: 'finance' })
    expect(await w.data.permissions.roleOf(id, li.id)).toBe('reviewer')
    // Granted by the operator: no activity entry names a person.
    expect((await w.data.service.activity(id)).filter((a) => a.kind === 'role')).toEqual([])
    await operatorGrant(p, id, li, null)
    expect(await w.data.permissions.roleOf(id, li.id)).toBeUndefined()
    await expect(operatorGrant(p, 'nope', li, 'viewer')).rejects.toMatchObject({ message: '没有这个文档：nope' })

    const { token, joined } = await operatorAccessToken(p, id, li, 'editor')
    expect(joined).toBeUndefined()
    expect(verifyToken(w.data.secret, token)).toMatchObject({ doc: id, sub: 'li', uid: li.id })

    expect(await operatorMaker(p, id, undefined)).toMatchObject({ name: 'zhang' })
    expect(await operatorMaker(p, id, 'li')).toMatchObject({ name: 'li' })
    await expect(operatorMaker(p, id, 'nobody')).rejects.toMatchObject({ code: 'user-not-found', message: '没有这个用户：nobody' })
    const nobodys = await createBlank(p, OPERATOR, {})
    expect(await operatorMaker(p, nobodys, undefined)).toBeUndefined()
  })
})
