/**
 * `npm run bench -- dashboard [N]`: the bureau's dashboard over N documents
 * (default 1,000, the sample each) on a real server with SQLite, by HTTP:
 * the first call (every summary read and kept), then calls that read the
 * kept summaries, and one after a document changed — against the naive
 * path of the same run (each document's summary read off its stored state,
 * as the dashboard did before summaries were kept). Aim: < 200 ms at 1,000.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { startServer } from '../server/server'
import { median, ms, ratio, table } from './support/stats'

export async function run(): Promise<void> {
  const count = Number(process.argv[3] ?? 1000)
  const server = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'jixiao-bench-dashboard-')) })
  try {
    const { service, orgs, logins } = server.data
    const text = parsePublishedText(readFileSync(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url), 'utf8'))
    const department = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    const wang = await logins.addUser('wang', 'pw-wang-long', '王芳')
    await orgs.setMember(bureau.id, wang.id, 'reviewer')
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const id = await service.create(text, { title: `文档 ${i}`, ownerId: null })
      await orgs.setDocumentOrg(id, department.id)
      ids.push(id)
    }
    const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'wang', password: 'pw-wang-long' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const call = async () => {
      const start = performance.now()
      const response = await fetch(`${server.url}/api/dashboard`, { headers: { Cookie: cookie } })
      const rows = ((await response.json()) as { rows: unknown[] }).rows.length
      if (rows !== count) throw new Error(`dashboard has ${rows} rows, not ${count}`)
      return performance.now() - start
    }
    const first = await call()
    const times: number[] = []
    for (let i = 0; i < 5; i++) times.push(await call())
    const kept = median(times)
    await service.create(text, { title: '新文档', ownerId: null }).then((id) => orgs.setDocumentOrg(id, department.id))
    await server.data.documents.record(ids[0]!, [{ at: Date.now(), by: 'wang', event: { kind: 'created' } }])
    const changedStart = performance.now()
    await fetch(`${server.url}/api/dashboard`, { headers: { Cookie: cookie } })
    const afterChange = performance.now() - changedStart
    const naiveStart = performance.now()
    for (const id of ids) {
      await service.reviewSummary(id)
      await service.lastChange(id)
    }
    const naive = performance.now() - naiveStart
    console.log(`dashboard over ${count} documents (the sample each), SQLite, by HTTP`)
    console.log(
      table([
        ['', 'time', 'vs naive'],
        ['first call (every summary read and kept)', ms(first), ratio(first, naive)],
        ['kept summaries (median of 5)', ms(kept), ratio(kept, naive)],
        ['after one document changed and one was added', ms(afterChange), ratio(afterChange, naive)],
        ['naive: every summary read off its stored state', ms(naive), '1.00×'],
      ]),
    )
  } finally {
    await server.close()
  }
}
