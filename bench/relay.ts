/**
 * `npm run bench -- relay`: our relay (storage on) against the reference
 * y-websocket server (storage off) and a forwarding relay that decodes
 * nothing (the ceiling), same workload, every server and every client set
 * in fresh processes:
 *   - 2, 10, 50 clients in one room: 200 single-character edits (p50/p99
 *     until every other client has each), then the first 20,000 operations
 *     of the automerge-paper trace at full speed (time until every reader
 *     has converged); server RSS after;
 *   - 500 documents with 2 clients each: server memory per document;
 *   - a late joiner opening the full 260k-operation document;
 *   - one keystroke on the server's event loop by role (ours only, in
 *     process, `relay-keystrokes.ts`): a reviewer's suggestion beside an
 *     editor's direct edit, on the sample (11 projects) and on 200.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { measureKeystrokes } from './relay-keystrokes'
import { median, mib, ms, ratio, table } from './support/stats'

type Kind = 'ours' | 'reference' | 'forward'
const KINDS: Kind[] = ['ours', 'reference', 'forward']
const CLIENT_COUNTS = (process.env.RELAY_CLIENTS ?? '2,10,50').split(',').map(Number)

const script = (name: string) => new URL(`./${name}.ts`, import.meta.url).pathname
const node = (file: string, args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })

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

async function withServer<T>(kind: Kind, work: (base: string, secret: string, pid: number) => Promise<T>): Promise<T> {
  const server = node(script('relay-server'), [kind])
  try {
    const { port, secret } = await firstJsonLine(server)
    return await work(`ws://127.0.0.1:${port}/sync`, secret ?? '-', server.pid!)
  } finally {
    server.kill('SIGKILL')
  }
}

async function clients(base: string, secret: string, args: string[]) {
  const child = node(script('relay-clients'), [base, secret, ...args])
  const result = await firstJsonLine(child)
  return { child, result }
}

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [['measurement', ...KINDS, 'ours/reference', 'ours/forward']]
  const add = (name: string, values: Record<Kind, number>, format: (v: number) => string) =>
    rows.push([name, ...KINDS.map((k) => format(values[k])), ratio(values.ours, values.reference), ratio(values.ours, values.forward)])

  for (const n of CLIENT_COUNTS) {
    const figures = {} as Record<Kind, { replayMs: number; p50: number; p99: number; rss: number }>
    for (const kind of KINDS) {
      figures[kind] = await withServer(kind, async (base, secret, pid) => {
        const { result } = await clients(base, secret, ['replay', String(n)])
        return { ...(result as { replayMs: number; p50: number; p99: number }), rss: rssOf(pid) }
      })
    }
    const pick = (key: 'replayMs' | 'p50' | 'p99' | 'rss') => Object.fromEntries(KINDS.map((k) => [k, figures[k][key]])) as Record<Kind, number>
    add(`${n} clients: 20k-op replay until all converged`, pick('replayMs'), ms)
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
  for (const kind of KINDS) {
    late[kind] = await withServer(kind, async (base, secret) => (await clients(base, secret, ['latejoin'])).result.lateJoinMs as number)
  }
  add('late joiner: full 260k-op document synced', late, ms)

  console.log(table(rows))
  console.log('ours: storage on (SQLite, WAL); reference: @y/websocket-server 0.1.1, storage off; forward: decodes nothing (ceiling)')
  console.log(await keystrokeTable())
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
