/**
 * kill -9 in the middle of a burst of edits, then a restart: the server
 * must serve every update any client received before the crash (it stores
 * before it relays), and exactly what it stored. And a backup taken while
 * the server runs restores to the same document.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { readContent } from '@shared/model/y-document'
import { CLOSE } from '@shared/protocol/close-code'
import { issueToken } from '../server/auth/access-token'
import { runCli } from '../server/cli/run-cli'
import { openServerData } from '../server/server-data'
import { tokenSubject } from '../server/storage/account-store'
import { DATABASE_FILE } from '../server/storage/sqlite/sqlite-database'
import { sampleText } from '../support/sample'
import { spawnServer, type ServerProcess } from './support/server-process'
import { until } from '../support/test-server'
import { textAt } from '../support/document-place'

const cleanup: (() => void)[] = []
afterEach(() => {
  while (cleanup.length) cleanup.pop()!()
})

/** A data directory with the sample as document `doc` and three editors; tokens for them. */
async function prepare(): Promise<{ dataDir: string; token: (user: string) => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-crash-'))
  const data = await openServerData({ kind: 'sqlite', dataDir: dataDir })
  await data.service.create(parsePublishedText(sampleText()), { id: 'doc', title: 't', ownerId: null })
  const subjects = new Map<string, { sub: string; uid: number; gen: number }>()
  for (const name of ['writer', 'reader', 'checker']) {
    const user = await data.logins.addUser(name, 'pw')
    await data.accounts.setRole('doc', user.id, 'editor')
    subjects.set(name, (await tokenSubject(data.accounts, name))!)
  }
  const secret = data.secret
  await data.close()
  return { dataDir, token: (user) => issueToken(secret, { ...subjects.get(user)!, doc: 'doc', exp: Date.now() + 600_000 }) }
}

function client(server: ServerProcess, token: string, ydoc = new Y.Doc()): WebsocketProvider {
  const provider = new WebsocketProvider(server.wsBase, 'doc', ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  cleanup.push(() => provider.destroy())
  return provider
}

const goalText = (doc: Y.Doc) => textAt(doc, { goal: 0 })

describe('crash recovery', () => {
  it('kill -9 during a burst loses no update that any client received', async () => {
    const { dataDir, token } = await prepare()
    let server = await spawnServer(dataDir)
    cleanup.push(() => server.child.kill('SIGKILL'))
    const writer = client(server, token('writer'))
    const reader = client(server, token('reader'))
    await until(() => writer.synced && reader.synced, 'sync')

    // Type without pause; kill the server once the reader has seen a good part of it.
    let typed = 0
    const typing = (async () => {
      while (typed < 3000 && writer.wsconnected) {
        goalText(writer.doc).insert(0, String(typed++ % 10))
        if (typed % 20 === 0) await new Promise((r) => setImmediate(r))
      }
    })()
    await until(() => goalText(reader.doc).length > 300, 'reader receiving', 20_000)
    server.child.kill('SIGKILL')
    await new Promise((r) => server.child.once('exit', r))
    await typing
    const seenByReader = Y.encodeStateAsUpdate(reader.doc)
    const readerText = goalText(reader.doc).toString()
    reader.destroy()
    writer.destroy()

    server = await spawnServer(dataDir)
    const checker = client(server, token('checker'))
    await until(() => checker.synced, 'checker sync')
    const served = readContent(checker.doc)
    // Everything the reader had is in what the restarted server serves…
    const merged = new Y.Doc()
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(checker.doc))
    Y.applyUpdate(merged, seenByReader)
    expect(readContent(merged)).toEqual(served)
    expect(goalText(checker.doc).toString().endsWith(readerText.slice(-50))).toBe(true)
    // …and what it serves is exactly what is stored.
    const data = await openServerData({ kind: 'sqlite', dataDir: dataDir })
    expect(readContent((await data.service.load('doc')))).toEqual(served)
    await data.close()
    expect(typed).toBeGreaterThan(300)
  }, 60_000)

  it('SIGTERM shuts down gracefully: clients are told to come back, edits are kept, the process exits 0', async () => {
    const { dataDir, token } = await prepare()
    const server = await spawnServer(dataDir)
    cleanup.push(() => server.child.kill('SIGKILL'))
    const writer = client(server, token('writer'))
    const reader = client(server, token('reader'))
    await until(() => writer.synced && reader.synced, 'sync')
    const closes: number[] = []
    writer.on('connection-close', (event) => event && closes.push(event.code))
    goalText(writer.doc).insert(0, '关机前')
    // The server relays only what it has stored: once the reader has the edit, the shutdown is what is tested.
    await until(() => goalText(reader.doc).toString().startsWith('关机前'), 'the edit relayed')
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)))
    server.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(closes[0]).toBe(CLOSE.goingAway)
    const data = await openServerData({ kind: 'sqlite', dataDir: dataDir })
    expect((await data.service.model('doc')).overall.goals[0]!.startsWith('关机前')).toBe(true)
    expect((await data.documents.load('doc')).tailCount).toBe(0) // compacted on the way out
    await data.close()
  }, 30_000)

  it('a backup taken while the server runs restores the same document', async () => {
    const { dataDir, token } = await prepare()
    const server = await spawnServer(dataDir)
    cleanup.push(() => server.child.kill('SIGKILL'))
    const writer = client(server, token('writer'))
    await until(() => writer.synced, 'sync')
    for (let i = 0; i < 50; i++) goalText(writer.doc).insert(0, '备')
    const check = client(server, token('reader'))
    await until(() => check.synced && goalText(check.doc).toString().startsWith('备'.repeat(50)), 'edits stored')

    const backup = join(mkdtempSync(join(tmpdir(), 'jixiao-backup-')), 'backup.sqlite')
    const out: string[] = []
    const code = await runCli(['backup', '--out', backup, '--data', dataDir], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) })
    expect(code).toBe(0)

    const restoredDir = mkdtempSync(join(tmpdir(), 'jixiao-restored-'))
    mkdirSync(restoredDir, { recursive: true })
    copyFileSync(backup, join(restoredDir, DATABASE_FILE))
    const restored = await openServerData({ kind: 'sqlite', dataDir: restoredDir })
    expect(readContent(await restored.service.load('doc'))).toEqual(readContent(check.doc))
    expect(await restored.accounts.userByName('writer')).toBeDefined()
    await restored.close()
  }, 60_000)
})
