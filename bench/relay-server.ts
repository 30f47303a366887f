/**
 * One server for the relay benchmark, in its own process:
 * `relay-server.ts ours|reference|forward`. Prints one JSON line with its
 * port (and, for ours, what clients need to mint tokens), then serves
 * until killed.
 *
 * - ours: the Jixiao server, storage on (a fresh SQLite data directory).
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
import { startServer } from '../server/server'
import { childArgs, report } from './support/child'

export const MEMORY_DOCS = 500

const kind = childArgs()[0] as 'ours' | 'reference' | 'forward'

async function ours(): Promise<void> {
  setLogSink(() => {})
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'))
  const data = await openServerData({ kind: 'sqlite', dataDir })
  const user = await data.logins.addUser('bench', 'bench')
  const empty = Y.encodeStateAsUpdate(new Y.Doc())
  for (const id of ['bench', ...Array.from({ length: MEMORY_DOCS }, (_, i) => `m${i}`)]) {
    await data.documents.create({ id, title: id, ownerId: user.id, createdAt: Date.now() }, empty)
    await data.accounts.setRole(id, user.id, 'editor')
  }
  // What clients need to mint tokens: the signing key and the account's token generation.
  const secret = `${data.secret.toString('hex')}.${await data.accounts.generation(user.id)}`
  await data.close()
  const server = await startServer({ dataDir, port: 0, relay: { maxConnectionsPerUser: 10_000, rate: { perSecond: 1e9, burst: 1e9 }, userRate: { perSecond: 1e9, burst: 1e9 } } })
  report({ port: server.port, secret })
}

function listen(server: ReturnType<typeof createServer>): void {
  server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }))
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

const start: Record<typeof kind, () => void | Promise<void>> = { ours, reference, forward }
await start[kind]()
