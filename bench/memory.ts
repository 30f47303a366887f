/**
 * `npm run bench -- memory [N]` (run with `node --expose-gc --import tsx
 * bench/run.ts memory` for exact heap figures): what an open document
 * costs the server and whether unloading gives it back. N copies of the
 * sample (default 300) on a real in-process server, each opened by a raw
 * WebSocket client that syncs and stays; then every client leaves and the
 * documents unload; then the same with as many other documents. Heap and
 * RSS per document, open and after unloading: the first round includes
 * what the first document of all costs once (compiled code, Node's HTTP
 * parser pool), the second what each document leaves behind (nothing in
 * the heap: a heap snapshot diff of the second round finds no object per
 * document). RSS is what the allocator keeps for reuse, not live memory.
 * Open documents are measured twice: just synced (each room keeps the
 * answer it sent) and quiet, once the rooms have dropped what they built
 * for editing (`IDLE_TRIM_MS` with no update), as most open documents are.
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
import { kib, mib, ratio, table } from './support/stats'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import * as decoding from 'lib0/decoding'
import { setupWSConnection } from '@y/websocket-server/utils'
import { buildDocument } from '@shared/model/build-document'
import { createYDocument } from '@shared/model/y-document'
import { SERVER_ORIGIN } from '@shared/protocol/origin'
import { encodeUpdate } from '@shared/protocol/message'
import { MESSAGE, SYNC } from '@shared/protocol/message-type'
import { IDLE_TRIM_MS } from '../server/relay/idle-trim'

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
    const subject = (await tokenSubject(accounts, 'zhang'))!
    const createDocuments = async () => {
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const id = await service.create(text, { title: `文档 ${i}`, ownerId: null })
        await accounts.setRole(id, user.id, 'editor')
        ids.push(id)
      }
      return ids
    }
    /** Opens every document, then closes and unloads them all: the memory before, while open and after. */
    const openAndUnload = async (ids: string[]) => {
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
      await new Promise((r) => setTimeout(r, IDLE_TRIM_MS))
      const quiet = await settle()
      const loaded = server.relay.loadedDocuments
      for (const ws of sockets) ws.close()
      while (server.relay.loadedDocuments > 0) await new Promise((r) => setTimeout(r, 100))
      return { base, open, quiet, unloaded: await settle(), loaded }
    }
    // The first round also pays once for what any first document costs (compiled code, Node's parser
    // pool, module caches); the second, on as many other documents, shows what each one leaves behind.
    const first = await openAndUnload(await createDocuments())
    const second = await openAndUnload(await createDocuments())
    // Each of the peer's documents made as ours are (its own Yjs client id): a client id past 2^31 makes V8 box every item's id, 25 KiB on the sample.
    const model = buildDocument(text)
    const peer = await referenceServer(Array.from({ length: count }, () => Y.encodeStateAsUpdate(createYDocument(model, SERVER_ORIGIN))))
    const per = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, key: 'heapUsed' | 'rss' | 'external' | 'arrayBuffers') => kib((a[key] - b[key]) / count)
    console.log(`${count} sample documents opened (${first.loaded} loaded), then closed and unloaded; then as many others${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: figures include garbage)'}`)
    console.log(
      table([
        ['', 'heap', 'external', 'RSS'],
        ['before opening', mib(first.base.heapUsed), mib(first.base.external), mib(first.base.rss)],
        ['all open, just synced', mib(first.open.heapUsed), mib(first.open.external), mib(first.open.rss)],
        [`all open, quiet (${IDLE_TRIM_MS / 1000} s without an update)`, mib(first.quiet.heapUsed), mib(first.quiet.external), mib(first.quiet.rss)],
        ['after unloading', mib(first.unloaded.heapUsed), mib(first.unloaded.external), mib(first.unloaded.rss)],
        ['per open document, just synced', per(first.open, first.base, 'heapUsed'), per(first.open, first.base, 'external'), per(first.open, first.base, 'rss')],
        ['per open document, quiet', per(first.quiet, first.base, 'heapUsed'), per(first.quiet, first.base, 'external'), per(first.quiet, first.base, 'rss')],
        ['per document kept after unloading, first round', per(first.unloaded, first.base, 'heapUsed'), per(first.unloaded, first.base, 'external'), per(first.unloaded, first.base, 'rss')],
        ['per document kept after unloading, second round', per(second.unloaded, second.base, 'heapUsed'), per(second.unloaded, second.base, 'external'), per(second.unloaded, second.base, 'rss')],
      ]),
    )
    // Heap and external (array buffers: kept answers, socket buffers) together: a kept answer lives outside the heap.
    const memoryPer = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage) => (a.heapUsed + a.external - b.heapUsed - b.external) / count
    const rows: (string | number)[][] = [['heap + external per open document, same run', 'ours', 'peer', 'ours/peer']]
    for (const [name, round] of [['first round', first], ['second round', second]] as const) {
      rows.push([`${name}, just synced`, kib(memoryPer(round.open, round.base)), kib(peer.open), ratio(memoryPer(round.open, round.base), peer.open)])
      rows.push([`${name}, quiet`, kib(memoryPer(round.quiet, round.base)), kib(peer.open), ratio(memoryPer(round.quiet, round.base), peer.open)])
    }
    console.log(table(rows))
    console.log('held by the relay after unloading:', JSON.stringify(server.relay.retained()))
  } finally {
    await server.close()
  }
}

/**
 * The peer: the reference y-websocket server (@y/websocket-server, storage
 * off) in this process, given one document of each state by one client
 * each, then left by them. Heap and external per document, open and after
 * (without storage it keeps every document it has served).
 */
async function referenceServer(states: readonly Uint8Array[]): Promise<{ open: number; kept: number }> {
  const count = states.length
  const wss = new WebSocketServer({ noServer: true })
  const server = createServer((_req, res) => res.end('okay'))
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  try {
    const base = await settle()
    const sockets = await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/peer-${i}`)
            // The content, then a state request: its answer comes once the content is in.
            ws.on('open', () => {
              ws.send(encodeUpdate(states[i]!))
              ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
            })
            ws.on('message', (data: Buffer) => {
              const decoder = decoding.createDecoder(new Uint8Array(data))
              if (decoding.readVarUint(decoder) === MESSAGE.sync && decoding.readVarUint(decoder) === SYNC.step2) resolve(ws)
            })
            ws.on('error', reject)
          }),
      ),
    )
    const open = await settle()
    for (const ws of sockets) ws.close()
    await new Promise((r) => setTimeout(r, 500))
    const left = await settle()
    const memory = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external
    return { open: (memory(open) - memory(base)) / count, kept: (memory(left) - memory(base)) / count }
  } finally {
    for (const ws of wss.clients) ws.terminate()
    await new Promise((resolve) => server.close(resolve))
  }
}
