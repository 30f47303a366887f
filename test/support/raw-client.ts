/**
 * A raw WebSocket client of a test server, as a crafted client would be:
 * it sends hand-built updates and records what the server answered —
 * refusals (auth, permission denied) and requests for its full state
 * (sync step 1; the first is the server's greeting). `roundTrip()` asks
 * for the server's state and waits for the answer: the server handles a
 * connection's frames in order, so everything sent before has been handled.
 */
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { encodeSyncStep1, encodeUpdate } from '@shared/protocol/message'
import { MESSAGE, SYNC } from '@shared/protocol/message-type'
import { DOC_ID, until, type TestServer } from '../../support/test-server'

export interface RawClient {
  ws: WebSocket
  send(update: Uint8Array): void
  refusals: string[]
  stateRequests: number
  /** Sync step 2 answers received. */
  stateAnswers: number
  /** Resolves once the server has answered a request sent after everything sent so far. */
  roundTrip(): Promise<void>
  /** The close code once closed. */
  closed: Promise<number>
  close(): void
}

export async function rawClient(t: TestServer, user: string, role: 'editor' | 'reviewer' | 'viewer', doc = DOC_ID): Promise<RawClient> {
  const token = await t.grant(user, role, doc)
  const ws = new WebSocket(`${t.wsBase}/${doc}?token=${token}`)
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const client: RawClient = {
    ws,
    refusals: [],
    stateRequests: -1,
    stateAnswers: 0,
    closed,
    send: (u) => ws.send(encodeUpdate(u)),
    roundTrip: async () => {
      const answered = client.stateAnswers + 1
      ws.send(encodeSyncStep1(new Uint8Array([0])))
      await until(() => client.stateAnswers >= answered, 'the server’s answer')
    },
    close: () => ws.close(),
  }
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE.auth) {
      decoding.readVarUint(decoder)
      client.refusals.push(decoding.readVarString(decoder))
    } else if (type === MESSAGE.sync) {
      const step = decoding.readVarUint(decoder)
      if (step === SYNC.step1) client.stateRequests++
      else if (step === SYNC.step2) client.stateAnswers++
    }
  })
  await until(() => client.stateRequests === 0, 'server step 1')
  return client
}
