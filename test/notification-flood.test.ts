/**
 * A flood of comments naming one reviewer against a real server (issue 26
 * item 14): they hear of the first at once and of the rest as one merged
 * notice a minute later; old notices expire.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createThread } from '@shared/review/threads'
import { NOTICE_LIFETIME_MS } from '../server/notifications/notifier'
import { reviewedDepartment } from './support/reviewed-department'
import { DOC_ID, startTestServer, until, type TestServer } from '../support/test-server'
import { textAt } from '../support/document-place'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

describe('notification flood', () => {
  it('100 comments naming the reviewer within a minute make two notices; old notices expire', async () => {
    t = await startTestServer()
    const { notifications } = t.server.data
    const { wang } = await reviewedDepartment(t)

    const staff = await t.client('zhang', 'editor')
    await until(() => staff.synced, 'staff synced')
    const goal = textAt(staff.doc, { goal: 0 })
    for (let i = 0; i < 100; i++) {
      createThread(staff.doc, { id: `n${i}`, start: Y.createRelativePositionFromTypeIndex(goal, 0), end: Y.createRelativePositionFromTypeIndex(goal, 2), quote: '一是', author: 'zhang', text: `@王芳 第 ${i} 条`, now: Date.now(), commentId: `c${i}` })
    }
    await until(async () => (await t.server.data.service.activity(DOC_ID)).filter((a) => a.kind === 'comment').length >= 100, 'every comment recorded', 30_000)
    await t.server.relay.flush()

    const bell = async () => (await notifications.list(wang.id)).map((n) => n.text)
    await until(async () => (await bell()).length > 0, 'the first notice')
    expect(await bell()).toEqual([expect.stringContaining('张伟在“测试文档”的批注中提到了你')])

    // A minute on, the rest arrive as one.
    await t.server.notifier.settled()
    await t.server.notifier.sweep(Date.now() + 61_000)
    const merged = await bell()
    expect(merged).toHaveLength(2)
    expect(merged[0]).toBe('张伟在“测试文档”中又有 99 条批注与你有关')

    // Past their lifetime, notices expire.
    await t.server.notifier.sweep(Date.now() + 61_000 + NOTICE_LIFETIME_MS + 2 * 3_600_000)
    expect(await bell()).toEqual([])
  }, 60_000)
})
