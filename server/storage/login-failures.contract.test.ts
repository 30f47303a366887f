/** The LoginFailureStore contract, run against every adapter: memory, SQLite and PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'

describe.each(STORAGE_ADAPTERS)('LoginFailureStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('keeps each key’s failure times, oldest first; forgets old ones as it records, and a key on request', async () => {
    opened = await adapter.open()
    const failures = opened.storage.loginFailures
    await failures.record(['account:wang', 'address:10.0.0.1'], 2_000, 0)
    await failures.record(['account:wang', 'address:10.0.0.2'], 1_000, 0)
    await failures.record(['account:li', 'address:10.0.0.1'], 3_000, 0)
    expect(await failures.since(['account:wang', 'address:10.0.0.1', 'account:nobody'], 0)).toEqual(
      new Map([['account:wang', [1_000, 2_000]], ['address:10.0.0.1', [2_000, 3_000]]]),
    )
    expect(await failures.since(['account:wang'], 1_500)).toEqual(new Map([['account:wang', [2_000]]]))
    expect(await failures.since([], 0)).toEqual(new Map())
    await failures.clear('account:wang')
    expect(await failures.since(['account:wang', 'account:li'], 0)).toEqual(new Map([['account:li', [3_000]]]))
    // Recording forgets what is older than it is told, for every key.
    await failures.record(['account:zhao'], 10_000, 2_500)
    expect(await failures.since(['address:10.0.0.1', 'address:10.0.0.2', 'account:zhao'], 0)).toEqual(
      new Map([['address:10.0.0.1', [3_000]], ['account:zhao', [10_000]]]),
    )
  })
})
