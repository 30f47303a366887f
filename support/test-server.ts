/**
 * A real server for integration tests: a fresh data directory (and, when
 * the suite runs on PostgreSQL, a fresh schema), port 0, the sample
 * imported as document `doc`, and helpers to connect stock y-websocket
 * clients as given users. Close it after each test.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { parsePublishedText } from '@shared/formats/published-text/import'
import type { Role } from '@shared/protocol/role'
import { issueToken } from '../server/auth/access-token'
import { nameBureauReviewer } from '../server/auth/bureau-reviewer'
import { LocalBusHub } from '../server/bus/local-bus'
import { setLogSink } from '../server/log'
import { startServer, type RunningServer, type ServerOptions } from '../server/server'
import { tokenSubject } from '../server/storage/account-store'
import { freshSchema, testStore, type TestSchema } from './postgres'
import { sampleText } from './sample'

export const DOC_ID = 'doc'

export interface TestServer {
  server: RunningServer
  dataDir: string
  /** The options a CLI command needs to work on this server's data. */
  storageArgs: string[]
  wsBase: string
  /** Creates the user if needed, gives them `role` on `doc`, returns a token. */
  grant(user: string, role: Role, doc?: string): Promise<string>
  /** A stock y-websocket client (BroadcastChannel off, so only the server connects peers). */
  client(user: string, role: Role, options?: { doc?: string; ydoc?: Y.Doc; connect?: boolean }): Promise<WebsocketProvider>
  close(): Promise<void>
  /** Closes this server and starts another on the same data, as after a restart. */
  restart(): Promise<TestServer>
}

export const logLines: string[] = []

/** Two instances on one store (`schema`) meeting on an in-process bus, each added to `started` as soon as it runs (to be closed). */
export async function twoInstances(schema: TestSchema, started: TestServer[]): Promise<[TestServer, TestServer]> {
  const hub = new LocalBusHub()
  const a = await startTestServer({ bus: { kind: 'local', hub } }, schema)
  started.push(a)
  const b = await startTestServer({ bus: { kind: 'local', hub } }, schema)
  started.push(b)
  return [a, b]
}

export async function startTestServer(options: Partial<ServerOptions> = {}, kept?: TestSchema): Promise<TestServer> {
  setLogSink((line) => logLines.push(line))
  // Each y-websocket provider in Node adds a process 'exit' listener; tests open up to a hundred.
  process.setMaxListeners(200)
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jixiao-test-'))
  const schema = kept ?? (!options.store && testStore() === 'postgres' ? freshSchema() : null)
  const server = await startServer({ port: 0, ...options, dataDir, ...(schema ? { store: schema.config } : {}) })
  const { accounts, service, logins } = server.data
  if (!(await server.data.documents.get(DOC_ID))) await service.create(parsePublishedText(sampleText()), { id: DOC_ID, title: '测试文档', ownerId: null })
  const providers: WebsocketProvider[] = []

  const grant = async (user: string, role: Role, doc = DOC_ID) => {
    const account = (await accounts.userByName(user)) ?? (await logins.addUser(user, `pw-${user}`, user))
    await accounts.setRole(doc, account.id, role)
    // As the CLI's `token` does: a per-document 审核 grant counts only for the bureau's members.
    if (role === 'reviewer') await nameBureauReviewer(server.data.orgs, account.id)
    server.relay.setRole(doc, account.id, role)
    return issueToken(server.data.secret, { ...(await tokenSubject(accounts, user))!, doc, exp: Date.now() + 3600_000 })
  }

  return {
    server,
    dataDir,
    storageArgs: schema ? ['--store', 'postgres', '--database-url', schema.config.url, '--database-schema', schema.config.schema!] : ['--data', dataDir],
    wsBase: `${server.url.replace(/^http/, 'ws')}/sync`,
    grant,
    async client(user, role, { doc = DOC_ID, ydoc = new Y.Doc(), connect = true } = {}) {
      const token = await grant(user, role, doc)
      const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, doc, ydoc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
        connect,
      })
      providers.push(provider)
      return provider
    },
    async close() {
      // A provider leaves its awareness (and that awareness' interval timer, which keeps Node alive) to its Y.Doc.
      for (const p of providers) {
        p.destroy()
        p.awareness.destroy()
      }
      await server.close()
      await schema?.drop()
    },
    async restart() {
      for (const p of providers) p.destroy()
      await server.close()
      return startTestServer({ ...options, dataDir }, schema ?? undefined)
    },
  }
}

/** Resolves when `check` holds, polling; rejects with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const synced = (provider: WebsocketProvider) => until(() => provider.synced, 'sync')
