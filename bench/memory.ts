/**
 * `npm run bench -- memory [N]` (run with `node --expose-gc --import tsx
 * bench/run.ts memory` for exact heap figures): what an open document
 * costs the server and whether unloading gives it back. N copies of the
 * sample (default 300) on a real in-process server, each opened by a raw
 * WebSocket client that syncs and stays; then every client leaves and the
 * documents unload. Heap and RSS per document, open and after unloading.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { encodeSyncStep1 } from '@shared/protocol/message'
import { issueToken } from '../server/auth/access-token'
import { startServer } from '../server/server'
import { tokenSubject } from '../server/storage/account-store'
import { kib, mib, table } from './support/stats'

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    await new Promise((r) => setTimeout(r, 200))
  }
  return process.memoryUsage()
}

export async function run(): Promise<void> {
  const count = Number(process.argv[3] ?? 300)
  // One user opens every document: the per-user and per-address limits are lifted for it.
  const server = await startServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'jixiao-bench-memory-')),
    relay: { idleUnloadMs: 100, maxConnectionsPerUser: count + 1, userRate: { perSecond: 1e6, burst: 1e9 } },
    guard: { maxSocketsPerAddress: count + 1 },
  })
  try {
    const { service, accounts, logins, secret } = server.data
    const text = parsePublishedText(readFileSync(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url), 'utf8'))
    const user = await logins.addUser('zhang', 'pw-zhang-long', '张伟')
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const id = await service.create(text, { title: `文档 ${i}`, ownerId: null })
      await accounts.setRole(id, user.id, 'editor')
      ids.push(id)
    }
    const subject = (await tokenSubject(accounts, 'zhang'))!
    const base = await settle()
    const sockets = await Promise.all(
      ids.map(
        (id) =>
          new Promise<WebSocket>((resolve, reject) => {
            const token = issueToken(secret, { ...subject, doc: id, exp: Date.now() + 3_600_000 })
            const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${id}?token=${token}`)
            ws.on('open', () => ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))))
            ws.once('message', () => resolve(ws))
            ws.on('error', reject)
          }),
      ),
    )
    const open = await settle()
    const loaded = server.relay.loadedDocuments
    for (const ws of sockets) ws.close()
    while (server.relay.loadedDocuments > 0) await new Promise((r) => setTimeout(r, 100))
    const unloaded = await settle()
    const per = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, key: 'heapUsed' | 'rss' | 'external' | 'arrayBuffers') => kib((a[key] - b[key]) / count)
    console.log(`${count} sample documents opened (${loaded} loaded), then closed and unloaded${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: figures include garbage)'}`)
    console.log(
      table([
        ['', 'heap', 'external', 'RSS'],
        ['before opening', mib(base.heapUsed), mib(base.external), mib(base.rss)],
        ['all open', mib(open.heapUsed), mib(open.external), mib(open.rss)],
        ['after unloading', mib(unloaded.heapUsed), mib(unloaded.external), mib(unloaded.rss)],
        ['per open document', per(open, base, 'heapUsed'), per(open, base, 'external'), per(open, base, 'rss')],
        ['per document kept after unloading', per(unloaded, base, 'heapUsed'), per(unloaded, base, 'external'), per(unloaded, base, 'rss')],
      ]),
    )
  } finally {
    await server.close()
  }
}
