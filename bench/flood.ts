/**
 * `npm run bench -- flood`: what an honest user feels while the server is
 * attacked from the same machine (loopback only, bounded in count and
 * time). Two honest editors exchange single edits (latency until the other
 * has each) and the page is fetched (time to first byte and body), first
 * on a quiet server, then during a login flood (64 parallel loops of wrong
 * passwords) and a reconnect flood (20 sockets reconnecting in a loop,
 * each pushing messages). The peer figure is the same measurement on the
 * quiet server, in the same run. Aim: p50 under flood ≤ 2× quiet.
 */
import { spawn } from 'node:child_process'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { textAt } from '../support/document-place'
import { median, ms, ratio, table } from './support/stats'

const EDITS = 100
const PAGES = 30
const FLOOD_MS = 20_000

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? NaN

async function startFloodServer(): Promise<{ port: number; tokens: Record<string, string>; kill(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./flood-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const found = out.split('\n').find((l) => l.startsWith('{'))
      if (found) resolve(found)
    })
    child.once('exit', () => reject(new Error('flood server exited')))
  })
  return { ...(JSON.parse(line) as { port: number; tokens: Record<string, string> }), kill: () => child.kill('SIGKILL') }
}

const until = async (check: () => boolean, limit = 30_000) => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > limit) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 1))
  }
}

async function honestFigures(port: number, tokens: Record<string, string>) {
  const open = (name: string) =>
    new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, 'doc', new Y.Doc(), {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: tokens[name]! },
    })
  const [a, b] = [open('honest-a'), open('honest-b')]
  await until(() => a.synced && b.synced)
  const edits: number[] = []
  for (let i = 0; i < EDITS; i++) {
    // The sample's first 总体绩效目标, as each editor has it.
    const cellA = textAt(a.doc, { goal: 0 })
    const cellB = textAt(b.doc, { goal: 0 })
    const before = cellB.length
    const start = performance.now()
    cellA.insert(0, 'x')
    await until(() => cellB.length > before)
    edits.push(performance.now() - start)
  }
  a.destroy()
  b.destroy()
  const pages: number[] = []
  for (let i = 0; i < PAGES; i++) {
    const start = performance.now()
    await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()
    await (await fetch(`http://127.0.0.1:${port}/`)).text()
    pages.push(performance.now() - start)
  }
  return { edits, pages }
}

export async function run(): Promise<void> {
  const server = await startFloodServer()
  try {
    const quiet = await honestFigures(server.port, server.tokens)
    // The attacker in a process of its own, so its loops do not slow the honest client's.
    const attacker = spawn(process.execPath, ['--import', 'tsx', new URL('./flood-attack.ts', import.meta.url).pathname, String(server.port), server.tokens.mallory!, String(FLOOD_MS)], { stdio: ['ignore', 'pipe', 'inherit'] })
    const sentLine = new Promise<string>((resolve) => {
      let out = ''
      attacker.stdout!.on('data', (d) => (out += d))
      attacker.once('exit', () => resolve(out.trim().split('\n').at(-1) ?? '{}'))
    })
    await new Promise((r) => setTimeout(r, 1000)) // let the flood build up
    const deadline = new Promise((r) => setTimeout(r, FLOOD_MS - 1000))
    const loaded = await Promise.race([honestFigures(server.port, server.tokens), deadline.then(() => null)])
    const sent = JSON.parse(await sentLine) as { logins: number; connections: number }
    const rows: (string | number)[][] = [['honest user', 'quiet', 'under flood', 'flood/quiet']]
    if (!loaded) rows.push(['(did not finish within the flood window)', '', '', ''])
    else {
      rows.push(['edit reaches the other editor: p50', ms(median(quiet.edits)), ms(median(loaded.edits)), ratio(median(loaded.edits), median(quiet.edits))])
      rows.push(['edit reaches the other editor: p99', ms(p99(quiet.edits)), ms(p99(loaded.edits)), ratio(p99(loaded.edits), p99(quiet.edits))])
      rows.push(['/healthz + page: p50', ms(median(quiet.pages)), ms(median(loaded.pages)), ratio(median(loaded.pages), median(quiet.pages))])
      rows.push(['/healthz + page: p99', ms(p99(quiet.pages)), ms(p99(loaded.pages)), ratio(p99(loaded.pages), p99(quiet.pages))])
    }
    console.log(table(rows))
    console.log(`flood: ${sent.logins} login attempts and ${sent.connections} connections (64 login loops, 20 reconnect loops, loopback)`)
  } finally {
    server.kill()
  }
}
