/** The NotificationStore contract, run against every adapter: memory, SQLite and PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import type { NewNotice } from './notification-store'

const notice = (at: number, text: string, kind: NewNotice['kind'] = 'workflow', docId = 'd1'): NewNotice => ({ at, kind, docId, text })

describe.each(STORAGE_ADAPTERS)('NotificationStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  const open = async () => {
    opened = await adapter.open()
    const { accounts } = opened.storage
    return { notifications: opened.storage.notifications, wang: await accounts.addUser('wang', '王芳', 'hash'), zhao: await accounts.addUser('zhao', '赵敏', 'hash') }
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('gives each user the notice once, unread, and lists a user’s own newest first, at most `limit`', async () => {
    const { notifications, wang, zhao } = await open()
    await notifications.notify([wang.id, zhao.id, wang.id], notice(1_000, '政法委 已报送'))
    await notifications.notify([wang.id], notice(3_000, '赵敏 回复了你', 'reply', 'd2'))
    await notifications.notify([wang.id], notice(2_000, '赵敏 提到了你', 'mention'))
    await notifications.notify([], notice(4_000, '无人'))

    const listed = await notifications.list(wang.id)
    expect(listed.map(({ id: _id, ...rest }) => rest)).toEqual([
      { userId: wang.id, at: 3_000, kind: 'reply', docId: 'd2', text: '赵敏 回复了你', read: false },
      { userId: wang.id, at: 2_000, kind: 'mention', docId: 'd1', text: '赵敏 提到了你', read: false },
      { userId: wang.id, at: 1_000, kind: 'workflow', docId: 'd1', text: '政法委 已报送', read: false },
    ])
    expect(listed.every((n) => Number.isInteger(n.id) && n.id > 0)).toBe(true)
    expect(new Set(listed.map((n) => n.id)).size).toBe(3)
    expect((await notifications.list(zhao.id)).map((n) => n.text)).toEqual(['政法委 已报送'])
    expect((await notifications.list(wang.id, 2)).map((n) => n.at)).toEqual([3_000, 2_000])
    expect(await notifications.unreadCount(wang.id)).toBe(3)
    expect(await notifications.unreadCount(zhao.id)).toBe(1)
  })

  it('lists notices of the same moment newest first', async () => {
    const { notifications, wang } = await open()
    await notifications.notify([wang.id], notice(1_000, '先'))
    await notifications.notify([wang.id], notice(1_000, '后'))
    expect((await notifications.list(wang.id)).map((n) => n.text)).toEqual(['后', '先'])
  })

  it('marks the given notices read, or all of them, only for their own user', async () => {
    const { notifications, wang, zhao } = await open()
    for (const at of [1, 2, 3]) await notifications.notify([wang.id, zhao.id], notice(at, `第${at}条`))
    const [third, second] = await notifications.list(wang.id)
    const zhaos = await notifications.list(zhao.id)

    await notifications.markRead(wang.id, [third!.id, zhaos[1]!.id])
    expect((await notifications.list(wang.id)).map((n) => n.read)).toEqual([true, false, false])
    expect(await notifications.unreadCount(wang.id)).toBe(2)
    expect(await notifications.unreadCount(zhao.id)).toBe(3)

    await notifications.markRead(wang.id, [second!.id, second!.id])
    expect(await notifications.unreadCount(wang.id)).toBe(1)
    await notifications.markRead(wang.id)
    expect(await notifications.unreadCount(wang.id)).toBe(0)
    expect((await notifications.list(wang.id)).every((n) => n.read)).toBe(true)
    expect(await notifications.unreadCount(zhao.id)).toBe(3)
    await notifications.markRead(zhao.id, [])
    expect(await notifications.unreadCount(zhao.id)).toBe(3)
  })

  it('expires every notice from before a moment, for everyone, and says how many', async () => {
    const { notifications, wang, zhao } = await open()
    await notifications.notify([wang.id, zhao.id], notice(1_000, '旧'))
    await notifications.notify([wang.id], notice(2_000, '界'))
    await notifications.notify([zhao.id], notice(3_000, '新'))
    expect(await notifications.expire(2_000)).toBe(2)
    expect((await notifications.list(wang.id)).map((n) => n.text)).toEqual(['界'])
    expect((await notifications.list(zhao.id)).map((n) => n.text)).toEqual(['新'])
    expect(await notifications.expire(2_000)).toBe(0)
  })
})
