/**
 * Convergence under a hostile network, tested rather than hoped for: a
 * seeded in-memory network between the real relay core (with a real SQLite
 * store) and Yjs clients speaking the sync protocol. Messages between
 * connections arrive in random interleavings; clients drop and reconnect
 * (losing whatever was in flight) or reload from their local copy (a
 * browser's IndexedDB: the same state, a new client id); everyone edits
 * throughout while the server moves the workflow (writing `meta`, as each
 * step does). A hostile peer sends causally incomplete and partial
 * updates and never answers the server's request for its full state.
 *
 * The oracle: every run ends with all honest replicas, the server's
 * document and the stored document equal; the server's document never
 * holds pending state (checked after every message); no honest update is
 * refused; nothing of the hostile peer's ever integrates.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { contentOf, metaOf, readContent } from '@shared/model/y-document'
import { STATUS, STATUS_KEY } from '@shared/review/workflow'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '@shared/protocol/message'
import { MESSAGE, SYNC } from '@shared/protocol/message-type'
import { LocalBus } from '../server/bus/local-bus'
import { openServerData } from '../server/server-data'
import { setLogSink } from '../server/log'
import { Metrics } from '../server/metrics'
import { DEFAULT_RELAY_OPTIONS, Relay } from '../server/relay/relay'
import type { Session } from '../server/relay/session'
import { makeUpdatePolicy } from '../server/relay/update-policy'
import { MemorySocket } from '../support/memory-socket'
import { makeRandom, type Random } from '../support/random'
import { sampleText } from '../support/sample'

const RUNS = Number(process.env.NETWORK_FUZZ_RUNS ?? 6)
const STEPS = 400

interface Peer {
  name: string
  doc: Y.Doc
  /** Refusals this peer received. */
  refusals: number
  socket: MemorySocket | null
  session: Session | null
  /** Frames from the client to the server, not yet delivered. */
  toServer: Uint8Array[]
}

async function runNetwork(seed: number) {
  setLogSink(() => {})
  const random = makeRandom(seed)
  const data = await openServerData({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-net-')) })
  await data.service.create(parsePublishedText(sampleText()), { id: 'doc', title: 't', ownerId: null })
  const initial = JSON.stringify(readContent(await data.service.load('doc')))
  // Small compaction limits so snapshots happen during the run too.
  const access = { roleOf: async () => 'editor' as const, stillValid: async () => true }
  const relay = new Relay({ log: data.documents, bus: new LocalBus(), access }, makeUpdatePolicy(), new Metrics(), {
    ...DEFAULT_RELAY_OPTIONS,
    compaction: { updates: 25, bytes: 1 << 20 },
    schedule: () => {}, // batches are stored when the network says so (`flush` below)
  })
  const listen = (peer: Peer) =>
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server' && peer.socket) peer.toServer.push(encodeUpdate(update))
    })
  const peers: Peer[] = ['甲', '乙', '丙'].map((name) => {
    const peer: Peer = { name, doc: new Y.Doc(), refusals: 0, socket: null, session: null, toServer: [] }
    listen(peer)
    return peer
  })
  /** A browser reload: the local copy's state in a new Y.Doc with a new client id. */
  const reload = (peer: Peer) => {
    drop(peer)
    const state = Y.encodeStateAsUpdate(peer.doc)
    peer.doc.destroy()
    peer.doc = new Y.Doc()
    Y.applyUpdate(peer.doc, state, 'server')
    listen(peer)
  }
  const serverHasNoPending = () => {
    const doc = relay.loadedDocument('doc')
    expect(doc?.store.pendingStructs ?? null, `seed ${seed}: pending structs on the server`).toBeNull()
    expect(doc?.store.pendingDs ?? null, `seed ${seed}: pending deletions on the server`).toBeNull()
  }
  // The workflow moves between the two statuses in which staff edit directly, so no honest edit is refused.
  let status: string = STATUS.drafting
  const workflowStep = async () => {
    status = status === STATUS.drafting ? STATUS.returned : STATUS.drafting
    await relay.applyServerChange('doc', (doc) => metaOf(doc).set(STATUS_KEY, { value: status, by: 'server', at: 0 }))
  }

  // The hostile peer: its own replica, of which it sends only later parts.
  const mallory = { doc: new Y.Doc(), socket: new MemorySocket(), session: null as Session | null }
  const hostile = async (r: Random) => {
    if (!mallory.session?.isOpen) {
      mallory.socket = new MemorySocket()
      mallory.session = relay.connect(mallory.socket, 'doc', { userId: 99, userName: 'mallory', displayName: 'mallory' }, 'editor')
      await relay.settled()
      Y.applyUpdate(mallory.doc, Y.encodeStateAsUpdate(relay.loadedDocument('doc')!))
    }
    // It keeps back an edit, then sends a later one: its own next insert (a clock gap) or the deletion of the kept-back text.
    const text = r.pick(textsOf(mallory.doc))
    text.insert(0, '毒')
    const after = Y.encodeStateVector(mallory.doc)
    if (r.chance(0.5)) r.pick(textsOf(mallory.doc)).insert(0, '毒')
    else text.delete(0, 1)
    relay.receive(mallory.session!, encodeUpdate(Y.encodeStateAsUpdate(mallory.doc, after)))
    mallory.socket.outbox.length = 0
    serverHasNoPending()
  }

  const connect = (peer: Peer) => {
    peer.socket = new MemorySocket()
    peer.toServer = [encodeSyncStep1(Y.encodeStateVector(peer.doc))]
    peer.session = relay.connect(peer.socket, 'doc', { userId: peers.indexOf(peer) + 1, userName: peer.name, displayName: peer.name }, 'editor')
  }
  const drop = (peer: Peer) => {
    if (peer.session) relay.disconnect(peer.session)
    peer.socket = null
    peer.session = null
    peer.toServer = []
  }
  const deliverToServer = (peer: Peer) => {
    const frame = peer.toServer.shift()
    if (frame && peer.session) relay.receive(peer.session, frame)
    serverHasNoPending()
  }
  const deliverToClient = (peer: Peer) => {
    const frame = peer.socket?.outbox.shift()
    if (!frame) return
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE.auth) peer.refusals++
    if (type !== MESSAGE.sync) return
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (step === SYNC.step1) peer.toServer.push(encodeSyncStep2(Y.encodeStateAsUpdate(peer.doc, payload)))
    else Y.applyUpdate(peer.doc, payload, 'server')
  }
  const edit = (peer: Peer, r: Random) => {
    const texts = textsOf(peer.doc)
    if (texts.length === 0) return
    const text = r.pick(texts)
    if (r.chance(0.3) && text.length > 0) text.delete(r.int(text.length), 1 + r.int(Math.min(3, text.length)))
    else text.insert(r.int(text.length + 1), r.pick(['改', '增', 'x', '12']))
  }

  peers.forEach(connect)
  for (let step = 0; step < STEPS; step++) {
    const peer = random.pick(peers)
    const action = random.int(100)
    if (action < 30) deliverToServer(peer)
    else if (action < 35) await relay.flush()
    else if (action < 70) deliverToClient(peer)
    else if (action < 90) {
      edit(peer, random)
    } else if (action < 92) drop(peer)
    else if (action < 94) reload(peer)
    else if (action < 96) await workflowStep()
    else if (action < 98) await hostile(random)
    else if (!peer.socket) connect(peer)
  }
  // Heal: everyone reconnects and all messages are delivered until quiet.
  peers.forEach((p) => p.socket ?? connect(p))
  for (let quiet = false; !quiet; ) {
    quiet = true
    for (const peer of peers) {
      while (peer.toServer.length > 0 || (peer.socket?.outbox.length ?? 0) > 0) {
        quiet = false
        deliverToServer(peer)
        await relay.settled()
        deliverToClient(peer)
      }
    }
  }
  const replicas = peers.map((p) => JSON.stringify(readContent(p.doc)))
  const refusals = peers.reduce((n, p) => n + p.refusals, 0)
  const stored = JSON.stringify(readContent(await data.service.load('doc')))
  await relay.shutdown()
  const afterShutdown = JSON.stringify(readContent(await data.service.load('doc')))
  await data.close()
  return { replicas, stored, afterShutdown, initial, refusals }
}

function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = []
  const walk = (el: Y.XmlElement | Y.XmlFragment) => el.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : walk(c as Y.XmlElement)))
  walk(contentOf(doc))
  return texts
}

describe('relay under a random network', () => {
  it(`${RUNS} seeded runs: all replicas and the stored document end equal`, async () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const { replicas, stored, afterShutdown, initial, refusals } = await runNetwork(seed)
      expect(refusals, `seed ${seed}: an honest update was refused`).toBe(0)
      expect(stored, `seed ${seed}: a hostile update integrated`).not.toContain('毒')
      expect(replicas[0], `seed ${seed}: nobody's edits arrived`).not.toBe(initial)
      expect(new Set(replicas).size, `seed ${seed}: replicas differ`).toBe(1)
      expect(stored, `seed ${seed}: stored document differs`).toBe(replicas[0])
      expect(afterShutdown, `seed ${seed}: document after shutdown differs`).toBe(replicas[0])
      expect(replicas[0]!.length).toBeGreaterThan(1000)
    }
    // ~4 s alone; a loaded 2-core machine may take several times that.
  }, 60_000)
})
