import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createImported } from './document-lifecycle'
import { importedText } from './imported-file'
import { addProjects, compare, documentActivity, listVersions, restoreVersion, saveNamedVersion } from './versions-history'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('versions and history, without HTTP', () => {
  it('named versions, a restore while staff may edit, none while submitted, and comparisons', async () => {
    w = await useCaseWorld()
    // 王芳 reads it as the department's assigned reviewer, who keeps no versions of her own.
    const { zhang, wang } = await w.reviewedDepartment()
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), { title: '政法委' })

    await expect(saveNamedVersion(w.ports, zhang, id, '自动保存')).rejects.toMatchObject({ kind: 'invalid' })
    await expect(saveNamedVersion(w.ports, wang, id, '我的')).rejects.toMatchObject({ kind: 'forbidden' })
    const first = await saveNamedVersion(w.ports, zhang, id, '初稿')
    const { added, warnings } = await addProjects(w.ports, zhang, id, { file: async () => sampleBytes() })
    expect(added.length).toBeGreaterThan(0)
    expect(warnings).toEqual([])
    const grown = await compare(w.ports, zhang, id, String(first), 'now')
    expect(grown.diff.projects.filter((p) => p.kind === 'added')).toHaveLength(added.length)

    const restored = await restoreVersion(w.ports, zhang, id, String(first), null)
    expect(restored.name).toBe('恢复到「初稿（张伟）」（张伟）')
    expect((await compare(w.ports, zhang, id, String(first), 'now')).diff.projects).toEqual([])
    await expect(restoreVersion(w.ports, zhang, id, String(first), { code: '', name: '没有这个项目' })).rejects.toMatchObject({ code: 'project-not-found' })

    await takeStep(w.ports, zhang, id, 'submit', '')
    await expect(restoreVersion(w.ports, zhang, id, String(first), null)).rejects.toMatchObject({ code: 'workflow-forbids' })
    await expect(compare(w.ports, wang, id, 'last-return', 'now')).rejects.toMatchObject({ code: 'version-not-found' })
    expect((await listVersions(w.ports, wang, id)).map((v) => v.name)).toEqual(['初稿（张伟）', '恢复到「初稿（张伟）」（张伟）', '报送（张伟）'])
    const { activity, people } = await documentActivity(w.ports, wang, id)
    expect(activity.map((a) => a.kind)).toEqual(expect.arrayContaining(['created', 'version', 'restore', 'workflow']))
    expect(people).toMatchObject({ zhang: '张伟' })
  })

  it('自上次退回以来的修改 starts at the 退回 step’s own version, not at a version staff or 自动保存 took since', async () => {
    w = await useCaseWorld()
    const { zhang, wang } = await w.reviewedDepartment()
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), {})
    for (const [who, action, note] of [[zhang, 'submit', ''], [wang, 'start-review', ''], [wang, 'return', '请补充项目']] as const) await takeStep(w.ports, who, id, action, note)

    // Staff add the projects asked for, then keep a version of it; the reviewer asks what changed since the return.
    const { added } = await addProjects(w.ports, zhang, id, { file: async () => sampleBytes() })
    await saveNamedVersion(w.ports, zhang, id, '补充后')
    const since = await compare(w.ports, wang, id, 'last-return', 'now')
    expect(since.from).toMatchObject({ name: '退回修改（王芳）', note: '请补充项目' })
    expect(since.diff.projects.filter((p) => p.kind === 'added')).toHaveLength(added.length)
  })
})
