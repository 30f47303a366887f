/**
 * The client side of one relay-benchmark measurement, in its own process:
 * `relay-clients.ts URL_BASE[,URL_BASE…] SECRET|- replay|latejoin|memory|spread [N|cold] [DOC_PREFIX]`.
 *
 * One writer and one full reader are stock y-websocket providers with
 * Y.Docs; every other client is a raw socket that only counts what arrives
 * (50 full Yjs clients in one process would make the harness the
 * bottleneck). The writer ends a burst with an awareness marker, which
 * every relay delivers after the updates sent before it. With several
 * bases (instances), the writer uses the first and everyone else the
 * second: every edit crosses instances.
 *
 * `spread N`: N clients over 30 documents — a writer each, sending
 * precomputed trace updates from a raw socket as fast as it can, and
 * N − 30 readers — timed until every reader has every update. Readers sit
 * on the instance after their writer's (`spread`: every update crosses
 * instances) or on the same one (`spread-sharded`: each document lives on
 * one instance, as a load balancer hashing on the document would place it).
 * Its documents are named DOC_PREFIX0… (default `s`), so a warm-up pass can use others.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { readFileSync } from 'node:fs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { buildDocument } from '@shared/model/build-document'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { contentOf } from '@shared/model/y-document'
import { documentSchema } from '@shared/schema/schema'
import { at } from '../support/document-place'
import { issueToken } from '../server/auth/access-token'
import { childArgs, report } from './support/child'
import { median } from './support/stats'
import { loadTrace, type Patch } from './support/trace'

const [baseList, secretHex, measurement, count, docPrefix = 's'] = childArgs() as [string, string, 'replay' | 'latejoin' | 'memory' | 'spread' | 'spread-sharded', string | undefined, string | undefined]
const bases = baseList.split(',')
const [base, readerBase] = [bases[0]!, bases[1 % bases.length]!]
const [keyHex, generation] = secretHex.split('.')
const secret = secretHex === '-' ? null : Buffer.from(keyHex!, 'hex')
const MARKER = 'bench-done-'

const urlParams = (doc: string): Record<string, string> => (secret ? { token: issueToken(secret, { sub: 'bench', uid: 1, gen: Number(generation), doc, exp: Date.now() + 3600_000 }) } : {})
const rawUrl = (doc: string, at = readerBase) => {
  const params = new URLSearchParams(urlParams(doc)).toString()
  return `${at}/${doc}${params ? `?${params}` : ''}`
}

/** BENCH_TRACE=1: each phase of a measurement on stderr, to see where one that never finishes waits. */
const phase = (what: string) => {
  if (process.env.BENCH_TRACE === '1') process.stderr.write(`[relay-clients ${new Date().toISOString()}] ${what}\n`)
}

const until = async (check: () => boolean, ms = 600_000) => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('benchmark client timed out')
    await new Promise((r) => setImmediate(r))
  }
}

function provider(doc: string, ydoc = new Y.Doc(), at = base): WebsocketProvider {
  const made = new WebsocketProvider(at, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: urlParams(doc),
  })
  made.on('status', ({ status }: { status: string }) => phase(`provider ${ydoc.clientID} on ${at}: ${status}`))
  return made
}

/** A socket that only counts: update frames, and the markers seen. */
function counter(doc: string, at = readerBase) {
  const ws = new WebSocket(rawUrl(doc, at))
  const state = { open: false, updates: 0, markers: new Set<string>() }
  ws.on('open', () => (state.open = true))
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 2) state.updates++
    else if (data[0] === 1) {
      const text = data.toString('latin1')
      const at = text.indexOf(MARKER)
      if (at >= 0) state.markers.add(text.slice(at, at + MARKER.length + 8))
    }
  })
  return { ws, state }
}

/**
 * The sample document with one empty goal item, whose text the trace is
 * typed into — content only: `meta` is the server's to write.
 */
const sample = parsePublishedText(readFileSync(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url), 'utf8'))
function initialState(): { update: Uint8Array } {
  const doc = new Y.Doc()
  prosemirrorJSONToYXmlFragment(documentSchema, buildDocument({ ...sample, goals: [...sample.goals, ''] }), contentOf(doc))
  doc.transact(() => itemOf(doc).insert(0, [new Y.XmlText()]))
  return { update: Y.encodeStateAsUpdate(doc) }
}
/** The empty goal after the sample's own. */
const itemOf = (doc: Y.Doc): Y.XmlElement => at(doc, { goal: sample.goals.length })
const textOf = (doc: Y.Doc) => itemOf(doc).get(0) as Y.XmlText

function applyPatches(doc: Y.Doc, patches: Patch[]) {
  const text = textOf(doc)
  doc.transact(() => {
    for (const [pos, del, ins] of patches) {
      if (del > 0) text.delete(pos, del)
      if (ins !== '') text.insert(pos, ins)
    }
  })
}

async function room(clients: number) {
  const writer = provider('bench')
  const reader = provider('bench', new Y.Doc(), readerBase)
  const counters = Array.from({ length: Math.max(0, clients - 2) }, () => counter('bench'))
  await until(() => writer.wsconnected && reader.wsconnected && counters.every((c) => c.state.open))
  Y.applyUpdate(writer.doc, initialState().update)
  await until(() => contentOf(reader.doc).length > 0 && itemOf(reader.doc)?.length === 1)
  let markers = 0
  const mark = async () => {
    const id = `${MARKER}${String(++markers).padStart(8, '0')}`
    phase(`mark ${id}`)
    writer.awareness.setLocalStateField('bench', id)
    await until(() => counters.every((c) => c.state.markers.has(id)))
  }
  await mark()
  // The stock client drops a socket that hears nothing for 30 s, and the writer hears nothing back for its own
  // updates: while readers catch up on a loaded machine it would reconnect mid-measurement. A person's cursor
  // moves now and then; the writer's awareness does too, and the server echoes it.
  setInterval(() => writer.awareness.setLocalStateField('alive', Date.now()), 5_000).unref()
  return { writer, reader, counters, mark }
}

async function replay(clients: number) {
  const { writer, reader, counters, mark } = await room(clients)
  const ops = loadTrace('automerge-paper').txns.slice(0, 20_000)
  // The expected text, computed beforehand.
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc))
  for (const txn of ops) applyPatches(local, txn.patches)
  const expected = textOf(local).toString()

  phase('single edits')
  // Single edits: time until every other client has it.
  const latencies: number[] = []
  for (let i = 0; i < 200; i++) {
    const before = counters.map((c) => c.state.updates)
    const length = textOf(reader.doc).length
    const start = performance.now()
    textOf(writer.doc).insert(0, 'x')
    await until(() => textOf(reader.doc).length > length && counters.every((c, k) => c.state.updates > before[k]!))
    latencies.push(performance.now() - start)
  }
  textOf(writer.doc).delete(0, 200)
  await until(() => textOf(reader.doc).length === 0)

  phase('replay')
  const start = performance.now()
  for (const txn of ops) applyPatches(writer.doc, txn.patches)
  phase('replay sent')
  await until(() => textOf(reader.doc).toString() === expected)
  await mark()
  const replayMs = performance.now() - start
  const sorted = [...latencies].sort((a, b) => a - b)
  report({ clients, replayMs, p50: median(latencies), p99: sorted[Math.floor(sorted.length * 0.99)]! })
  process.exit(0)
}

const LATE_JOINERS = 7
const COLD_JOINERS = 5
/** Longer than the benchmark server's idle unload (`relay-server.ts`) and its closing compaction. */
const UNLOAD_WAIT_MS = 2_000

/**
 * `latejoin [cold]`: joiners of the full 260k-op document while it is open
 * (the median of 7); with `cold`, also once everyone has left and the
 * server has unloaded it (the median of 5): the joiner then waits for the
 * document to load from storage.
 */
async function latejoin(cold: boolean) {
  const { writer, reader } = await room(2)
  const trace = loadTrace('automerge-paper')
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc))
  for (const txn of trace.txns) applyPatches(local, txn.patches)
  Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(local, Y.encodeStateVector(writer.doc)))
  const probe = provider('bench')
  await until(() => probe.synced && contentOf(probe.doc).length > 0 && textOf(probe.doc)?.length === trace.endContent.length)
  // Several late joiners, one after another (each leaves before the next comes): the median is the figure.
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < LATE_JOINERS; i++) {
    const start = performance.now()
    const late = provider('bench')
    await until(() => late.synced && contentOf(late.doc).length > 0 && textOf(late.doc)?.toString() === trace.endContent)
    times.push(performance.now() - start)
    bytes = Y.encodeStateAsUpdate(late.doc).length
    late.destroy()
    await new Promise((r) => setTimeout(r, 50))
  }
  const colds: number[] = []
  if (cold) {
    for (const left of [writer, reader, probe]) left.destroy()
    for (let i = 0; i < COLD_JOINERS; i++) {
      await new Promise((r) => setTimeout(r, UNLOAD_WAIT_MS))
      const start = performance.now()
      const late = provider('bench')
      await until(() => late.synced && contentOf(late.doc).length > 0 && textOf(late.doc)?.toString() === trace.endContent)
      colds.push(performance.now() - start)
      late.destroy()
    }
  }
  report({ lateJoinMs: median(times), lateJoinAll: times.map((t) => Math.round(t)), ...(cold ? { coldJoinMs: median(colds), coldJoinAll: colds.map((t) => Math.round(t)) } : {}), bytes })
  process.exit(0)
}

async function memory() {
  const sockets = Array.from({ length: 500 }, (_, i) => [counter(`m${i}`), counter(`m${i}`)]).flat()
  await until(() => sockets.every((s) => s.state.open))
  await new Promise((r) => setTimeout(r, 1000))
  report({ open: sockets.length })
  // Stay connected until the coordinator has read the server's memory.
  process.stdin.resume()
  process.stdin.on('end', () => process.exit(0))
}

const SPREAD_DOCS = 30
const SPREAD_OPS = 2_000

/** The frames a writer sends (the document's first content, then one update per trace transaction), and the writer's last clock. */
function spreadFrames(): { frames: Buffer[]; client: number; clock: number } {
  const doc = new Y.Doc()
  const frames: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => frames.push(update))
  Y.applyUpdate(doc, initialState().update)
  for (const txn of loadTrace('automerge-paper').txns.slice(0, SPREAD_OPS)) applyPatches(doc, txn.patches)
  // y-websocket framing: message sync (0), sync update (2), the update as a var-length byte array.
  const framed = frames.map((update) => {
    const header: number[] = [0, 2]
    for (let n = update.length; ; n >>>= 7) {
      header.push(n > 0x7f ? (n & 0x7f) | 0x80 : n)
      if (n <= 0x7f) break
    }
    return Buffer.concat([Buffer.from(header), update])
  })
  return { frames: framed, client: doc.clientID, clock: Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID)! }
}

/**
 * A socket that reads how far the writer's updates have come: relays may
 * merge what they forward (ours does, between instances), so frames are
 * not counted; the highest clock of the writer seen is.
 */
function clockReader(doc: string, at: string, client: number) {
  const ws = new WebSocket(rawUrl(doc, at))
  const state = { open: false, clock: 0 }
  ws.on('open', () => (state.open = true))
  ws.on('close', (code) => gaveUp(`reader of ${doc} closed (${code})`))
  ws.on('message', (data: Buffer) => {
    if (data[0] !== 0 || data[1] !== 2) return
    let offset = 2
    while (data[offset]! & 0x80) offset++
    const to = Y.parseUpdateMeta(data.subarray(offset + 1)).to.get(client) ?? 0
    if (to > state.clock) state.clock = to
  })
  return { ws, state }
}

/**
 * A raw socket closed mid-measurement (the server reset a room: on a
 * loaded machine, PostgreSQL may not answer in time): it does not come
 * back, so the measurement cannot finish — say so now rather than wait.
 */
function gaveUp(why: string): never {
  process.stderr.write(`relay-clients: ${why}: the measurement cannot finish\n`)
  process.exit(3)
}

/** `crossing`: each reader on the instance after its writer's; otherwise on the same one (documents sharded over instances). */
async function spread(clients: number, crossing: boolean) {
  const { frames, client, clock } = spreadFrames()
  const docs = Array.from({ length: SPREAD_DOCS }, (_, i) => `${docPrefix}${i}`)
  const writers = docs.map((doc, i) => {
    const ws = new WebSocket(rawUrl(doc, bases[i % bases.length]!))
    const state = { open: false }
    ws.on('open', () => (state.open = true))
    ws.on('message', () => {})
    ws.on('close', (code) => gaveUp(`writer of ${doc} closed (${code})`))
    return { ws, state }
  })
  const readers = Array.from({ length: clients - SPREAD_DOCS }, (_, i) => clockReader(docs[i % SPREAD_DOCS]!, bases[(i + (crossing ? 1 : 0)) % bases.length]!, client))
  await until(() => writers.every((w) => w.state.open) && readers.every((r) => r.state.open))
  await new Promise((r) => setTimeout(r, 500))
  const start = performance.now()
  for (const frame of frames) for (const writer of writers) writer.ws.send(frame)
  await until(() => readers.every((r) => r.state.clock >= clock))
  const ms = performance.now() - start
  report({ spreadMs: ms, opsPerSecond: (SPREAD_DOCS * frames.length) / (ms / 1000) })
  process.exit(0)
}

const run: Record<typeof measurement, () => Promise<void>> = {
  replay: () => replay(Number(count)),
  latejoin: () => latejoin(count === 'cold'),
  memory,
  spread: () => spread(Number(count), true),
  'spread-sharded': () => spread(Number(count), false),
}
await run[measurement]()
