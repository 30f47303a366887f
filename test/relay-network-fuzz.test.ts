/**
 * Convergence under a hostile network, tested rather than hoped for: a
 * seeded in-memory network between the real relay core (with a real SQLite
 * store) and Yjs clients speaking the sync protocol. Messages between
 * connections arrive in random interleavings; clients drop and reconnect
 * (losing whatever was in flight); everyone edits throughout. Every run
 * ends by asserting that all replicas, the server's document and the
 * stored document are equal.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { contentOf, readContent } from '@shared/model/y-document'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '@shared/protocol/message'
import { MESSAGE, SYNC } from '@shared/protocol/message-type'
import { openDataDir } from '../server/data-dir'
import { setLogSink } from '../server/log'
import { Metrics } from '../server/metrics'
import { DEFAULT_RELAY_OPTIONS, Relay } from '../server/relay/relay'
import type { Session } from '../server/relay/session'
import { makeUpdatePolicy } from '../server/relay/update-policy'
import { MemorySocket } from './support/memory-socket'
import { makeRandom, type Random } from './support/random'
import { sampleText } from './support/sample'

const RUNS = Number(process.env.NETWORK_FUZZ_RUNS ?? 6)
const STEPS = 400

interface Peer {
  name: string
  doc: Y.Doc
  socket: MemorySocket | null
  session: Session | null
  /** Frames from the client to the server, not yet delivered. */
  toServer: Uint8Array[]
}

function runNetwork(seed: number) {
  setLogSink(() => {})
  const random = makeRandom(seed)
  const data = openDataDir(mkdtempSync(join(tmpdir(), 'jixiao-net-')))
  data.service.create(parsePublishedText(sampleText()), { id: 'doc', title: 't', ownerId: null })
  const initial = JSON.stringify(readContent(data.service.load('doc')))
  // Small compaction limits so snapshots happen during the run too.
  const relay = new Relay(data.documents, makeUpdatePolicy(), new Metrics(), {
    ...DEFAULT_RELAY_OPTIONS,
    compaction: { updates: 25, bytes: 1 << 20 },
    schedule: () => {}, // batches are stored when the network says so (`flush` below)
  })
  const peers: Peer[] = ['甲', '乙', '丙'].map((name) => {
    const doc = new Y.Doc()
    const peer: Peer = { name, doc, socket: null, session: null, toServer: [] }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server' && peer.socket) peer.toServer.push(encodeUpdate(update))
    })
    return peer
  })

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
  }
  const deliverToClient = (peer: Peer) => {
    const frame = peer.socket?.outbox.shift()
    if (!frame) return
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) return
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (step === SYNC.step1) peer.toServer.push(encodeSyncStep2(Y.encodeStateAsUpdate(peer.doc, payload)))
    else Y.applyUpdate(peer.doc, payload, 'server')
  }
  const edit = (peer: Peer, r: Random) => {
    const texts: Y.XmlText[] = []
    const walk = (el: Y.XmlElement | Y.XmlFragment) => el.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : walk(c as Y.XmlElement)))
    walk(contentOf(peer.doc))
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
    else if (action < 35) relay.flush()
    else if (action < 70) deliverToClient(peer)
    else if (action < 90) {
      edit(peer, random)
    } else if (action < 95) drop(peer)
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
        relay.flush()
        deliverToClient(peer)
      }
    }
  }
  const replicas = peers.map((p) => JSON.stringify(readContent(p.doc)))
  const stored = JSON.stringify(readContent(data.service.load('doc')))
  relay.shutdown()
  const afterShutdown = JSON.stringify(readContent(data.service.load('doc')))
  data.close()
  return { replicas, stored, afterShutdown, initial }
}

describe('relay under a random network', () => {
  it(`${RUNS} seeded runs: all replicas and the stored document end equal`, () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const { replicas, stored, afterShutdown, initial } = runNetwork(seed)
      expect(replicas[0], `seed ${seed}: nobody's edits arrived`).not.toBe(initial)
      expect(new Set(replicas).size, `seed ${seed}: replicas differ`).toBe(1)
      expect(stored, `seed ${seed}: stored document differs`).toBe(replicas[0])
      expect(afterShutdown, `seed ${seed}: document after shutdown differs`).toBe(replicas[0])
      expect(replicas[0]!.length).toBeGreaterThan(1000)
    }
  })
})
