/**
 * A raw WebSocket client of a test server, as a crafted client would be:
 * it sends hand-built updates and records what the server answered —
 * refusals (auth, permission denied) and requests for its full state
 * (sync step 1; the first is the server's greeting).
 */
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { encodeUpdate } from '@shared/protocol/message'
import { MESSAGE, SYNC } from '@shared/protocol/message-type'
import { DOC_ID, until, type TestServer } from '../../support/test-server'

export interface RawClient {
  ws: WebSocket
  send(update: Uint8Array): void
  refusals: string[]
  stateRequests: number
  /** The close code once closed. */
  closed: Promise<number>
  close(): void
}

export async function rawClient(t: TestServer, user: string, role: 'editor' | 'reviewer' | 'viewer', doc = DOC_ID): Promise<RawClient> {
  const token = await t.grant(user, role, doc)
  const ws = new WebSocket(`${t.wsBase}/${doc}?token=${token}`)
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const client: RawClient = { ws, refusals: [], stateRequests: -1, closed, send: (u) => ws.send(encodeUpdate(u)), close: () => ws.close() }
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE.auth) {
      decoding.readVarUint(decoder)
      client.refusals.push(decoding.readVarString(decoder))
    } else if (type === MESSAGE.sync && decoding.readVarUint(decoder) === SYNC.step1) client.stateRequests++
  })
  await until(() => client.stateRequests === 0, 'server step 1')
  return client
}
