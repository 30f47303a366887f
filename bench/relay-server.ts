/**
 * One server for the relay benchmark, in its own process:
 * `relay-server.ts ours|ours-pg|reference|forward`. Prints one JSON line
 * with its port (and, for ours, what clients need to mint tokens), then
 * serves until killed.
 *
 * - ours: the Jixiao server, storage on (a fresh SQLite data directory).
 * - ours-pg: the Jixiao server on PostgreSQL (schema BENCH_SCHEMA), with
 *   the in-process bus, or Redis when BENCH_BUS=redis (several instances
 *   on one schema); BENCH_SEED=0 for an instance joining a seeded schema.
 * - reference: @y/websocket-server 0.1.1 (the last release for Yjs 13), storage off.
 * - forward: a relay that decodes nothing and forwards every frame to the
 *   room's other sockets — the ceiling of what relaying can cost.
 */
import { createServer } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { setupWSConnection } from '@y/websocket-server/utils'
import { openServerData } from '../server/server-data'
import { setLogSink } from '../server/log'
import { startServer, type BusConfig } from '../server/server'
import type { StorageConfig } from '../server/storage/storage'
import { updateTimings } from '../server/relay/update-timings'
import { childArgs, report } from './support/child'

export const MEMORY_DOCS = 500

const kind = childArgs()[0] as 'ours' | 'ours-pg' | 'reference' | 'forward'

/** Documents every Jixiao server in the benchmark has: the room, the memory set, the spread set and its warm-up set. */
const BENCH_DOCS = ['bench', ...Array.from({ length: MEMORY_DOCS }, (_, i) => `m${i}`), ...['s', 'warm'].flatMap((prefix) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}`))]

async function ours(): Promise<void> {
  // BENCH_LOG=1: the server's warnings and errors on stderr, to see why a measurement never finished.
  setLogSink(process.env.BENCH_LOG === '1' ? (line) => !line.includes('"level":"info"') && process.stderr.write(`${line}\n`) : () => {})
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'))
  const store: StorageConfig =
    kind === 'ours-pg' ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema: process.env.BENCH_SCHEMA! } : { kind: 'sqlite', dataDir }
  const data = await openServerData(store)
  if (process.env.BENCH_SEED !== '0') {
    const user = await data.logins.addUser('bench', 'bench')
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    for (const id of BENCH_DOCS) {
      await data.documents.create({ id, title: id, ownerId: user.id, createdAt: Date.now() }, empty)
      await data.accounts.setRole(id, user.id, 'editor')
    }
  }
  const user = (await data.accounts.userByName('bench'))!
  // What clients need to mint tokens: the signing key and the account's token generation.
  const secret = `${data.secret.toString('hex')}.${await data.accounts.generation(user.id)}`
  await data.close()
  const bus: BusConfig = process.env.BENCH_BUS === 'redis' ? { kind: 'redis', url: 'redis://127.0.0.1:6379', prefix: `${process.env.BENCH_SCHEMA}:` } : { kind: 'local' }
  const unlimited = { perSecond: 1e9, burst: 1e9 }
  // A document everyone has left unloads soon: the cold late joiner finds it in storage, not in memory. Every
  // client comes from 127.0.0.1: past the per-address cap (300) the memory row's sockets were refused, and ours
  // held 150 of its 500 rooms.
  const server = await startServer({
    dataDir, store, bus, port: 0,
    relay: { maxConnectionsPerUser: 10_000, rate: unlimited, userRate: unlimited, idleUnloadMs: 500 },
    guard: { maxSocketsPerAddress: 100_000 },
  })
  report({ port: server.port, secret })
  answerQuestions()
}

/**
 * The coordinator asks a server of ours over stdin, one word a line, and
 * reads one JSON line back: `cpu` (this process's CPU time so far, µs) and
 * `timings` (µs per received update by stage, with JIXIAO_UPDATE_TIMINGS=1).
 * `exit` ends the process normally, so that `node --cpu-prof` writes its
 * profile (a killed process writes none).
 */
function answerQuestions(): void {
  let pending = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    pending += chunk
    let newline: number
    while ((newline = pending.indexOf('\n')) >= 0) {
      const question = pending.slice(0, newline).trim()
      pending = pending.slice(newline + 1)
      if (question === 'cpu') {
        const { user, system } = process.cpuUsage()
        report({ cpuMicros: user + system })
      } else if (question === 'timings') {
        report({ updates: updateTimings?.updates ?? 0, appends: updateTimings?.appends ?? 0, perUpdate: updateTimings?.perUpdate() ?? null })
      } else if (question === 'exit') {
        process.exit(0)
      }
    }
  })
}

/** The peers answer `cpu` too: their CPU time per update is the figure a loaded machine does not blur. */
function listen(server: ReturnType<typeof createServer>): void {
  server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }))
  answerQuestions()
}

function reference(): void {
  const wss = new WebSocketServer({ noServer: true })
  const server = createServer((_req, res) => res.end('okay'))
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)))
  listen(server)
}

function forward(): void {
  const wss = new WebSocketServer({ noServer: true })
  const rooms = new Map<string, Set<WebSocket>>()
  const server = createServer((_req, res) => res.end('okay'))
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const name = (req.url ?? '').split('?')[0]!
      const room = rooms.get(name) ?? new Set()
      rooms.set(name, room)
      room.add(ws)
      ws.on('message', (data, isBinary) => {
        for (const other of room) if (other !== ws) other.send(data, { binary: isBinary })
      })
      ws.on('close', () => room.delete(ws))
    }),
  )
  listen(server)
}

const start: Record<typeof kind, () => void | Promise<void>> = { ours, 'ours-pg': ours, reference, forward }
await start[kind]()
