import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { CLOSE } from '@shared/protocol/close-code'
import { encodeQueryAwareness, encodeUpdate } from '@shared/protocol/message'
import { sampleText } from '../../test/support/sample'
import { MemorySocket } from '../../test/support/memory-socket'
import { openDataDir, type DataDir } from '../data-dir'
import { setLogSink } from '../log'
import { Metrics } from '../metrics'
import { DEFAULT_RELAY_OPTIONS, Relay, type RelayOptions } from './relay'
import { makeUpdatePolicy } from './update-policy'

let data: DataDir
const identity = (n: number) => ({ userId: n, userName: `u${n}`, displayName: `u${n}` })

beforeEach(() => {
  setLogSink(() => {})
  data = openDataDir(mkdtempSync(join(tmpdir(), 'jixiao-relay-')))
  for (const id of ['a', 'b', 'c']) data.service.create(parsePublishedText(sampleText()), { id, title: id, ownerId: null })
})
afterEach(() => {
  vi.useRealTimers()
  data.close()
})

/** A relay whose batches are stored when the test calls `flush()`. */
const relayWith = (options: Partial<RelayOptions> = {}) =>
  new Relay(data.documents, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: () => {}, ...options })

/** An update that types one character into the document's first goal item. */
function typingUpdate(docId: string): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, data.documents.encodeState(docId))
  const before = Y.encodeStateVector(doc)
  const goals = ((doc.getXmlFragment('content').get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement
  ;(goals.get(0) as Y.XmlText).insert(0, '字')
  return Y.encodeStateAsUpdate(doc, before)
}

describe('relay core', () => {
  it('starts every connection with the server state vector', () => {
    const socket = new MemorySocket()
    relayWith().connect(socket, 'a', identity(1), 'editor')
    expect(socket.outbox[0]!.slice(0, 2)).toEqual(new Uint8Array([0, 0]))
  })

  it('disconnects a reader whose send queue grows past the limit (4508)', () => {
    const relay = relayWith({ maxBufferedBytes: 1000 })
    const slow = new MemorySocket()
    const writer = new MemorySocket()
    relay.connect(slow, 'a', identity(1), 'editor')
    const session = relay.connect(writer, 'a', identity(2), 'editor')!
    slow.bufferedAmount = 5000 // nothing read for a while
    relay.receive(session, encodeUpdate(typingUpdate('a')))
    relay.flush()
    expect(slow.closeCode).toBe(CLOSE.slowReader)
    expect(writer.closeCode).toBeNull()
  })

  it('unloads a document after its last connection has been idle, and keeps it while anyone is there', () => {
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

  it('bounds the loaded documents: evicts an idle one, or refuses with "going away" when all are busy', () => {
    const relay = relayWith({ maxLoadedDocuments: 2 })
    const sa = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    relay.connect(new MemorySocket(), 'b', identity(2), 'editor')
    const refused = new MemorySocket()
    expect(relay.connect(refused, 'c', identity(3), 'editor')).toBeNull()
    expect(refused.closeCode).toBe(CLOSE.goingAway)
    relay.disconnect(sa)
    expect(relay.connect(new MemorySocket(), 'c', identity(3), 'editor')).not.toBeNull()
    expect(relay.loadedDocuments).toBe(2)
  })

  it('compacts the update log into a snapshot when it grows, losing nothing', () => {
    const relay = relayWith({ compaction: { updates: 3, bytes: 1 << 20 } })
    const session = relay.connect(new MemorySocket(), 'a', identity(1), 'editor')!
    for (let i = 0; i < 7; i++) {
      relay.receive(session, encodeUpdate(typingUpdate('a')))
      relay.flush()
    }
    const stored = data.documents.load('a')
    expect(stored.tailCount).toBeLessThan(3)
    expect(data.service.model('a').overall.goals[0]!.startsWith('字'.repeat(7))).toBe(true)
  })

  it('shuts down with "going away" for everyone and the documents saved', () => {
    const relay = relayWith()
    const sockets = [new MemorySocket(), new MemorySocket()]
    const session = relay.connect(sockets[0]!, 'a', identity(1), 'editor')!
    relay.connect(sockets[1]!, 'b', identity(2), 'viewer')
    relay.receive(session, encodeUpdate(typingUpdate('a')))
    relay.shutdown()
    expect(sockets.map((s) => s.closeCode)).toEqual([CLOSE.goingAway, CLOSE.goingAway])
    expect(relay.loadedDocuments).toBe(0)
    expect(data.documents.load('a').tailCount).toBe(0)
    expect(relay.connect(new MemorySocket(), 'a', identity(1), 'editor')).toBeNull()
  })

  it('sends nothing of a batch before it is stored, then everything in order', () => {
    const relay = relayWith()
    const reader = new MemorySocket()
    relay.connect(reader, 'a', identity(1), 'editor')
    const session = relay.connect(new MemorySocket(), 'a', identity(2), 'editor')!
    const sent = reader.outbox.length
    relay.receive(session, encodeUpdate(typingUpdate('a')))
    expect(reader.outbox.length).toBe(sent)
    expect(data.documents.load('a').tailCount).toBe(1) // only the initial update so far
    relay.flush()
    expect(data.documents.load('a').tailCount).toBe(2)
    expect(reader.outbox.length).toBe(sent + 1)
  })

  it('a failed commit resets the document: everyone closes with 4500, nothing of the batch is sent or kept', () => {
    const relay = relayWith()
    const reader = new MemorySocket()
    relay.connect(reader, 'a', identity(1), 'editor')
    const writer = new MemorySocket()
    const session = relay.connect(writer, 'a', identity(2), 'editor')!
    const sent = reader.outbox.length
    relay.receive(session, encodeUpdate(typingUpdate('a')))
    data.db.pragma('query_only = 1') // the next write fails
    relay.flush()
    data.db.pragma('query_only = 0')
    expect([reader.closeCode, writer.closeCode]).toEqual([CLOSE.storageFailure, CLOSE.storageFailure])
    expect(reader.outbox.length).toBe(sent)
    expect(relay.loadedDocuments).toBe(0)
    expect(data.service.model('a').overall.goals[0]!.startsWith('字')).toBe(false)
  })

  it('a role downgrade applies to open connections at once', () => {
    const relay = relayWith()
    const socket = new MemorySocket()
    const session = relay.connect(socket, 'a', identity(1), 'editor')!
    relay.setRole('a', 1, 'viewer')
    relay.receive(session, encodeUpdate(typingUpdate('a')))
    expect(data.service.model('a').overall.goals[0]!.startsWith('字')).toBe(false)
    expect(socket.outbox.at(-1)![0]).toBe(2) // auth: permission denied
    relay.receive(session, encodeQueryAwareness())
    expect(socket.closeCode).toBeNull()
  })
})
