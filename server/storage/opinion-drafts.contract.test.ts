/** The OpinionDraftStore contract, run against every adapter: memory, SQLite and PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'

describe.each(STORAGE_ADAPTERS)('OpinionDraftStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('keeps one draft per document, reviewer and round; replaces it; removes it when emptied', async () => {
    opened = await adapter.open()
    const { opinions, accounts, documents } = opened.storage
    const [wang, zhao] = [await accounts.addUser('wang', '王芳', 'hash'), await accounts.addUser('zhao', '赵敏', 'hash')]
    for (const id of ['a', 'b']) await documents.create({ id, title: id, ownerId: null, createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const long = '审核意见'.repeat(400)
    await opinions.put('a', wang.id, 1, long, 1_000)
    await opinions.put('a', zhao.id, 1, '赵的', 1_001)
    await opinions.put('b', wang.id, 1, 'b 的', 1_002)
    expect(await opinions.get('a', wang.id, 1)).toEqual({ text: long, at: 1_000 })
    expect(await opinions.get('a', wang.id, 2)).toBeUndefined()
    await opinions.put('a', wang.id, 1, '改过的', 2_000)
    expect(await opinions.get('a', wang.id, 1)).toEqual({ text: '改过的', at: 2_000 })
    await opinions.put('a', wang.id, 1, '', 3_000)
    expect(await opinions.get('a', wang.id, 1)).toBeUndefined()
    expect(await opinions.get('a', zhao.id, 1)).toEqual({ text: '赵的', at: 1_001 })
    expect(await opinions.get('b', wang.id, 1)).toEqual({ text: 'b 的', at: 1_002 })
  })
})
