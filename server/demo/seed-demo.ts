/**
 * Fresh storage gets the demo: two departments — 政法委 with the sample
 * document, 文旅局 with one of its own Part 1 and the sample's first three
 * projects renamed — and the finance bureau whose
 * reviewer 王芳 is assigned to both; six accounts (department staff, the
 * reviewer, the bureau's 管理员 who sets the 报送截止, a viewer the sample
 * is shared with by name). The generated passwords are printed once and kept in
 * `demo-logins.txt` in the data directory. Instances starting together on
 * one database seed it once: the first to create the accounts wins.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importFile } from '@shared/formats/registry'
import type { Role } from '@shared/protocol/role'
import type { ServerData } from '../server-data'
import { REPO_ROOT } from '../repo-root'
import { UserExistsError } from '../storage/account-store'
import { WENLV_PART1, WENLV_UNIT } from './wenlv-part1'

export const DEMO_DOCUMENT_ID = 'demo'
export const DEMO_FILE = join(REPO_ROOT, 'server/demo/zhengfawei-2022.txt')

const DEMO_USERS: { name: string; displayName: string; role: Role | null; what: string; document?: string }[] = [
  { name: 'zhangwei', displayName: '张伟', role: 'editor', what: '政法委 管理员' },
  { name: 'lina', displayName: '李娜', role: 'editor', what: '政法委 编制人员' },
  { name: 'wangfang', displayName: '王芳', role: 'reviewer', what: '财政局 审核人员，审核政法委和文旅局' },
  { name: 'liuyang', displayName: '刘洋', role: 'viewer', what: '只读，示例文档按姓名共享给他' },
  { name: 'zhaomin', displayName: '赵敏', role: 'editor', what: '文旅局 管理员', document: 'demo-wenlv' },
  { name: 'chengang', displayName: '陈刚', role: null, what: '财政局 管理员，在人员管理中设定报送截止、分配审核人员' },
]

export const SECOND_DOCUMENT_ID = 'demo-wenlv'

export interface DemoLogin {
  name: string
  displayName: string
  password: string
  /** Their role on the document they open; null for the bureau's 管理员, who opens none (and gets no sync address). */
  role: Role | null
  what: string
  /** The document their sync address opens, when not the sample. */
  document?: string
}

/** Seeds the demo when the storage has no users; returns the logins (also when seeded earlier from this data directory). */
export async function seedDemo(data: ServerData, dataDir: string): Promise<DemoLogin[]> {
  const file = join(dataDir, 'demo-logins.txt')
  const earlier = (): DemoLogin[] => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]
    } catch {
      return []
    }
  }
  if ((await data.accounts.listUsers()).length > 0) return earlier()
  const logins: DemoLogin[] = []
  const ids: number[] = []
  for (const user of DEMO_USERS) {
    const password = randomBytes(6).toString('base64url')
    try {
      ids.push((await data.logins.addUser(user.name, password, user.displayName)).id)
    } catch (error) {
      if (error instanceof UserExistsError) return earlier()
      throw error
    }
    logins.push({ ...user, password })
  }
  const imported = await importFile(readFileSync(DEMO_FILE))
  if (!imported.ok) throw new Error(`演示文档无法导入：${imported.error.message}`)
  await data.service.create(imported.value, { id: DEMO_DOCUMENT_ID, title: '政法委部门 2022年部门预算绩效文本', ownerId: ids[0]! })
  const second = {
    ...imported.value,
    ...WENLV_PART1,
    title: '文旅局',
    preparedBy: '文旅局编制',
    projects: imported.value.projects.slice(0, 3).map((p, i) => ({ ...p, ...WENLV_UNIT, name: ['文化惠民演出经费', '公共图书馆运行经费', '旅游宣传推广经费'][i]!, code: '' })),
  }
  await data.service.create(second, { id: SECOND_DOCUMENT_ID, title: '文旅局 2022年部门预算绩效文本', ownerId: ids[4]! })
  // Access by organisation; the viewer is the one shared by name.
  const [zfw, wlj, czj] = [
    await data.orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' }),
    await data.orgs.addOrg({ name: '文旅局', kind: 'department', code: '217001' }),
    await data.orgs.addOrg({ name: '财政局', kind: 'finance', code: '' }),
  ]
  await data.orgs.setDocumentOrg(DEMO_DOCUMENT_ID, zfw.id)
  await data.orgs.setDocumentOrg(SECOND_DOCUMENT_ID, wlj.id)
  await data.orgs.setMember(zfw.id, ids[0]!, 'admin')
  await data.orgs.setMember(zfw.id, ids[1]!, 'staff')
  await data.orgs.setMember(wlj.id, ids[4]!, 'admin')
  await data.orgs.setMember(czj.id, ids[2]!, 'reviewer')
  await data.orgs.setMember(czj.id, ids[5]!, 'admin')
  for (const department of [zfw, wlj]) await data.orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: department.id, userId: ids[2]! }, true)
  await data.accounts.setRole(DEMO_DOCUMENT_ID, ids[0]!, 'editor')
  await data.accounts.setRole(DEMO_DOCUMENT_ID, ids[3]!, 'viewer')
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 })
  return logins
}
