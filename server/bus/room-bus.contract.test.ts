/**
 * The RoomBus contract, run against both adapters: two instances' buses,
 * in process on one hub, and on the machine's Redis. Messages reach the
 * other instance whole and never the sender; unsubscribing stops them;
 * and the Redis bus comes back after its connection is cut, saying so.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TEST_REDIS_URL } from '../../support/postgres'
import { setLogSink } from '../log'
import { LocalBus, LocalBusHub } from './local-bus'
import { RedisBus } from './redis-bus'
import type { DeploymentMessage, DocumentMessage, RoomBus } from './room-bus'

const ADAPTERS: { name: string; pair(): Promise<[RoomBus, RoomBus]> }[] = [
  {
    name: 'local',
    pair: async () => {
      const hub = new LocalBusHub()
      return [new LocalBus(hub), new LocalBus(hub)]
    },
  },
  {
    name: 'redis',
    pair: async () => {
      const prefix = `jixiao-test-${randomBytes(4).toString('hex')}:`
      return [await RedisBus.connect({ url: TEST_REDIS_URL, prefix }), await RedisBus.connect({ url: TEST_REDIS_URL, prefix })]
    },
  },
]

describe.each(ADAPTERS)('RoomBus contract: $name', (adapter) => {
  let buses: RoomBus[] = []
  afterEach(async () => {
    await Promise.all(buses.map((b) => b.close()))
    buses = []
  })

  it('delivers a document’s messages whole to the other instances, never to the sender', async () => {
    const [a, b] = (buses = await adapter.pair())
    const heardByA: DocumentMessage[] = []
    const heardByB: DocumentMessage[] = []
    const heardOnOther: DocumentMessage[] = []
    await a.subscribe('doc', (m) => heardByA.push(m))
    await b.subscribe('doc', (m) => heardByB.push(m))
    await b.subscribe('other', (m) => heardOnOther.push(m))
    const update = new Uint8Array(randomBytes(70_000))
    await a.publish('doc', { kind: 'update', updates: [update] })
    await a.publish('doc', { kind: 'awareness', update: new Uint8Array([1, 2, 3]) })
    await a.publish('doc', { kind: 'roles' })
    await a.publish('doc', { kind: 'deleted' })
    await a.publish('doc', { kind: 'here', missed: true })
    await a.publish('doc', { kind: 'here', missed: false })
    await a.publish('doc', { kind: 'update', updates: [new Uint8Array([5, 6]), update, new Uint8Array([7])] })
    const clients = [{ client: 2 ** 32 - 1, by: '李娜' }]
    await a.publish('doc', { kind: 'update', updates: [], clients })
    await a.publish('doc', { kind: 'update', updates: [new Uint8Array([4])], clients, epoch: 3 })
    await vi.waitFor(() => expect(heardByB).toHaveLength(9))
    expect(heardByB.at(-1)).toEqual({ kind: 'update', updates: [new Uint8Array([4])], clients, epoch: 3 })
    heardByB.pop()
    expect(heardByB).toEqual([
      { kind: 'update', updates: [update] },
      { kind: 'awareness', update: new Uint8Array([1, 2, 3]) },
      { kind: 'roles' },
      { kind: 'deleted' },
      { kind: 'here', missed: true },
      { kind: 'here', missed: false },
      { kind: 'update', updates: [new Uint8Array([5, 6]), update, new Uint8Array([7])] },
      { kind: 'update', updates: [], clients },
    ])
    expect(heardByA).toEqual([])
    expect(heardOnOther).toEqual([])
  })

  it('says how many other instances listen on the document: never the sender itself, nobody once they unsubscribe', async () => {
    const [a, b] = (buses = await adapter.pair())
    await a.subscribe('doc', () => {})
    expect(await a.publish('doc', { kind: 'roles' })).toBe(0)
    const stopFirst = await b.subscribe('doc', () => {})
    // Two rooms of one document on an instance (one closing, one loading) count as one instance.
    const stopSecond = await b.subscribe('doc', () => {})
    expect(await a.publish('doc', { kind: 'roles' })).toBe(1)
    expect(await b.publish('doc', { kind: 'roles' })).toBe(1)
    expect(await a.publish('other', { kind: 'roles' })).toBe(0)
    await stopFirst()
    expect(await a.publish('doc', { kind: 'roles' })).toBe(1)
    await stopSecond()
    expect(await a.publish('doc', { kind: 'roles' })).toBe(0)
  })

  it('stops delivering after unsubscribe; other listeners keep theirs', async () => {
    const [a, b] = (buses = await adapter.pair())
    const first: DocumentMessage[] = []
    const second: DocumentMessage[] = []
    const stop = await b.subscribe('doc', (m) => first.push(m))
    await b.subscribe('doc', (m) => second.push(m))
    await stop()
    await a.publish('doc', { kind: 'roles' })
    await vi.waitFor(() => expect(second).toHaveLength(1))
    expect(first).toEqual([])
  })

  it('carries deployment messages to every other instance, naming the sender', async () => {
    const [a, b] = (buses = await adapter.pair())
    const heard: [DeploymentMessage, string][] = []
    const own: DeploymentMessage[] = []
    b.onDeployment((m, from) => heard.push([m, from]))
    a.onDeployment((m) => own.push(m))
    await new Promise((r) => setTimeout(r, 100)) // the Redis subscription is made in the background
    await a.publishDeployment({ kind: 'credentials' })
    await a.publishDeployment({ kind: 'alive' })
    await a.publishDeployment({ kind: 'notified', userIds: [3, 300_000] })
    await a.publishDeployment({ kind: 'deadlines' })
    await vi.waitFor(() => expect(heard.map(([m]) => m)).toEqual([{ kind: 'credentials' }, { kind: 'alive' }, { kind: 'notified', userIds: [3, 300_000] }, { kind: 'deadlines' }]))
    // One sender, named the same in both messages.
    expect(new Set(heard.map(([, from]) => from)).size).toBe(1)
    expect(heard[0]![1]).toMatch(/.+/)
    expect(own).toEqual([])
  })
})

describe('Redis bus after a broken connection', () => {
  it('resubscribes, says messages may have been missed, and delivers again', async () => {
    setLogSink(() => {})
    const prefix = `jixiao-test-${randomBytes(4).toString('hex')}:`
    const [a, b] = [await RedisBus.connect({ url: TEST_REDIS_URL, prefix }), await RedisBus.connect({ url: TEST_REDIS_URL, prefix })]
    const admin = new Redis(TEST_REDIS_URL)
    try {
      const heard: DocumentMessage[] = []
      let reconnects = 0
      b.onReconnect(() => reconnects++)
      await b.subscribe('doc', (m) => heard.push(m))
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
      await vi.waitFor(() => expect(reconnects).toBe(1), { timeout: 10_000 })
      await a.publish('doc', { kind: 'roles' })
      await vi.waitFor(() => expect(heard).toEqual([{ kind: 'roles' }]))
    } finally {
      admin.disconnect()
      await Promise.all([a.close(), b.close()])
    }
  })
})
