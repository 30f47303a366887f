import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { MESSAGE } from '@shared/protocol/message-type'
import { encodeAwareness } from '@shared/protocol/message'
import { sampleText } from '../../support/sample'
import { MemorySocket } from '../../support/memory-socket'
import { LocalBus } from '../bus/local-bus'
import { DocumentService } from '../document-service'
import { setLogSink } from '../log'
import { Metrics } from '../metrics'
import { MemoryDocumentLog } from '../storage/memory/memory-document-log'
import { DEFAULT_RELAY_OPTIONS, Relay } from './relay'
import { ECHO_OWN_EVERY_MS } from './room-awareness'
import { makeUpdatePolicy } from './update-policy'

const identity = (n: number) => ({ userId: n, userName: `u${n}`, displayName: `u${n}` })
const access = { roleOf: async () => 'editor' as const, stillValid: async () => true }

let log: MemoryDocumentLog
beforeEach(async () => {
  setLogSink(() => {})
  log = new MemoryDocumentLog()
  await new DocumentService(log).create(parsePublishedText(sampleText()), { id: 'a', title: 'a', ownerId: null })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Awareness frames in an outbox from `from` on. */
const awarenessFrames = (socket: MemorySocket, from: number) => socket.outbox.slice(from).filter((frame) => frame[0] === MESSAGE.awareness)

describe('room awareness', () => {
  it("does not send a connection's cursor moves back to it, but lets it hear its own state every so often (the stock client's 30-second watchdog)", async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const relay = new Relay({ log, bus: new LocalBus(), access }, makeUpdatePolicy(), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: () => {} })
    const typist = new MemorySocket()
    const colleague = new MemorySocket()
    const session = relay.connect(typist, 'a', identity(1), 'editor')!
    relay.connect(colleague, 'a', identity(2), 'editor')
    await relay.settled()
    const client = new awarenessProtocol.Awareness(new Y.Doc())
    const moveCursor = async (at: number) => {
      client.setLocalStateField('cursor', { at })
      relay.receive(session, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID])))
      await relay.flush()
    }
    const typistHeard = typist.outbox.length
    const colleagueHeard = colleague.outbox.length
    for (let at = 0; at < 20; at++) await moveCursor(at)
    // The first is heard back (nothing had been for longer than the interval), none of the next 19.
    expect(awarenessFrames(typist, typistHeard)).toHaveLength(1)
    expect(awarenessFrames(colleague, colleagueHeard)).toHaveLength(20)
    vi.setSystemTime(Date.now() + ECHO_OWN_EVERY_MS)
    await moveCursor(20)
    expect(awarenessFrames(typist, typistHeard)).toHaveLength(2)
    client.destroy()
  })
})
