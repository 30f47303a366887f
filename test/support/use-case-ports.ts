/**
 * The use cases' ports over a real store (a fresh SQLite file, or a fresh
 * PostgreSQL schema under `JIXIAO_TEST_STORE=postgres`), a real relay and
 * real file workers, with no HTTP: what `server/documents/*.test.ts` drive. Helpers make
 * people and organisations as a 管理员 would.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OrgKind, OrgRole } from '@shared/protocol/org-role'
import { LocalBus } from '../../server/bus/local-bus'
import { FileWorkers } from '../../server/files/file-workers'
import type { Ports } from '../../server/documents/ports'
import { Metrics } from '../../server/metrics'
import { Notifier } from '../../server/notifications/notifier'
import { DEFAULT_RELAY_OPTIONS, Relay } from '../../server/relay/relay'
import { makeUpdatePolicy } from '../../server/relay/update-policy'
import { openServerData, type ServerData } from '../../server/server-data'
import type { User } from '../../server/storage/account-store'
import type { Org } from '../../server/storage/org-store'
import type { StorageConfig } from '../../server/storage/storage'
import { freshSchema, testStore } from '../../support/postgres'

/** The CLI's options naming `config`'s storage. */
export function cliStorageArgs(config: StorageConfig): string[] {
  if (config.kind === 'sqlite') return ['--data', config.dataDir]
  if (config.kind === 'postgres') return ['--store', 'postgres', '--database-url', config.url, ...(config.schema ? ['--database-schema', config.schema] : [])]
  throw new Error(`no CLI options for ${config.kind} storage`)
}

export interface UseCaseWorld {
  ports: Ports
  data: ServerData
  /** Where `data` is stored: what a CLI command is pointed at (`cliStorageArgs`). */
  config: StorageConfig
  relay: Relay
  person(name: string, displayName?: string): Promise<User>
  org(name: string, kind: OrgKind, members?: [User, OrgRole][]): Promise<Org>
  /** The usual pair: 张伟, staff of 政法委, and 王芳, the 财政局 审核人员 assigned to it. */
  reviewedDepartment(): Promise<{ zhang: User; wang: User; department: Org; bureau: Org }>
  close(): Promise<void>
}

export async function useCaseWorld(): Promise<UseCaseWorld> {
  const schema = testStore() === 'postgres' ? freshSchema() : null
  const config: StorageConfig = schema ? schema.config : { kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-use-cases-')) }
  const data = await openServerData(config)
  const access = { roleOf: (docId: string, userId: number) => data.permissions.roleOf(docId, userId), stillValid: async () => true }
  const relay = new Relay({ log: data.documents, bus: new LocalBus(), access }, makeUpdatePolicy(), new Metrics(), DEFAULT_RELAY_OPTIONS)
  const files = new FileWorkers()
  const ports: Ports = { ...data, notifier: new Notifier(data), live: relay, files }
  const person: UseCaseWorld['person'] = (name, displayName = name) => data.logins.addUser(name, `pw-${name}-long`, displayName)
  const org: UseCaseWorld['org'] = async (name, kind, members = []) => {
    const made = await data.orgs.addOrg({ name, kind, code: '' })
    for (const [user, role] of members) await data.orgs.setMember(made.id, user.id, role)
    return made
  }
  return {
    ports,
    data,
    config,
    relay,
    person,
    org,
    async reviewedDepartment() {
      const [zhang, wang] = [await person('zhang', '张伟'), await person('wang', '王芳')]
      const department = await org('政法委', 'department', [[zhang, 'staff']])
      const bureau = await org('财政局', 'finance', [[wang, 'reviewer']])
      await data.orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: wang.id }, true)
      return { zhang, wang, department, bureau }
    },
    async close() {
      await relay.shutdown()
      await files.close()
      await data.close()
      await schema?.drop()
    },
  }
}
