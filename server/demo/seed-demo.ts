/**
 * A fresh data directory gets the demo: four accounts (two department
 * staff, one finance reviewer, one viewer), the sample document imported
 * and shared with them. The generated passwords are printed once and kept
 * in `demo-logins.txt` in the data directory.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importPublishedText } from '@shared/formats/published-text/import'
import type { Role } from '@shared/protocol/role'
import type { DataDir } from '../data-dir'

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

/** Seeds the demo when the data directory has no users; returns the logins (also when seeded earlier). */
export async function seedDemo(data: DataDir): Promise<DemoLogin[]> {
  const file = join(data.path, 'demo-logins.txt')
  if (data.accounts.listUsers().length > 0) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]
    } catch {
      return []
    }
  }
  const logins: DemoLogin[] = []
  for (const user of DEMO_USERS) {
    const password = randomBytes(6).toString('base64url')
    await data.accounts.addUser(user.name, password, user.displayName)
    logins.push({ ...user, password })
  }
  const imported = importPublishedText(readFileSync(DEMO_FILE))
  if (!imported.ok) throw new Error(`演示文档无法导入：${imported.error.message}`)
  const owner = data.accounts.userByName(DEMO_USERS[0]!.name)!
  data.service.create(imported.value, { id: DEMO_DOCUMENT_ID, title: '政法委部门 2022年部门预算绩效文本', ownerId: owner.id })
  for (const user of DEMO_USERS) data.accounts.setRole(DEMO_DOCUMENT_ID, data.accounts.userByName(user.name)!.id, user.role)
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 })
  return logins
}
