/**
 * Several server instances on one PostgreSQL and one Redis, as a
 * province would run them: real `serve` processes, stock y-websocket
 * clients spread over them, and a private Redis server this test may stop
 * and start.
 *
 * The fuzz: seeded edits, clients moving to other instances, instances
 * killed with SIGKILL and started again, Redis restarted mid-run, one
 * instance cut off from Redis for good halfway, and a hostile editor
 * claiming the honest clients' Yjs client ids. The oracle: every honest
 * replica converges, every character anyone typed is in the end state,
 * and the stored state equals the replicas.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { encodeAwareness, encodeUpdate } from '@shared/protocol/message'
import { MESSAGE } from '@shared/protocol/message-type'
import { WebsocketProvider } from 'y-websocket'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { contentOf, readContent } from '@shared/model/y-document'
import { STATUS, statusOf } from '@shared/review/workflow'
import { nameBureauReviewer } from '../server/auth/bureau-reviewer'
import { issueToken } from '../server/auth/access-token'
import { openServerData, type ServerData } from '../server/server-data'
import { tokenSubject } from '../server/storage/account-store'
import { freshSchema, type TestSchema } from '../support/postgres'
import { cuttableLink } from './support/cuttable-link'
import { makeRandom } from '../support/random'
import { gcUpdate } from './support/raw-update'
import { sampleText } from '../support/sample'
import { spawnServer, type ServerProcess } from './support/server-process'
import { until } from '../support/test-server'

const RUNS = Number(process.env.MULTI_INSTANCE_RUNS ?? 2)
const STEPS = 120
const DOC = 'doc'

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!()
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A Redis server of this test's own (nothing kept on disk), to stop and start at will. */
async function privateRedis() {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = () =>
    new Promise<void>((resolve, reject) => {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] })
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d
        if (out.includes('Ready to accept connections')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
    })
  const stop = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  cleanup.push(stop)
  return { url: `redis://127.0.0.1:${port}`, start, stop }
}

/** One deployment: the sample as `doc` in a fresh schema, editors with tokens, and instances to start. */
async function deployment(users: string[]) {
  const schema: TestSchema = freshSchema()
  cleanup.push(() => schema.drop())
  const redis = await privateRedis()
  const data = await openServerData(schema.config)
  const ids = []
  for (const name of users) ids.push((await data.logins.addUser(name, `pw-${name}`, name)).id)
  // The first user owns the document.
  await data.service.create(parsePublishedText(sampleText()), { id: DOC, title: '测试文档', ownerId: ids[0]! })
  const tokens = new Map<string, string>()
  for (const [i, name] of users.entries()) {
    await data.accounts.setRole(DOC, ids[i]!, 'editor')
    tokens.set(name, issueToken(data.secret, { ...(await tokenSubject(data.accounts, name))!, doc: DOC, exp: Date.now() + 3600_000 }))
  }
  // The bureau's reviewer: a 报送 must have someone to reach.
  const reviewer = await data.logins.addUser('reviewer', 'pw-reviewer', '审核人')
  await data.accounts.setRole(DOC, reviewer.id, 'reviewer')
  await nameBureauReviewer(data.orgs, reviewer.id)
  await data.close()
  const args = [
    '--store', 'postgres', '--database-url', schema.config.url, '--database-schema', schema.config.schema!,
    '--bus', 'redis', '--redis-url', redis.url, '--redis-prefix', 'jixiao:',
    '--data', mkdtempSync(join(tmpdir(), 'jixiao-multi-')),
  ]
  const instances: (ServerProcess | null)[] = []
  /** `redisUrl`: the bus this instance reaches (another way to the same Redis, say). */
  const start = async (i: number, redisUrl = redis.url) => {
    const server = await spawnServer(args.map((arg) => (arg === redis.url ? redisUrl : arg)))
    instances[i] = server
    cleanup.push(() => void server.child.kill('SIGKILL'))
    return server
  }
  const kill = async (i: number) => {
    const server = instances[i]
    instances[i] = null
    if (!server) return
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGKILL')
    await exited
  }
  const stored = async (): Promise<{ data: ServerData; doc: Y.Doc }> => {
    const opened = await openServerData(schema.config)
    cleanup.push(() => opened.close())
    const doc = await opened.service.load(DOC)
    return { data: opened, doc }
  }
  return { redis, tokens, instances, start, kill, stored }
}

interface Client {
  name: string
  doc: Y.Doc
  provider: WebsocketProvider | null
  at: number
  typed: string[]
}

function connect(client: Client, server: ServerProcess, token: string, at: number): void {
  client.provider?.destroy()
  client.provider = new WebsocketProvider(server.wsBase, DOC, client.doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  client.at = at
  cleanup.push(() => client.provider?.destroy())
}

/** The refusals (permission denied, with the server's reason) a client hears, as the editor's refusal → local draft path reads them. */
function toldNotTaken(client: Client): string[] {
  const reasons: string[] = []
  client.provider!.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    decoding.readVarUint(decoder)
    reasons.push(decoding.readVarString(decoder))
  }
  return reasons
}

function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = []
  const walk = (el: Y.XmlElement | Y.XmlFragment) => el.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : walk(c as Y.XmlElement)))
  walk(contentOf(doc))
  return texts
}

const json = (doc: Y.Doc) => JSON.stringify(readContent(doc))

const logIn = (server: ServerProcess, name: string, password: string) =>
  fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) })

/**
 * A hostile editor on a raw socket: it claims, under honest clients' Yjs
 * client ids, the range their next edits will take (a 13-byte GC struct)
 * and announces their ids in awareness. Closed for its refusals, it comes
 * back on another instance.
 */
function squatter(token: string) {
  let ws: WebSocket | null = null
  let squats = 0
  const open = async (server: ServerProcess) => {
    if (ws && ws.readyState === WebSocket.OPEN && ws.url.startsWith(server.wsBase)) return ws
    ws?.terminate()
    const socket = new WebSocket(`${server.wsBase}/${DOC}?token=${token}`)
    socket.on('error', () => {})
    ws = socket
    await new Promise((resolve) => {
      socket.once('message', resolve)
      socket.once('close', resolve)
    })
    return socket
  }
  return {
    get squats() {
      return squats
    },
    async squat(server: ServerProcess, victim: Y.Doc) {
      const socket = await open(server)
      if (socket.readyState !== WebSocket.OPEN) return
      const id = victim.clientID
      socket.send(encodeUpdate(gcUpdate(id, Y.getState(victim.store, id), 20)))
      const impostor = new Y.Doc()
      impostor.clientID = id
      const claimed = new Awareness(impostor)
      claimed.setLocalStateField('cursor', { at: squats })
      socket.send(encodeAwareness(encodeAwarenessUpdate(claimed, [id])))
      claimed.destroy()
      impostor.destroy()
      squats++
    },
    close: () => ws?.terminate(),
  }
}

/**
 * The failure message of a run that did not converge: what each replica
 * lacks of what anyone typed, where it is connected, what happened in
 * the run, and what the live instances warned of.
 */
function divergence(clients: Client[], instances: (ServerProcess | null)[], history: string[]): string {
  const typed = clients.flatMap((c) => c.typed)
  const replicas = clients.map((c) => {
    const text = textsOf(c.doc).map((t) => t.toString()).join('')
    const missing = typed.filter((token) => !text.includes(token))
    const provider = c.provider!
    return `${c.name} on instance ${c.at}${instances[c.at] ? '' : ' (dead)'}: connected ${provider.wsconnected}, synced ${provider.synced}, lacks ${missing.length ? missing.join(' ') : 'nothing'}`
  })
  const warnings = instances.flatMap((server, i) =>
    server ? [`instance ${i}:`, ...server.output().split('\n').filter((line) => /"level":"(warn|error)"/.test(line)).slice(-20)] : [],
  )
  return [...replicas, `history: ${history.join(', ')}`, ...warnings].join('\n')
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('several instances on PostgreSQL and Redis', () => {
  it('an edit on one instance reaches a client on another; awareness crosses; a login lock and a role removed on one hold on another', async () => {
    const d = await deployment(['zhang', 'li'])
    const [a, b] = [await d.start(0), await d.start(1)]
    const zhang: Client = { name: 'zhang', doc: new Y.Doc(), provider: null, at: 0, typed: [] }
    const li: Client = { name: 'li', doc: new Y.Doc(), provider: null, at: 1, typed: [] }
    connect(zhang, a, d.tokens.get('zhang')!, 0)
    connect(li, b, d.tokens.get('li')!, 1)
    await until(() => zhang.provider!.synced && li.provider!.synced, 'sync')

    textsOf(zhang.doc)[1]!.insert(0, '甲实例写入。')
    await until(() => textsOf(li.doc)[1]!.toString().startsWith('甲实例写入。'), 'the edit crosses instances')
    zhang.provider!.awareness.setLocalStateField('cursor', { at: 1 })
    await until(() => [...li.provider!.awareness.getStates().values()].some((s) => (s.user as { id?: string } | undefined)?.id === 'zhang'), 'awareness crosses instances')

    // Someone guessing 李娜's password on A locks her account on B too: the throttle counts in the shared database.
    for (let i = 0; i < 5; i++) expect((await logIn(a, 'li', 'guess')).status).toBe(401)
    expect((await logIn(b, 'li', 'pw-li')).status).toBe(429)

    // 李娜 loses her role through instance A's API (张伟 owns the document); her socket on B closes for good.
    const login = await logIn(a, 'zhang', 'pw-zhang')
    expect(login.status).toBe(200)
    const closed = new Promise<number>((resolve) => li.provider!.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)))
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const revoked = await fetch(`${a.url}/api/docs/${DOC}/members/li`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify({ role: null }) })
    expect(revoked.status).toBe(200)
    expect(await closed).toBe(4403)
  }, 60_000)

  it('a client that moves to an instance which has not yet heard a workflow step is not refused', async () => {
    const d = await deployment(['zhang', 'li'])
    const [a, b] = [await d.start(0), await d.start(1)]
    const li: Client = { name: 'li', doc: new Y.Doc(), provider: null, at: 1, typed: [] }
    connect(li, b, d.tokens.get('li')!, 1)
    await until(() => li.provider!.synced, 'sync on B')
    // The document is loaded on B; then Redis stops, so B hears nothing of what A stores next.
    await d.redis.stop()
    const zhang: Client = { name: 'zhang', doc: new Y.Doc(), provider: null, at: 0, typed: [] }
    connect(zhang, a, d.tokens.get('zhang')!, 0)
    await until(() => zhang.provider!.synced, 'sync on A')
    const login = await logIn(a, 'zhang', 'pw-zhang')
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const step = await fetch(`${a.url}/api/docs/${DOC}/workflow`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify({ action: 'submit' }) })
    expect(step.status).toBe(200)
    await until(() => statusOf(zhang.doc) === STATUS.submitted, 'A relays the step')
    expect(statusOf(li.doc)).toBe(STATUS.drafting)
    // zhang moves to B carrying the status change, which an editor may not write: B catches up instead of refusing.
    connect(zhang, b, d.tokens.get('zhang')!, 1)
    await until(() => statusOf(li.doc) === STATUS.submitted, 'B catches up from storage and relays the step')
    await until(() => zhang.provider!.synced, 'sync on B')
    expect(b.output()).not.toContain('update-refused')
    await d.redis.start()
  }, 60_000)

  it('an instance cut off from Redis stores no staff edit after 报送 went through another; the writer is told, and keeps it', async () => {
    const d = await deployment(['zhang', 'li'])
    const link = await cuttableLink(d.redis.url)
    cleanup.push(link.cut)
    const [a, b] = [await d.start(0), await d.start(1, link.url)]
    const zhang: Client = { name: 'zhang', doc: new Y.Doc(), provider: null, at: 0, typed: [] }
    const li: Client = { name: 'li', doc: new Y.Doc(), provider: null, at: 1, typed: [] }
    connect(zhang, a, d.tokens.get('zhang')!, 0)
    connect(li, b, d.tokens.get('li')!, 1)
    const refusals = toldNotTaken(li)
    await until(() => zhang.provider!.synced && li.provider!.synced, 'sync')
    textsOf(li.doc)[1]!.insert(0, '报送前。')
    await until(() => textsOf(zhang.doc)[1]!.toString().startsWith('报送前。'), 'the edit crosses instances')
    link.cut()
    const cookie = (await logIn(a, 'zhang', 'pw-zhang')).headers.get('set-cookie')!.split(';')[0]!
    const step = await fetch(`${a.url}/api/docs/${DOC}/workflow`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify({ action: 'submit' }) })
    expect(step.status).toBe(200)
    // B heard nothing: 李娜 types on as if the document were still hers.
    expect(statusOf(li.doc)).toBe(STATUS.drafting)
    textsOf(li.doc)[1]!.insert(0, '报送后。')
    await until(() => refusals.length > 0, 'li is told her edit was not taken', 20_000)
    const { doc } = await d.stored()
    expect(statusOf(doc)).toBe(STATUS.submitted)
    const stored = textsOf(doc).map((t) => t.toString()).join('')
    expect(stored).toContain('报送前。')
    expect(stored).not.toContain('报送后。')
    // Nothing lost: her replica holds it, which the editor keeps as a local draft on such a refusal.
    expect(textsOf(li.doc)[1]!.toString()).toContain('报送后。')
    expect(b.output()).toContain('append-refused')
  }, 90_000)

  it(`${RUNS} seeded run(s): edits, moves, kill -9 of instances, a Redis restart, an instance cut off from Redis and a client squatting others' client ids; every honest replica and the stored state converge`, async () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const names = ['甲', '乙', '丙', '丁', '戊']
      const d = await deployment([...names, 'mallory'])
      // Instance 1 reaches Redis through a link the run cuts halfway, for good; it is never killed.
      const link = await cuttableLink(d.redis.url)
    cleanup.push(link.cut)
      const CUT = 1
      let cut = false
      await Promise.all([0, 1, 2].map((i) => (i === CUT ? d.start(i, link.url) : d.start(i))))
      const random = makeRandom(seed)
      const alive = () => d.instances.flatMap((s, i) => (s ? [i] : []))
      const clients: Client[] = names.map((name) => ({ name, doc: new Y.Doc(), provider: null, at: 0, typed: [] }))
      /** What happened, in order (token@instance for typing), for the failure message. */
      const history: string[] = []
      const moveTo = (client: Client, i: number) => {
        connect(client, d.instances[i]!, d.tokens.get(client.name)!, i)
        // As the editor does on opening (a name and a colour): the client id is announced, and so bound, before any edit.
        client.provider!.awareness.setLocalStateField('user', { color: '#336699' })
      }
      for (const client of clients) moveTo(client, random.pick(alive()))
      await until(() => clients.every((c) => c.provider!.synced), 'first sync', 20_000)
      const mallory = squatter(d.tokens.get('mallory')!)

      let redisRestarted = false
      let kills = 0
      for (let step = 0; step < STEPS; step++) {
        if (step === STEPS / 2) {
          cut = true
          link.cut()
          history.push(`cut ${CUT}`)
        }
        // Whatever the seed, each run kills an instance and restarts Redis at least once.
        const action = step === STEPS / 3 && kills === 0 ? 70 : step === (2 * STEPS) / 3 && !redisRestarted ? 82 : random.int(100)
        const client = random.pick(clients)
        const killable = alive().filter((i) => i !== CUT)
        if (action < 55) {
          const token = `${client.name}${client.typed.length};`
          const text = random.pick(textsOf(client.doc))
          // At either end, so that no later insert lands inside a token and splits it.
          text.insert(random.chance(0.5) ? 0 : text.length, token)
          client.typed.push(token)
          history.push(`${token}@${client.at}`)
        } else if (action < 70) {
          moveTo(client, random.pick(alive()))
          history.push(`${client.name}→${client.at}`)
        } else if (action < 76 && killable.length > 1) {
          const victim = random.pick(killable)
          kills++
          await d.kill(victim)
          history.push(`kill ${victim}`)
          for (const c of clients) if (c.at === victim) moveTo(c, random.pick(alive()))
        } else if (action < 82 && alive().length < 3) {
          const slot = d.instances.findIndex((s) => s === null)
          await d.start(slot)
          history.push(`start ${slot}`)
        } else if (action < 84 && !redisRestarted) {
          redisRestarted = true
          history.push('redis restart')
          await d.redis.stop()
          await sleep(300)
          await d.redis.start()
        } else if (action < 92) {
          // The range the victim's next edits will take, claimed as collected garbage, and its awareness.
          const at = random.pick(alive())
          await mallory.squat(d.instances[at]!, client.doc)
          history.push(`squat ${client.name}@${at}`)
        } else {
          await sleep(10 + random.int(60))
        }
      }

      // The cut instance stays cut: its clients finish elsewhere, carrying what it stored and the others did not hear.
      for (const client of clients) if (!d.instances[client.at] || client.at === CUT) moveTo(client, random.pick(alive().filter((i) => i !== CUT)))
      const converged = () => clients.every((c) => c.provider!.synced && json(c.doc) === json(clients[0]!.doc))
      await until(converged, `seed ${seed}: replicas converge`, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${divergence(clients, d.instances, history)}`)
      })
      const final = textsOf(clients[0]!.doc).map((t) => t.toString()).join('')
      for (const client of clients) for (const token of client.typed) expect(final, `seed ${seed}: ${token} was lost`).toContain(token)
      const { doc } = await d.stored()
      expect(json(doc), `seed ${seed}: the stored state equals the replicas`).toBe(json(clients[0]!.doc))
      expect([kills > 0, redisRestarted, cut, mallory.squats > 0]).toEqual([true, true, true, true])
      mallory.close()
      while (cleanup.length) await cleanup.pop()!()
    }
  }, Math.max(240_000, RUNS * 120_000))
})
