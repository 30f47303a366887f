import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { CLOSE } from '@shared/protocol/close-code'
import { decodeMessage, encodeQueryAwareness, encodeSyncStep1, encodeUpdate } from '@shared/protocol/message'
import { sampleText } from '../../support/sample'
import { MemorySocket } from '../../support/memory-socket'
import { LocalBus, LocalBusHub } from '../bus/local-bus'
import type { DocumentMessage } from '../bus/room-bus'
import { DocumentService } from '../document-service'
import { setLogSink } from '../log'
import { Metrics } from '../metrics'
import type { LoggedUpdate } from '../storage/document-log'
import { MemoryDocumentLog } from '../storage/memory/memory-document-log'
import { StorageError } from '../storage/storage-error'
import { DEFAULT_RELAY_OPTIONS, Relay, type RelayOptions } from './relay'
import { makeUpdatePolicy } from './update-policy'
import { textAt } from '../../support/document-place'
import { createThread } from '@shared/review/threads'
import { metaOf, threadsOf } from '@shared/model/y-document'
import { STATUS, STATUS_KEY } from '@shared/review/workflow'

/** A log whose next appends fail, as a full disk would make them. */
class FailingLog extends MemoryDocumentLog {
  failing = false
  override async append(docId: string, updates: readonly LoggedUpdate[]): Promise<void> {
    if (this.failing) throw new StorageError('disk-full', '保存更新: disk full')
    return super.append(docId, updates)
  }
}

let log: FailingLog
let service: DocumentService
const identity = (n: number) => ({ userId: n, userName: `u${n}`, displayName: `u${n}` })

beforeEach(async () => {
  setLogSink(() => {})
  log = new FailingLog()
  service = new DocumentService(log)
  for (const id of ['a', 'b', 'c']) await service.create(parsePublishedText(sampleText()), { id, title: id, ownerId: null })
})
afterEach(() => {
  vi.useRealTimers()
})

const access = { roleOf: async () => 'editor' as const, stillValid: async () => true }

/** A relay whose batches are stored when the test calls `flush()`. */
const relayWith = (options: Partial<RelayOptions> = {}) =>
  new Relay({ log, bus: new LocalBus(), access }, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: () => {}, ...options })

/** An update that types one character into the document's first goal item. */
async function typingUpdate(docId: string): Promise<Uint8Array> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(await service.load(docId)))
  const before = Y.encodeStateVector(doc)
  textAt(doc, { goal: 0 }).insert(0, '字')
  return Y.encodeStateAsUpdate(doc, before)
}

/** A loaded document 'a' with a reading and a writing editor; `sent`: what the reader had been sent so far. */
async function readerAndWriter() {
  const relay = relayWith()
  const reader = new MemorySocket()
  const writer = new MemorySocket()
  relay.connect(reader, 'a', identity(1), 'editor')
  const session = relay.connect(writer, 'a', identity(2), 'editor')!
  await relay.settled()
  return { relay, reader, writer, session, sent: reader.outbox.length }
}

const firstGoal = async (docId: string) => (await service.model(docId)).overall.goals[0]!

describe('relay core', () => {
  it('starts every connection with the server state vector, once the document is loaded', async () => {
    const relay = relayWith()
    const socket = new MemorySocket()
    relay.connect(socket, 'a', identity(1), 'editor')
    expect(socket.outbox).toHaveLength(0)
    await relay.settled()
    expect(socket.outbox[0]!.slice(0, 2)).toEqual(new Uint8Array([0, 0]))
  })

  it('handles frames that arrive while the document loads, in order, after it has loaded', async () => {
    const relay = relayWith()
    const reader = new MemorySocket()
    relay.connect(reader, 'a', identity(1), 'editor')
    const writer = relay.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    relay.receive(writer, encodeUpdate(await typingUpdate('a')))
    await relay.settled()
    expect(await firstGoal('a')).toMatch(/^字/)
    expect(reader.outbox.some((frame) => frame[0] === 0 && frame[1] === 2)).toBe(true)
  })

  it('answers a joiner from storage before it builds the document, and builds it once a message needs it', async () => {
    const relay = relayWith({ buildWaitMs: 60_000 })
    const socket = new MemorySocket()
    const session = relay.connect(socket, 'a', identity(1), 'editor')!
    await new Promise((resolve) => setImmediate(resolve)) // storage read
    relay.receive(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    expect(relay.loadedDocument('a')).toBeUndefined()
    const answers = socket.outbox.map((frame) => decodeMessage(frame)).filter((message) => message.type === 'sync-step2')
    expect(answers).toHaveLength(1)
    const joiner = new Y.Doc()
    Y.applyUpdate(joiner, (answers[0] as { update: Uint8Array }).update)
    expect(textAt(joiner, { goal: 0 }).toString()).toBe(textAt(await service.load('a'), { goal: 0 }).toString())
    // Its awareness needs the room: the document is built, and the room starts the sync from its side.
    relay.receive(session, encodeQueryAwareness())
    await new Promise((resolve) => setImmediate(resolve))
    expect(relay.loadedDocument('a')).toBeDefined()
    expect(socket.outbox.some((frame) => frame[0] === 0 && frame[1] === 0)).toBe(true)
  })

  it('disconnects a reader whose send queue grows past the limit (4508)', async () => {
    const relay = relayWith({ maxBufferedBytes: 1000 })
    const slow = new MemorySocket()
    const writer = new MemorySocket()
    relay.connect(slow, 'a', identity(1), 'editor')
    const session = relay.connect(writer, 'a', identity(2), 'editor')!
    await relay.settled()
    slow.bufferedAmount = 5000 // nothing read for a while
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    await relay.flush()
    expect(slow.closeCode).toBe(CLOSE.slowReader)
    expect(writer.closeCode).toBeNull()
  })

  it('unloads a document after its last connection has been idle, and keeps it while anyone is there', async () => {
    vi.useFakeTimers()
    const relay = relayWith({ idleUnloadMs: 60_000 })
    const s1 = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    const s2 = relay.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    relay.disconnect(s1)
    vi.advanceTimersByTime(120_000)
    expect(relay.loadedDocuments).toBe(1)
    relay.disconnect(s2)
    vi.advanceTimersByTime(59_000)
    expect(relay.loadedDocuments).toBe(1)
    vi.advanceTimersByTime(2_000)
    expect(relay.loadedDocuments).toBe(0)
  })

  it('bounds the loaded documents: evicts an idle one, or refuses with "going away" when all are busy', async () => {
    const relay = relayWith({ maxLoadedDocuments: 2 })
    const sa = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    relay.connect(new MemorySocket(), 'b', identity(2), 'editor')
    const refused = new MemorySocket()
    expect(relay.connect(refused, 'c', identity(3), 'editor')).toBeNull()
    expect(refused.closeCode).toBe(CLOSE.goingAway)
    relay.disconnect(sa)
    expect(relay.connect(new MemorySocket(), 'c', identity(3), 'editor')).not.toBeNull()
    expect(relay.loadedDocuments).toBe(2)
    await relay.settled()
  })

  it('compacts the update log into a snapshot when it grows, losing nothing', async () => {
    const relay = relayWith({ compaction: { updates: 3, bytes: 1 << 20 } })
    const session = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    await relay.settled()
    for (let i = 0; i < 7; i++) {
      relay.receive(session, encodeUpdate(await typingUpdate('a')))
      await relay.flush()
    }
    await vi.waitFor(async () => expect((await log.load('a')).tailCount).toBeLessThan(3))
    expect(await firstGoal('a')).toMatch(/^字{7}/)
  })

  it('while editing goes on, compacts in a pause, or at once when the log reaches four times the limit', async () => {
    const relay = relayWith({ compaction: { updates: 3, bytes: 1 << 20, quietMs: 60_000 } })
    const session = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    await relay.settled()
    const type = async (times: number) => {
      for (let i = 0; i < times; i++) {
        relay.receive(session, encodeUpdate(await typingUpdate('a')))
        await relay.flush()
      }
    }
    const before = (await log.load('a')).tailCount
    await type(7)
    await relay.flush()
    expect((await log.load('a')).tailCount).toBe(before + 7)
    await type(5)
    await vi.waitFor(async () => expect((await log.load('a')).tailCount).toBeLessThan(3))
    expect(await firstGoal('a')).toMatch(/^字{12}/)
  })

  it('shuts down with "going away" for everyone and the documents saved', async () => {
    const relay = relayWith()
    const sockets = [new MemorySocket(), new MemorySocket()]
    const session = relay.connect(sockets[0]!, 'a', identity(1), 'editor')!
    relay.connect(sockets[1]!, 'b', identity(2), 'viewer')
    await relay.settled()
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    await relay.shutdown()
    expect(sockets.map((s) => s.closeCode)).toEqual([CLOSE.goingAway, CLOSE.goingAway])
    expect(relay.loadedDocuments).toBe(0)
    expect((await log.load('a')).tailCount).toBe(0)
    expect(await firstGoal('a')).toMatch(/^字/)
    expect(relay.connect(new MemorySocket(), 'a', identity(1), 'editor')).toBeNull()
  })

  it('sends nothing of a batch before it is stored, then everything in order', async () => {
    const { relay, reader, session, sent } = await readerAndWriter()
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    expect(reader.outbox.length).toBe(sent)
    expect((await log.load('a')).tailCount).toBe(1) // only the initial update so far
    const flushed = relay.flush()
    expect(reader.outbox.length).toBe(sent) // the append has not resolved yet
    await flushed
    expect((await log.load('a')).tailCount).toBe(2)
    expect(reader.outbox.length).toBe(sent + 1)
  })

  it('holds frames queued behind a commit under way until it resolves', async () => {
    const { relay, reader, session, sent } = await readerAndWriter()
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    const first = relay.flush()
    relay.receive(relay.connect(new MemorySocket(), 'a', identity(3), 'editor')!, encodeQueryAwareness())
    expect(reader.outbox.length).toBe(sent)
    await first
    await relay.flush()
    expect(reader.outbox.length).toBe(sent + 1)
  })

  it('a failed commit resets the document: everyone closes with 4500, nothing of the batch is sent or kept', async () => {
    const { relay, reader, writer, session, sent } = await readerAndWriter()
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    log.failing = true
    await relay.flush()
    log.failing = false
    expect([reader.closeCode, writer.closeCode]).toEqual([CLOSE.storageFailure, CLOSE.storageFailure])
    expect(reader.outbox.length).toBe(sent)
    expect(relay.loadedDocuments).toBe(0)
    expect(await firstGoal('a')).not.toMatch(/^字/)
  })

  it('a document that cannot be loaded closes its connections with 4500', async () => {
    const relay = relayWith()
    vi.spyOn(log, 'load').mockRejectedValueOnce(new StorageError('io', '读取文档: I/O error'))
    const socket = new MemorySocket()
    relay.connect(socket, 'a', identity(1), 'editor')
    await relay.settled()
    expect(socket.closeCode).toBe(CLOSE.storageFailure)
    expect(relay.loadedDocuments).toBe(0)
  })

  it('a role downgrade applies to open connections at once', async () => {
    const relay = relayWith()
    const socket = new MemorySocket()
    const session = relay.connect(socket, 'a', identity(1), 'editor')!
    await relay.settled()
    relay.setRole('a', 1, 'viewer')
    relay.receive(session, encodeUpdate(await typingUpdate('a')))
    await relay.flush()
    expect(await firstGoal('a')).not.toMatch(/^字/)
    expect(socket.outbox.at(-1)![0]).toBe(2) // auth: permission denied
    relay.receive(session, encodeQueryAwareness())
    expect(socket.closeCode).toBeNull()
  })

  it('keeps an automatic version after a stretch of editing and when the room closes, naming who edited', async () => {
    const often = relayWith({ autoVersionMs: 0 })
    const writer = often.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    await often.settled()
    often.receive(writer, encodeUpdate(await typingUpdate('a')))
    await often.flush()
    await vi.waitFor(async () => expect((await log.versions('a')).map((v) => v.name)).toEqual(['自动保存（u2）']))

    const rarely = relayWith()
    const other = rarely.connect(new MemorySocket(), 'b', identity(3), 'editor')!
    rarely.connect(new MemorySocket(), 'c', identity(4), 'viewer')
    await rarely.settled()
    rarely.receive(other, encodeUpdate(await typingUpdate('b')))
    await rarely.flush()
    expect(await log.versions('b')).toEqual([])
    await rarely.shutdown()
    expect((await log.versions('b')).map((v) => [v.name, v.byUser])).toEqual([['自动保存（u3）', 'u3']])
    expect(await log.versions('c')).toEqual([]) // nobody edited it
  })

  it('edits before a workflow step start no automatic version after it: the step keeps its own', async () => {
    const relay = relayWith()
    const writer = relay.connect(new MemorySocket(), 'b', identity(3), 'editor')!
    await relay.settled()
    relay.receive(writer, encodeUpdate(await typingUpdate('b')))
    await relay.flush()
    await relay.applyServerChange('b', (doc) => metaOf(doc).set(STATUS_KEY, { value: STATUS.submitted, by: 'u3', at: Date.now() }), { by: 'u3', step: true })
    await relay.shutdown()
    expect(await log.versions('b')).toEqual([])
  })

  it('two instances serving one document keep one automatic version for the same stretch, not two', async () => {
    const [first, second] = [relayWith(), relayWith()]
    const a = first.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    const b = second.connect(new MemorySocket(), 'a', identity(3), 'editor')!
    await Promise.all([first.settled(), second.settled()])
    first.receive(a, encodeUpdate(await typingUpdate('a')))
    second.receive(b, encodeUpdate(await typingUpdate('a')))
    await Promise.all([first.flush(), second.flush()])
    await first.shutdown()
    await second.shutdown()
    expect((await log.versions('a')).map((v) => v.name)).toEqual(['自动保存（u2）'])
  })

  it('an update stored but never published (its instance died in between) reaches the other instances: a room that catches up says what it found', async () => {
    /** The instance dies after storing and before publishing: its updates never reach the bus. */
    class DyingBus extends LocalBus {
      override publish(docId: string, message: DocumentMessage): Promise<number> {
        return message.kind === 'update' ? new Promise(() => {}) : super.publish(docId, message)
      }
    }
    const hub = new LocalBusHub()
    const instance = (bus: LocalBus) => new Relay({ log, bus, access }, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: () => {} })
    const [dying, other, third] = [instance(new DyingBus(hub)), instance(new LocalBus(hub)), instance(new LocalBus(hub))]
    const writer = dying.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    const [reader, thirdReader] = [new MemorySocket(), new MemorySocket()]
    other.connect(reader, 'a', identity(3), 'editor')
    third.connect(thirdReader, 'a', identity(4), 'editor')
    await Promise.all([dying.settled(), other.settled(), third.settled()])
    dying.receive(writer, encodeUpdate(await typingUpdate('a')))
    await dying.flush()
    const typed = (relay: Relay) => textAt(relay.loadedDocument('a')!, { goal: 0 }).toString().startsWith('字')
    const updatesSent = (socket: MemorySocket) => socket.outbox.filter((frame) => decodeMessage(frame).type === 'update').length
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10))
    await settle()
    expect([typed(other), updatesSent(reader), typed(third), updatesSent(thirdReader)]).toEqual([false, 0, false, 0])
    // One instance catches up (a silent peer, a joining client…): it relays the update, and publishes it for the third.
    await other.catchUpRooms(0)
    await settle()
    expect([typed(other), updatesSent(reader), typed(third), updatesSent(thirdReader)]).toEqual([true, 1, true, 1])
    await Promise.all([dying.shutdown(), other.shutdown(), third.shutdown()])
  })

  it('a viewer’s incomplete updates over many connections read the document at most once a second, and nobody else waits for them', async () => {
    /** A large document: every read takes a while. */
    class SlowLog extends MemoryDocumentLog {
      loads = 0
      override async load(docId: string) {
        this.loads++
        await new Promise((resolve) => setTimeout(resolve, 50))
        return super.load(docId)
      }
    }
    const slow = new SlowLog()
    await new DocumentService(slow).create(parsePublishedText(sampleText()), { id: 'a', title: 'a', ownerId: null })
    const hub = new LocalBusHub()
    const relay = new Relay({ log: slow, bus: new LocalBus(hub), access }, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: (flush) => setImmediate(flush) })
    const reader = new MemorySocket()
    relay.connect(reader, 'a', identity(1), 'editor')
    const writer = relay.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    await relay.settled()
    const loadsBefore = slow.loads
    // The second of two inserts: it builds on one the server never got.
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(relay.loadedDocument('a')!))
    const text = () => textAt(replica, { goal: 0 })
    text().insert(0, 'x')
    const before = Y.encodeStateVector(replica)
    text().insert(0, 'y')
    const incomplete = encodeUpdate(Y.encodeStateAsUpdate(replica, before))
    const viewers = [0, 1, 2, 3, 4].map((n) => {
      const socket = new MemorySocket()
      return { socket, session: relay.connect(socket, 'a', identity(10 + n), 'viewer')! }
    })
    await relay.settled()
    for (let round = 0; round < 3; round++) for (const { session } of viewers) relay.receive(session, incomplete)
    // Meanwhile an editor types: relayed at once, not after the catch-ups.
    const sent = reader.outbox.length
    const editor = new Y.Doc()
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(relay.loadedDocument('a')!))
    const editorBefore = Y.encodeStateVector(editor)
    textAt(editor, { goal: 1 }).insert(0, '字')
    relay.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(editor, editorBefore)))
    await new Promise((resolve) => setImmediate(resolve))
    await relay.flush()
    expect(reader.outbox.slice(sent).some((frame) => decodeMessage(frame).type === 'update')).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1_300))
    expect(slow.loads - loadsBefore).toBeLessThanOrEqual(2)
    // Each viewer is refused: no full state asked of them, no third chance.
    for (const { socket } of viewers) expect(socket.outbox.filter((frame) => frame[0] === 2).length).toBeGreaterThan(0)
    await relay.shutdown()
  })

  it('sync step 1 requests of many connections for one state are answered from one encoding', async () => {
    const relay = relayWith()
    const sockets = [0, 1, 2, 3, 4, 5].map(() => new MemorySocket())
    const sessions = sockets.map((socket, n) => relay.connect(socket, 'a', identity(20 + n), 'viewer')!)
    await relay.settled()
    const empty = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))
    for (const session of sessions) relay.receive(session, empty)
    await relay.flush()
    const answers = sockets.map((socket) => socket.outbox.find((frame) => frame[0] === 0 && frame[1] === 1)!)
    expect(answers.every(Boolean)).toBe(true)
    expect(new Set(answers).size).toBe(1)
    // Once the document changes, the answer does too.
    const writer = relay.connect(new MemorySocket(), 'a', identity(30), 'editor')!
    relay.receive(writer, encodeUpdate(await typingUpdate('a')))
    await relay.flush()
    relay.receive(sessions[0]!, empty)
    await relay.flush()
    const later = sockets[0]!.outbox.filter((frame) => frame[0] === 0 && frame[1] === 1)
    expect(later.at(-1)).not.toBe(answers[0])
    await relay.shutdown()
  })

  it('a quiet room drops its trial replica and kept answers, and builds them again for the next comment and joiner', async () => {
    vi.useFakeTimers()
    const relay = relayWith({ idleTrimMs: 10_000 })
    const socket = new MemorySocket()
    const session = relay.connect(socket, 'a', identity(1), 'editor')!
    await relay.settled()
    const comment = async (id: string) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay.loadedDocument('a')!))
      const before = Y.encodeStateVector(doc)
      const text = textAt(doc, { goal: 0 })
      createThread(doc, { id, start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 2), quote: text.toString().slice(0, 2), author: 'u1', text: '请核实', now: 1, commentId: `${id}-c` })
      relay.receive(session, encodeUpdate(Y.encodeStateAsUpdate(doc, before)))
      await relay.flush()
    }
    // A comment is judged on the trial replica; a joiner's answer is kept.
    await comment('t1')
    relay.receive(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await relay.flush()
    expect(relay.retained()).toMatchObject({ trialReplicas: 1, stateAnswers: 1 })
    vi.advanceTimersByTime(9_000)
    expect(relay.retained()).toMatchObject({ trialReplicas: 1, stateAnswers: 1 })
    vi.advanceTimersByTime(1_001)
    expect(relay.retained()).toMatchObject({ trialReplicas: 0, stateAnswers: 0 })
    // Built again on demand: the next comment is judged and stored, the next joiner answered.
    await comment('t2')
    relay.receive(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await relay.flush()
    expect(relay.retained()).toMatchObject({ trialReplicas: 1, stateAnswers: 1 })
    expect([...threadsOf(relay.loadedDocument('a')!).keys()].sort()).toEqual(['t1', 't2'])
    expect(socket.closeCode).toBeNull()
    await relay.shutdown()
  })

  it('a credential gone with its user closes for good (4403), a logout only asks to log in again (4401)', async () => {
    // The user is removed between the periodic role check (which still saw a role) and the credential check.
    const removed = new Set([3])
    const relay = new Relay(
      { log, bus: new LocalBus(), access: { roleOf: async (_doc: string, userId: number) => (removed.has(userId) ? undefined : ('editor' as const)), stillValid: async () => false } },
      makeUpdatePolicy(),
      new Metrics(),
      { ...DEFAULT_RELAY_OPTIONS, schedule: () => {} },
    )
    const [loggedOut, gone] = [new MemorySocket(), new MemorySocket()]
    relay.connect(loggedOut, 'a', { ...identity(2), credential: { kind: 'session', sessionId: 's2' } }, 'editor')
    relay.connect(gone, 'a', { ...identity(3), credential: { kind: 'session', sessionId: 's3' } }, 'editor')
    await relay.closeUnauthenticated()
    expect([loggedOut.closeCode, gone.closeCode]).toEqual([CLOSE.unauthenticated, CLOSE.forbidden])
    await relay.shutdown()
  })
})
