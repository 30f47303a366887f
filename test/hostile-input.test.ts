/**
 * Hostile and broken input over real sockets: each case closes the
 * offending connection with a named code, while a bystander pair of stock
 * clients keeps syncing and the stored document stays as it was.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CLOSE } from '@shared/protocol/close-code'
import { encodeAwareness, encodeQueryAwareness, encodeUpdate } from '@shared/protocol/message'
import { testStore } from '../support/postgres'
import { startTestServer, synced, until, DOC_ID, type TestServer } from '../support/test-server'
import { textAt } from '../support/document-place'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

interface RawClient {
  ws: WebSocket
  opened: Promise<void>
  closed: Promise<number>
}

function rawClient(url: string): RawClient {
  const ws = new WebSocket(url)
  return {
    ws,
    opened: new Promise((resolve) => ws.once('message', () => resolve())),
    closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))),
  }
}

const goalText = (ydoc: Y.Doc) => textAt(ydoc, { goal: 0 })

/** Two stock clients that must keep working whatever a third one does. */
async function bystanders() {
  const [a, b] = [await t.client('a', 'editor'), await t.client('b', 'editor')]
  await Promise.all([synced(a), synced(b)])
  let n = 0
  return {
    async stillSyncing() {
      const text = goalText(a.doc)
      text.insert(0, `${++n}`)
      await until(() => goalText(b.doc).toString().startsWith(`${n}`), 'bystanders syncing')
    },
  }
}

async function hostile(frame: Uint8Array | string): Promise<number> {
  const token = await t.grant('mallory', 'editor')
  const client = rawClient(`${t.wsBase}/${DOC_ID}?token=${token}`)
  await client.opened
  client.ws.send(frame)
  return client.closed
}

const bytes = (...values: number[]) => new Uint8Array(values)

describe('hostile input', () => {
  it('malformed frames close only the sender with 4400', async () => {
    t = await startTestServer()
    const others = await bystanders()
    const before = JSON.stringify((await t.server.data.service.model(DOC_ID)))
    const badAwareness = encoding.createEncoder()
    encoding.writeVarUint(badAwareness, 1)
    encoding.writeVarUint8Array(badAwareness, bytes(1, 5, 1, 3, 0x7b, 0x7b, 0x7b)) // one entry whose state is "{{{"
    const cases: [string, Uint8Array | string][] = [
      ['truncated varint', bytes(0xff, 0xff)],
      ['unknown message type', bytes(9)],
      ['unknown sync step', bytes(0, 7)],
      ['byte array longer than the frame', bytes(0, 2, 50, 1, 2)],
      ['update Yjs cannot read', encodeUpdate(bytes(5, 1, 2, 3, 4, 5, 6, 7, 8))],
      ['trailing bytes', bytes(3, 0)],
      ['awareness that is not JSON', encoding.toUint8Array(badAwareness)],
      ['awareness state that is not an object', encodeAwareness(awarenessOf(7, '[1,2]'))],
      ['text frame', 'hello'],
      ['empty frame', bytes()],
    ]
    for (const [what, frame] of cases) {
      expect(await hostile(frame), what).toBe(CLOSE.malformedMessage)
      await others.stillSyncing()
    }
    const after = (await t.server.data.service.model(DOC_ID))
    expect(after.projects).toEqual(JSON.parse(before).projects)
    expect(t.server.metrics.rejected.get('malformed')).toBe(cases.length)
  })

  it('frames over the size limit close the sender with 1009', async () => {
    t = await startTestServer({ maxFrameBytes: 4096 })
    const others = await bystanders()
    expect(await hostile(new Uint8Array(10_000))).toBe(1009)
    await others.stillSyncing()
  })

  it('a flood of messages closes the sender with 4429', async () => {
    t = await startTestServer({ relay: { rate: { perSecond: 10, burst: 50 } } })
    const others = await bystanders()
    const token = await t.grant('flooder', 'editor')
    const client = rawClient(`${t.wsBase}/${DOC_ID}?token=${token}`)
    await client.opened
    for (let i = 0; i < 500; i++) client.ws.send(encodeQueryAwareness())
    expect(await client.closed).toBe(CLOSE.rateLimited)
    await others.stillSyncing()
  })

  it('too many connections from one user: the extra ones are closed with 4429', async () => {
    t = await startTestServer({ relay: { maxConnectionsPerUser: 3 } })
    const token = await t.grant('greedy', 'editor')
    const clients = Array.from({ length: 3 }, () => rawClient(`${t.wsBase}/${DOC_ID}?token=${token}`))
    await Promise.all(clients.map((c) => c.opened))
    expect(await rawClient(`${t.wsBase}/${DOC_ID}?token=${token}`).closed).toBe(CLOSE.rateLimited)
    expect(clients.every((c) => c.ws.readyState === WebSocket.OPEN)).toBe(true)
    clients.forEach((c) => c.ws.close())
  })

  it.skipIf(testStore() !== 'sqlite')('a full disk: the update is refused with 4500, not relayed, and lands after a retry', async () => {
    t = await startTestServer()
    const [a, b] = [await t.client('a', 'editor'), await t.client('b', 'editor')]
    await Promise.all([synced(a), synced(b)])
    const db = t.server.data.sqlite!
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const closes: number[] = []
    a.on('connection-close', (event) => event && closes.push(event.code))
    const big = 'x'.repeat(64 * 1024) // more than the free pages can hold
    goalText(a.doc).insert(0, big)
    await until(() => closes.includes(CLOSE.storageFailure), 'storage failure close')
    expect(goalText(b.doc).toString()).not.toContain(big)
    expect((await t.server.data.service.model(DOC_ID)).overall.goals[0]).not.toContain(big)
    db.pragma('max_page_count = 1073741823')
    await until(() => goalText(b.doc).toString().startsWith(big), 'update after retry', 15_000)
    expect((await t.server.data.service.model(DOC_ID)).overall.goals[0]!.startsWith(big)).toBe(true)
  })
})

/** An awareness update with one entry whose state is `json`. */
function awarenessOf(clientID: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientID)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}
