/**
 * A room and the same document's rooms on other instances, on one
 * in-process hub (the bytes are what Redis would carry): a room alone
 * with its document publishes none of its batches, a room that opens the
 * document later still gets what was held back meanwhile, and an update
 * from another instance that cannot integrate leaves nothing pending.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { decodeMessage, encodeUpdate } from '@shared/protocol/message'
import { sampleText } from '../../support/sample'
import { MemorySocket } from '../../support/memory-socket'
import { textAt } from '../../support/document-place'
import { LocalBus, LocalBusHub } from '../bus/local-bus'
import type { DocumentMessage } from '../bus/room-bus'
import { DocumentService } from '../document-service'
import { setLogSink } from '../log'
import { Metrics } from '../metrics'
import type { StoredState } from '../storage/document-log'
import { MemoryDocumentLog } from '../storage/memory/memory-document-log'
import { DEFAULT_RELAY_OPTIONS, Relay } from './relay'
import { makeUpdatePolicy } from './update-policy'

/** Storage whose reads can be held after they are made, as a slow network would deliver an answer already stale. */
class HeldLog extends MemoryDocumentLog {
  hold: Promise<void> | null = null
  override async load(docId: string): Promise<StoredState> {
    const state = await super.load(docId)
    await this.hold
    return state
  }
}

/** A bus that remembers the kinds of the document messages it published. */
class CountingBus extends LocalBus {
  readonly published: DocumentMessage['kind'][] = []
  override publish(docId: string, message: DocumentMessage): Promise<number> {
    this.published.push(message.kind)
    return super.publish(docId, message)
  }
}

let log: HeldLog
let hub: LocalBusHub
const identity = (n: number) => ({ userId: n, userName: `u${n}`, displayName: `u${n}` })
const access = { roleOf: async () => 'editor' as const, stillValid: async () => true }
const instance = (bus: LocalBus = new LocalBus(hub)) =>
  new Relay({ log, bus, access }, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: (flush) => setImmediate(flush) })
/** Lets queued bus deliveries and publish answers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

beforeEach(async () => {
  setLogSink(() => {})
  log = new HeldLog()
  hub = new LocalBusHub()
  await new DocumentService(log).create(parsePublishedText(sampleText()), { id: 'a', title: 'a', ownerId: null })
})

/** An update that types `text` at the start of the first goal of what `doc` holds. */
function typing(doc: Y.Doc, text: string): Uint8Array {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(replica)
  textAt(replica, { goal: 0 }).insert(0, text)
  return Y.encodeStateAsUpdate(replica, before)
}

const firstGoal = (relay: Relay) => textAt(relay.loadedDocument('a')!, { goal: 0 }).toString()
const updatesSent = (socket: MemorySocket) => socket.outbox.filter((frame) => decodeMessage(frame).type === 'update').length

describe('other instances', () => {
  it('a room alone with its document publishes no batch; a room opening it meanwhile gets what was held back, and then edits cross both ways', async () => {
    const firstBus = new CountingBus(hub)
    const first = instance(firstBus)
    const writer = first.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    await first.settled()
    await settle()
    first.receive(writer, encodeUpdate(typing(first.loadedDocument('a')!, '甲')))
    await first.flush()
    await settle()
    expect(firstBus.published.filter((kind) => kind === 'update')).toEqual([])

    // The second instance reads storage, and the first stores a batch before it hears that the second is here.
    let release = () => {}
    log.hold = new Promise((resolve) => (release = resolve))
    const second = instance()
    const reader = new MemorySocket()
    second.connect(reader, 'a', identity(2), 'editor')
    await settle()
    first.receive(writer, encodeUpdate(typing(first.loadedDocument('a')!, '乙')))
    await first.flush()
    log.hold = null
    release()
    await second.settled()
    await settle()
    expect(firstBus.published.filter((kind) => kind === 'update')).toEqual([])
    await expect.poll(() => firstGoal(second), { timeout: 5_000 }).toMatch(/^乙甲/)
    expect(updatesSent(reader)).toBeGreaterThan(0)

    // From now on the first publishes, and the second's batches reach the first.
    first.receive(writer, encodeUpdate(typing(first.loadedDocument('a')!, '丙')))
    await first.flush()
    await expect.poll(() => firstGoal(second), { timeout: 5_000 }).toMatch(/^丙乙甲/)
    const secondWriter = second.connect(new MemorySocket(), 'a', identity(3), 'editor')!
    await second.settled()
    second.receive(secondWriter, encodeUpdate(typing(second.loadedDocument('a')!, '丁')))
    await second.flush()
    await expect.poll(() => firstGoal(first), { timeout: 5_000 }).toMatch(/^丁丙乙甲/)
    expect(firstBus.published.filter((kind) => kind === 'update')).toHaveLength(1)
    await Promise.all([first.shutdown(), second.shutdown()])
  })

  it('a batch from another instance that builds on an update this room never heard leaves nothing pending: the room catches up from storage', async () => {
    const room = instance()
    const reader = new MemorySocket()
    room.connect(reader, 'a', identity(1), 'editor')
    await room.settled()
    // Another instance stored two batches and published only the second (the first was lost on the way).
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(room.loadedDocument('a')!))
    const lost = typing(elsewhere, '失')
    Y.applyUpdate(elsewhere, lost)
    const heard = typing(elsewhere, '得')
    await log.append('a', [lost, heard].map((update) => ({ update, by: 'u9', at: Date.now() })))
    await new LocalBus(hub).publish('a', { kind: 'update', updates: [heard] })
    await settle()
    const { store } = room.loadedDocument('a')!
    expect([store.pendingStructs, store.pendingDs]).toEqual([null, null])
    await expect.poll(() => firstGoal(room), { timeout: 5_000 }).toMatch(/^得失/)
    expect([store.pendingStructs, store.pendingDs]).toEqual([null, null])
    await room.shutdown()
  })
})
