/**
 * `npm run bench -- relay`: our relay (storage on) against the reference
 * y-websocket server (storage off) and a forwarding relay that decodes
 * nothing (the ceiling), same workload, every server and every client set
 * in fresh processes:
 *   - 2, 10, 50 clients in one room: 200 single-character edits (p50/p99
 *     until every other client has each), then the first 20,000 operations
 *     of the automerge-paper trace at full speed (time until every reader
 *     has converged); the server's CPU time over that run (which a loaded
 *     machine blurs less than the times); server RSS after;
 *   - 500 documents with 2 clients each: server memory per document;
 *   - a late joiner opening the full 260k-operation document;
 *   - one keystroke on the server's event loop by role (ours only, in
 *     process, `relay-keystrokes.ts`): a reviewer's suggestion beside an
 *     editor's direct edit, on the sample (11 projects) and on 200;
 *   - ours on PostgreSQL beside ours on SQLite in every row above, and
 *     several instances (PostgreSQL + Redis): an edit on instance A timed
 *     until clients on instance B have it, against one instance; and 50
 *     clients over 30 documents sending the trace at full speed, on 1 and
 *     on 3 instances, with the servers' CPU time per update;
 *   - where one update's time goes on our server (decode, causal gate,
 *     rule, trial replica, apply, authorship/activity, store, broadcast),
 *     from counters switched on for that one run (JIXIAO_UPDATE_TIMINGS=1).
 * RELAY_CLIENTS=2,10 and RELAY_KINDS=ours,reference,forward narrow a run;
 * RELAY_SCALE=0 leaves out the several-instance and keystroke tables;
 * RELAY_ONLY=instances runs the several-instance table alone, and
 * RELAY_ROUNDS=N (default 1) takes it N times, one instance and several
 * side by side in each round, and prints medians. RELAY_PROFILE=DIR writes a
 * CPU profile of each server of ours into DIR (`node --cpu-prof`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { REPO_ROOT } from '../server/repo-root'
import { bundleServer } from '../server/server-build'
import { measureKeystrokes } from './relay-keystrokes'
import { median, mib, ms, ratio, table } from './support/stats'

type Kind = 'ours' | 'ours-pg' | 'reference' | 'forward'
/** `RELAY_KINDS=ours,reference,forward` leaves PostgreSQL out (a quicker run). */
const KINDS = (process.env.RELAY_KINDS ?? 'ours,ours-pg,reference,forward').split(',') as Kind[]
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const CLIENT_COUNTS = (process.env.RELAY_CLIENTS ?? '2,10,50').split(',').map(Number)

const script = (name: string) => new URL(`./${name}.ts`, import.meta.url).pathname
const PROFILE_DIR = process.env.RELAY_PROFILE
const spawned = (args: string[], env: NodeJS.ProcessEnv) => spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } })
/** A client process, run from its TypeScript. */
const node = (file: string, args: string[], env: NodeJS.ProcessEnv = {}) => spawned(['--import', 'tsx', file, ...args], env)

/**
 * Every server (ours and its peers: `relay-server.ts`) runs from a bundle, as `npm start` runs ours
 * (`server/server-build.ts`): through tsx's loader every function the server makes while handling an update is
 * also given its name (an Object.defineProperty each, ~5% of ours' CPU here), which the shipped server never pays.
 */
let serverBundle: Promise<string> | undefined
async function bundledServer(): Promise<string> {
  const dir = mkdtempSync(join(REPO_ROOT, '.bench-server-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  await bundleServer(dir, { 'relay-server': 'bench/relay-server.ts' })
  return join(dir, 'relay-server.mjs')
}
const serverOf = async (kind: Kind, env: NodeJS.ProcessEnv = {}) =>
  spawned([...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), await (serverBundle ??= bundledServer()), kind], env)

function firstJsonLine(child: ChildProcess): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line))
    })
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before reporting`)))
  })
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

/** The next JSON line a server of ours prints after being asked `question` on its stdin. */
function ask(server: ChildProcess, question: 'cpu' | 'timings'): Promise<Record<string, any>> {
  return new Promise((resolve) => {
    let out = ''
    const listen = (d: Buffer) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (!line) return
      server.stdout!.off('data', listen)
      resolve(JSON.parse(line))
    }
    server.stdout!.on('data', listen)
    server.stdin!.write(`${question}\n`)
  })
}

async function withServer<T>(kind: Kind, work: (base: string, secret: string, pid: number, server: ChildProcess) => Promise<T>, env: NodeJS.ProcessEnv = {}): Promise<T> {
  if (kind === 'ours-pg') return withInstances(1, 'local', (bases, secret, pids, servers) => work(bases[0]!, secret, pids[0]!, servers[0]!))
  const server = await serverOf(kind, env)
  try {
    const { port, secret } = await firstJsonLine(server)
    return await work(`ws://127.0.0.1:${port}/sync`, secret ?? '-', server.pid!, server)
  } finally {
    await stop(server)
  }
}

/** Ends a server: killed, or asked to exit when it is writing a profile (a killed process writes none). */
async function stop(server: ChildProcess): Promise<void> {
  if (!PROFILE_DIR || server.exitCode !== null) return void server.kill('SIGKILL')
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.stdin!.write('exit\n')
  await exited
}

/** `count` instances of ours on one fresh PostgreSQL schema, meeting on `bus`; the first seeds the schema. */
async function withInstances<T>(count: number, bus: 'local' | 'redis', work: (bases: string[], secret: string, pids: number[], servers: ChildProcess[]) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const env = { BENCH_SCHEMA: schema, BENCH_BUS: bus, BENCH_DATABASE_URL: DATABASE_URL }
  const servers: ChildProcess[] = []
  try {
    const first = await serverOf('ours-pg', { ...env, BENCH_SEED: '1' })
    servers.push(first)
    const reports = [await firstJsonLine(first)]
    for (let i = 1; i < count; i++) {
      const more = await serverOf('ours-pg', { ...env, BENCH_SEED: '0' })
      servers.push(more)
      reports.push(await firstJsonLine(more))
    }
    return await work(reports.map((r) => `ws://127.0.0.1:${r.port}/sync`), reports[0]!.secret, servers.map((s) => s.pid!), servers)
  } finally {
    await Promise.all(servers.map(stop))
    const client = new pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  }
}

/** A measurement that did not report within its time, or whose clients gave up: the row says so and the run goes on. */
class DidNotFinish extends Error {}

/** The clients of one measurement; past `timeoutMs` they are killed and it rejects with DidNotFinish, as it does when they exit without a result. */
async function clients(base: string, secret: string, args: string[], timeoutMs = 600_000) {
  const child = node(script('relay-clients'), [base, secret, ...args])
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new DidNotFinish(`${args.join(' ')}: no result in ${timeoutMs / 1000} s`))
    }, timeoutMs)
  })
  const reported = firstJsonLine(child).catch((error: Error) => {
    throw new DidNotFinish(`${args.join(' ')}: ${error.message}`)
  })
  try {
    return { child, result: await Promise.race([reported, late]) }
  } finally {
    clearTimeout(timer)
  }
}

/** `work`'s figures, or null (printed as "did not finish") when it did not finish. */
async function orUnfinished<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof DidNotFinish)) throw error
    console.error(`relay bench: ${error.message}`)
    return null
  }
}

export async function run(): Promise<void> {
  if (process.env.RELAY_ONLY === 'instances') return console.log(await scaleOutTable(Number(process.env.RELAY_ROUNDS ?? 1)))
  const rows: (string | number)[][] = [['measurement', ...KINDS, 'ours/reference', 'ours/forward']]
  // A kind with no figure for a row (NaN) shows a dash.
  const shown = (v: number, format: (v: number) => string) => (Number.isFinite(v) ? format(v) : '—')
  const add = (name: string, values: Record<Kind, number>, format: (v: number) => string) =>
    rows.push([name, ...KINDS.map((k) => shown(values[k], format)), shown(values.ours / values.reference, (r) => `${r.toFixed(2)}×`), shown(values.ours / values.forward, (r) => `${r.toFixed(2)}×`)])

  for (const n of CLIENT_COUNTS) {
    const figures = {} as Record<Kind, { replayMs: number; p50: number; p99: number; rss: number; cpuMs: number }>
    for (const kind of KINDS) {
      figures[kind] = await withServer(kind, async (base, secret, pid, server) => {
        const cpu = async () => (await ask(server, 'cpu')).cpuMicros as number
        const before = await cpu()
        const { result } = await clients(base, secret, ['replay', String(n)])
        const cpuMs = ((await cpu()) - before) / 1000
        return { ...(result as { replayMs: number; p50: number; p99: number }), rss: rssOf(pid), cpuMs }
      })
    }
    const pick = (key: 'replayMs' | 'p50' | 'p99' | 'rss' | 'cpuMs') => Object.fromEntries(KINDS.map((k) => [k, figures[k][key]])) as Record<Kind, number>
    add(`${n} clients: 20k-op replay until all converged`, pick('replayMs'), ms)
    // CPU time is what a loaded machine blurs least: the server's own work for the whole run (sync, 200 single edits, the replay).
    add(`${n} clients: server CPU time over the run`, pick('cpuMs'), ms)
    add(`${n} clients: single edit p50`, pick('p50'), ms)
    add(`${n} clients: single edit p99`, pick('p99'), ms)
    add(`${n} clients: server RSS after`, pick('rss'), mib)
  }

  const perDoc = {} as Record<Kind, number>
  for (const kind of KINDS) {
    perDoc[kind] = await withServer(kind, async (base, secret, pid) => {
      await new Promise((r) => setTimeout(r, 500))
      const before = rssOf(pid)
      const { child } = await clients(base, secret, ['memory'])
      const after = rssOf(pid)
      child.stdin!.end()
      return (after - before) / 500
    })
  }
  add('500 documents × 2 clients: server memory per document', perDoc, (v) => `${(v / 1024).toFixed(1)} KiB`)

  const late = {} as Record<Kind, number>
  const cold = {} as Record<Kind, number>
  for (const kind of KINDS) {
    // The forwarding relay keeps no document: a joiner with nobody else there gets nothing, so it has no cold figure.
    const { result } = await withServer(kind, (base, secret) => clients(base, secret, ['latejoin', ...(kind === 'forward' ? [] : ['cold'])]))
    late[kind] = result.lateJoinMs as number
    cold[kind] = (result.coldJoinMs as number | undefined) ?? NaN
  }
  add('late joiner: full 260k-op document synced, median of 7', late, ms)
  add('same, once everyone left (ours: unloaded, read from storage; reference: kept in memory), median of 5', cold, ms)

  console.log(table(rows))
  console.log('ours: storage on (SQLite, WAL); ours-pg: storage on PostgreSQL (local); reference: @y/websocket-server 0.1.1, storage off; forward: decodes nothing (ceiling)')
  console.log(await breakdownTable())
  if (process.env.RELAY_SCALE === '0') return
  console.log(await scaleOutTable())
  console.log(await keystrokeTable())
}

/** How long one several-instance measurement may take before its row says "did not finish" (each takes 15–30 s on 2 shared cores). */
const SCALE_TIMEOUT_MS = 240_000

/**
 * Several instances on PostgreSQL and Redis, against one instance on the
 * same engines. Every measurement has its time (`SCALE_TIMEOUT_MS`): one
 * that does not finish is reported as such and the table goes on. With
 * `rounds` > 1 every measurement is taken that many times, one instance
 * and several next to each other in each round (the load drifts between
 * rounds); a cell is the median over the rounds that finished, and the
 * ratio the median of the rounds' own ratios.
 */
export async function scaleOutTable(rounds = 1): Promise<string> {
  const replayOn = (count: number) =>
    orUnfinished(() => withInstances(count, 'redis', async (bases, secret) => (await clients(bases.join(','), secret, ['replay', '10'], SCALE_TIMEOUT_MS)).result as { p50: number; p99: number; replayMs: number }))
  // Each instance's CPU time over the run (process.cpuUsage, asked over stdin), summed, per update sent:
  // on 2 shared cores throughput cannot show scaling, CPU per update can.
  const spreadOn = (count: number, mode: string) =>
    orUnfinished(() =>
      withInstances(count, 'redis', async (bases, secret, _pids, servers) => {
        const cpu = async () => (await Promise.all(servers.map((s) => ask(s, 'cpu')))).reduce((n, r) => n + (r.cpuMicros as number), 0)
        // A first pass over other documents warms each instance (its JIT, its pools) as a long-running one is:
        // unwarmed, three processes paid three warm-ups within a run of seconds, which read as the bus's cost.
        await clients(bases.join(','), secret, [mode, '50', 'warm'], SCALE_TIMEOUT_MS)
        const before = await cpu()
        const { result } = await clients(bases.join(','), secret, [mode, '50'], SCALE_TIMEOUT_MS)
        const used = (await cpu()) - before
        const updates = (result.opsPerSecond * result.spreadMs) / 1000
        return { ...(result as { opsPerSecond: number; spreadMs: number }), cpuPerUpdateMs: used / 1000 / updates }
      }),
    )
  type Pair = { one: number | undefined; several: number | undefined }
  const pairs = new Map<string, { format: (v: number) => string; rounds: Pair[] }>()
  const note = (name: string, one: number | undefined, several: number | undefined, format: (v: number) => string) => {
    const row = pairs.get(name) ?? { format, rounds: [] }
    row.rounds.push({ one, several })
    pairs.set(name, row)
  }
  for (let round = 0; round < rounds; round++) {
    const single = await replayOn(1)
    const crossing = await replayOn(2)
    note('10 clients: edit on A until every client on B has it, p50', single?.p50, crossing?.p50, ms)
    note('10 clients: same, p99 (aim ≤ 1.5×)', single?.p99, crossing?.p99, ms)
    note('10 clients: 20k-op replay, writer on A, readers on B', single?.replayMs, crossing?.replayMs, ms)
    const one = await spreadOn(1, 'spread')
    for (const [mode, what] of [['spread', 'readers on other instances'], ['spread-sharded', 'each document on one instance']] as const) {
      const three = await spreadOn(3, mode)
      note(`50 clients over 30 documents, 2k trace ops each, ${what}: updates/s (1 vs 3 instances)`, one?.opsPerSecond, three?.opsPerSecond, (v) => String(Math.round(v)))
      note(`same, ${what}: servers' CPU time per update, all instances (1 vs 3; aim ≤ 1.2×)`, one?.cpuPerUpdateMs, three?.cpuPerUpdateMs, (v) => `${Math.round(v * 1000)} µs`)
    }
  }
  const title = rounds > 1 ? `several instances (PostgreSQL + Redis), median of ${rounds} rounds` : 'several instances (PostgreSQL + Redis)'
  const rows: (string | number)[][] = [[title, 'one instance', 'several', 'several/one', ...(rounds > 1 ? ['each round'] : [])]]
  const finished = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined)
  const cell = (values: number[], format: (v: number) => string) => (values.length === 0 ? 'did not finish' : format(median(values)))
  for (const [name, { format, rounds: taken }] of pairs) {
    const ratios = finished(taken.map((p) => (p.one === undefined || p.several === undefined ? undefined : p.several / p.one)))
    rows.push([
      name,
      cell(finished(taken.map((p) => p.one)), format),
      cell(finished(taken.map((p) => p.several)), format),
      ratios.length === 0 ? '—' : `${median(ratios).toFixed(2)}×`,
      ...(rounds > 1 ? [ratios.map((r) => r.toFixed(2)).join(' ')] : []),
    ])
  }
  return table(rows)
}

/** Ours alone, 2 clients, the 20k-op replay again with JIXIAO_UPDATE_TIMINGS=1: where one update's time goes on the server. */
async function breakdownTable(): Promise<string> {
  const { updates, appends, perUpdate } = await withServer('ours', async (base, secret, _pid, server) => {
    await clients(base, secret, ['replay', '2'])
    return ask(server, 'timings')
  }, { JIXIAO_UPDATE_TIMINGS: '1' })
  const per = perUpdate as Record<string, number>
  const total = Object.values(per).reduce((n, v) => n + v, 0)
  const rows: (string | number)[][] = [[`ours, 2 clients, replay: server time per received update (${updates} updates)`, 'µs', 'share']]
  for (const [stage, micros] of Object.entries(per)) rows.push([stage, micros.toFixed(1), `${Math.round((100 * micros) / total)}%`])
  rows.push(['total', total.toFixed(1), '100%'])
  rows.push(['updates per append to storage (group commit)', (updates / Math.max(1, appends)).toFixed(1), ''])
  return table(rows)
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!

/** Ours alone: the reviewer path beside the editor path, and beside judging on a per-update copy (the old way). */
async function keystrokeTable(): Promise<string> {
  const rows: (string | number)[][] = [['one keystroke, receive → judge → apply → store', 'editor', 'reviewer', 'reviewer/editor', 'copy per update', 'reviewer/copy']]
  for (const size of ['sample', 200] as const) {
    const f = await measureKeystrokes(size)
    rows.push([`${f.projects} projects: p50`, ms(median(f.editor)), ms(median(f.reviewer)), ratio(median(f.reviewer), median(f.editor)), ms(median(f.copy)), ratio(median(f.reviewer), median(f.copy))])
    rows.push([`${f.projects} projects: p99`, ms(p99(f.editor)), ms(p99(f.reviewer)), ratio(p99(f.reviewer), p99(f.editor)), ms(p99(f.copy)), ratio(p99(f.reviewer), p99(f.copy))])
  }
  return table(rows)
}
