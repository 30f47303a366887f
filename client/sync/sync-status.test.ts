import { describe, expect, it } from 'vitest'
import { reconnectDelay } from './doc-connection'
import { syncLabel, syncState, type SyncFacts } from './sync-status'

const facts = (change: Partial<SyncFacts>): SyncFacts => ({ local: true, connection: 'connected', serverSynced: true, pending: 0, browserOnline: true, denied: null, ...change })

describe('sync status', () => {
  it('tells the truth about where the work is', () => {
    expect(syncLabel(facts({}))).toBe('已同步到服务器')
    expect(syncLabel(facts({ serverSynced: false }))).toBe('正在同步')
    expect(syncLabel(facts({ connection: 'disconnected' }))).toBe('已保存在本机')
    // Changes are not counted for people (a count of keystrokes means nothing to them): there are some, or none.
    expect(syncLabel(facts({ connection: 'disconnected', pending: 3 }))).toBe('离线（有更改尚未同步，已保存在本机）')
    expect(syncLabel(facts({ connection: 'connecting', pending: 1 }))).toBe('离线（有更改尚未同步，已保存在本机）')
    // The browser knows it is offline before any edit, and before the socket's watchdog does.
    expect(syncLabel(facts({ connection: 'disconnected', browserOnline: false }))).toBe('离线')
    expect(syncLabel(facts({ denied: 'forbidden' }))).toBe('无权限：您没有权限访问此文档')
    expect(syncState(facts({ connection: 'connected', pending: 2 }))).toBe('syncing')
  })
})

describe('reconnect delay', () => {
  it('backs off exponentially with ±50% jitter, capped', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250)
    expect(reconnectDelay(0, () => 0.999)).toBeCloseTo(749.5)
    expect(reconnectDelay(3, () => 0.5)).toBe(4000)
    expect(reconnectDelay(20, () => 0.999)).toBeLessThanOrEqual(45_000)
    const spread = new Set(Array.from({ length: 50 }, () => Math.round(reconnectDelay(2))))
    expect(spread.size).toBeGreaterThan(40)
  })
})
