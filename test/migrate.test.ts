/**
 * `migrate`: a district's SQLite data, edited through the real server,
 * moves to PostgreSQL; a server started on PostgreSQL then serves it —
 * same document, same versions, same roles, same passwords.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readContent } from '@shared/model/y-document'
import { runCli } from '../server/cli/run-cli'
import { startServer } from '../server/server'
import { freshSchema, type TestSchema } from '../support/postgres'
import { startTestServer, synced, until, DOC_ID, type TestServer } from '../support/test-server'
import { textAt } from '../support/document-place'

let t: TestServer | null = null
const schemas: TestSchema[] = []
afterEach(async () => {
  await t?.close()
  t = null
  for (const schema of schemas.splice(0)) await schema.drop()
})

const cli = async (args: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('migrate', () => {
  it('moves users, organisations, documents, roles, versions and activity from SQLite to PostgreSQL and checks every document', async () => {
    t = await startTestServer({ relay: { compaction: { updates: 5, bytes: 1 << 20 } } })
    const a = await t.client('zhang', 'editor')
    await t.client('wang', 'reviewer')
    await synced(a)
    const goal = textAt(a.doc, { goal: 0 })
    for (let i = 0; i < 12; i++) goal.insert(0, `${i}`)
    await until(async () => (await t!.server.data.service.model(DOC_ID)).overall.goals[0] === goal.toString(), 'stored')
    await t.server.data.documents.saveVersion(DOC_ID, { name: '报送（张伟）', status: '已报送', byUser: 'zhang', createdAt: 1, note: '' })
    const { orgs, accounts } = t.server.data
    // Granting wang 审核 made him one of the bureau's (the only people a 审核 grant counts for).
    const [department, bureau] = [await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' }), (await orgs.orgByName('财政局'))!]
    const [zhang, wang] = [(await accounts.userByName('zhang'))!, (await accounts.userByName('wang'))!]
    await orgs.setMember(department.id, zhang.id, 'staff')
    await orgs.setMember(bureau.id, wang.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: wang.id }, true)
    await orgs.setDocumentOrg(DOC_ID, department.id)
    await orgs.invite({ orgId: department.id, userId: wang.id, role: 'admin', invitedBy: zhang.id, at: 5 })
    const served = JSON.stringify(readContent(await t.server.data.service.load(DOC_ID)))
    const dataDir = t.dataDir
    await t.close()
    t = null

    const schema = freshSchema()
    schemas.push(schema)
    const to = `postgres:${schema.config.url}`
    const moved = await cli(['migrate', '--from', `sqlite:${dataDir}`, '--to', to, '--to-schema', schema.config.schema!])
    expect(moved.err).toBe('')
    expect(moved.code).toBe(0)
    expect(moved.out).toContain('已迁移 2 个用户、1 个文档、2 个版本')

    const again = await cli(['migrate', '--from', `sqlite:${dataDir}`, '--to', to, '--to-schema', schema.config.schema!])
    expect(again.code).toBe(1)
    expect(again.err).toContain('目标存储中已有用户或文档')

    const server = await startServer({ dataDir, store: schema.config, port: 0 })
    try {
      expect(JSON.stringify(readContent(await server.data.service.load(DOC_ID)))).toBe(served)
      expect((await server.data.documents.versions(DOC_ID)).map((v) => v.name)).toEqual(['报送（张伟）', '自动保存（zhang）'])
      expect((await server.data.accounts.membersOf(DOC_ID)).map((m) => [m.name, m.role])).toEqual([['zhang', 'editor'], ['wang', 'reviewer']])
      expect(await server.data.logins.authenticate('zhang', 'pw-zhang')).toMatchObject({ name: 'zhang' })
      // Organisations come along: members, assignments, the document's department.
      const moved = await server.data.orgs.orgByName('政法委')
      expect((await server.data.orgs.members(moved!.id)).map((m) => [m.name, m.role])).toEqual([['zhang', 'staff']])
      expect(await server.data.orgs.documentOrg(DOC_ID)).toBe(moved!.id)
      expect((await server.data.orgs.assignments({ userId: (await server.data.accounts.userByName('wang'))!.id })).map((a) => a.departmentOrgId)).toEqual([moved!.id])
      const [zhangThere, wangThere] = [(await server.data.accounts.userByName('zhang'))!, (await server.data.accounts.userByName('wang'))!]
      expect(await server.data.orgs.invitationsOf(wangThere.id)).toEqual([{ id: expect.any(Number), orgId: moved!.id, userId: wangThere.id, role: 'admin', invitedBy: zhangThere.id, at: 5 }])
      expect((await server.data.service.activity(DOC_ID)).some((a) => a.kind === 'edits' && a.by === 'zhang')).toBe(true)
    } finally {
      await server.close()
    }
  }, 60_000)
})
