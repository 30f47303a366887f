/**
 * Fresh storage gets the demo: four accounts (two department staff, one
 * finance reviewer, one viewer), the sample document imported and shared
 * with them. The generated passwords are printed once and kept in
 * `demo-logins.txt` in the data directory. Instances starting together on
 * one database seed it once: the first to create the accounts wins.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importFile } from '@shared/formats/registry'
import type { Role } from '@shared/protocol/role'
import type { ServerData } from '../server-data'
import { UserExistsError } from '../storage/account-store'

export const DEMO_DOCUMENT_ID = 'demo'
export const DEMO_FILE = new URL('./zhengfawei-2022.txt', import.meta.url)

const DEMO_USERS: { name: string; displayName: string; role: Role; what: string }[] = [
  { name: 'zhangwei', displayName: '张伟', role: 'editor', what: '部门填报人（文档所有者）' },
  { name: 'lina', displayName: '李娜', role: 'editor', what: '部门填报人' },
  { name: 'wangfang', displayName: '王芳', role: 'reviewer', what: '财政局审核人' },
  { name: 'liuyang', displayName: '刘洋', role: 'viewer', what: '只读' },
]

export interface DemoLogin {
  name: string
  displayName: string
  password: string
  role: Role
  what: string
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
  for (const [i, user] of DEMO_USERS.entries()) await data.accounts.setRole(DEMO_DOCUMENT_ID, ids[i]!, user.role)
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 })
  return logins
}
