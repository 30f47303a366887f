/**
 * What an open document costs is given back when it unloads (issue 26
 * item 15): many documents opened by several people with the stock
 * client (sync and awareness), then everyone leaves. Afterwards the relay
 * holds no room, closing room, unload timer, connection list or rate
 * bucket, and no document channel on the bus — nothing keyed by a
 * document or a user is left behind.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CLOSE } from '@shared/protocol/close-code'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { LocalBusHub } from '../server/bus/local-bus'
import { sampleText } from '../support/sample'
import { startTestServer, synced, until, type TestServer } from '../support/test-server'
import { beforeTheStore } from './support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

// Under a user's connection limit (20): each person holds every document open at once.
const DOCUMENTS = 16
const PEOPLE = ['zhang', 'lina', 'wang', 'zhao']

describe('unloading gives back what an open document holds', () => {
  it('after many documents are opened and left, the relay and the bus hold nothing of them', async () => {
    const hub = new LocalBusHub()
    // A rate bucket refills in a second here: it is forgotten once full, so the test need not wait a minute.
    t = await startTestServer({ bus: { kind: 'local', hub }, relay: { idleUnloadMs: 50, userRate: { perSecond: 4000, burst: 4000 } } })
    const text = parsePublishedText(sampleText())
    const ids: string[] = []
    for (let i = 0; i < DOCUMENTS; i++) ids.push(await t.server.data.service.create(text, { title: `文档 ${i}`, ownerId: null }))
    const providers = []
    for (const id of ids) {
      for (const person of PEOPLE) {
        const provider = await t.client(person, 'editor', { doc: id })
        provider.awareness.setLocalStateField('user', { name: person })
        providers.push(provider)
      }
    }
    await Promise.all(providers.map((p) => synced(p)))
    const open = t.server.relay.retained()
    expect(open).toMatchObject({ rooms: DOCUMENTS, users: PEOPLE.length, userLimiters: PEOPLE.length })
    expect(hub.channelNames().filter((c) => c.startsWith('doc:'))).toHaveLength(DOCUMENTS)

    for (const provider of providers) provider.destroy()
    await until(() => t.server.relay.loadedDocuments === 0, 'every document unloaded')
    await until(() => t.server.relay.retained().userLimiters === 0, 'rate buckets forgotten once refilled')
    await until(() => t.server.relay.retained().closing === 0, 'every closing room finished storing')
    expect(t.server.relay.retained()).toEqual({ rooms: 0, closing: 0, unloadTimers: 0, users: 0, userLimiters: 0, trialReplicas: 0, stateAnswers: 0 })
    expect(hub.channelNames().filter((c) => c.startsWith('doc:'))).toEqual([])
  }, 120_000)

  beforeTheStore('a user’s rate bucket is not forgotten while it is spent: a reconnect does not refill it', async () => {
    t = await startTestServer({ relay: { idleUnloadMs: 50, userRate: { perSecond: 1, burst: 120 } } })
    // Two connections cost 100 of the 120: the bucket needs 100 s to refill, so it is kept after they close.
    const first = await t.client('zhang', 'editor')
    await synced(first)
    first.destroy()
    const second = await t.client('zhang', 'editor')
    await synced(second)
    second.destroy()
    await until(() => t.server.relay.loadedDocuments === 0, 'document unloaded')
    expect(t.server.relay.retained().userLimiters).toBe(1)
    // A third connection finds the bucket still spent and is refused, as before.
    const third = await t.client('zhang', 'editor')
    const closed = await new Promise<number>((resolve) => third.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)))
    third.destroy()
    expect(closed).toBe(CLOSE.rateLimited)
  }, 60_000)
})
