/**
 * Two staff, one of them offline: one deletes an indicator row, the other
 * writes in it. Yjs merges that without a conflict and the words go with
 * the row; the server says so — in the activity log and to both people's
 * bells, with the words — instead of nobody ever knowing. Real server,
 * stock y-websocket clients.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { at, textAt, writeAt } from '../support/document-place'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const row = { project: 4, indicator: 0 } as const
const deleteRow = (provider: WebsocketProvider) => (at(provider.doc, row).parent as Y.XmlElement).delete(0, 1)

async function bell(login: string): Promise<string[]> {
  const user = (await t.server.data.accounts.userByName(login))!
  return (await t.server.data.notifications.list(user.id)).map((n) => n.text)
}

async function lostEntries() {
  return (await t.server.data.service.activity(DOC_ID)).filter((a) => a.kind === 'lost')
}

describe('text that goes with a deleted row', () => {
  it('a row deleted offline took a colleague’s words: both hear it, with the words and the place', async () => {
    t = await startTestServer()
    const [zhang, li] = [await t.client('zhangwei', 'editor'), await t.client('lina', 'editor')]
    await Promise.all([synced(zhang), synced(li)])
    const project = textAt(zhang.doc, { project: 4, field: 'name' }).toString()
    li.disconnect()
    deleteRow(li)
    writeAt(zhang.doc, { ...row, field: 'value' }, '≥10次')
    await until(async () => textAt(await t.server.data.service.load(DOC_ID), { ...row, field: 'value' }).toString() === '≥10次', 'the edit stored')
    li.connect()
    await until(async () => (await lostEntries()).length > 0, 'the loss recorded')

    expect(await lostEntries()).toEqual([
      expect.objectContaining({ by: 'lina', cause: 'unseen', texts: [{ author: 'zhangwei', text: '≥10次', field: '指标值', project }] }),
    ])
    await until(async () => (await bell('zhangwei')).length > 0 && (await bell('lina')).length > 0, 'the notices')
    expect(await bell('zhangwei')).toEqual([expect.stringMatching(/lina在“测试文档”中删除的内容里有你写的「≥10次」（项目“.+”的指标值），删除时对方未看到这处修改/)])
    expect(await bell('lina')).toEqual([expect.stringMatching(/删除的内容里有你删除时未看到的修改，已随之删除：zhangwei写的「≥10次」/)])
    zhang.destroy()
    li.destroy()
  })

  it('words written offline into a row a colleague deleted meanwhile: writer and deleter hear it; a deletion one saw says nothing', async () => {
    t = await startTestServer()
    const [zhang, li] = [await t.client('zhangwei', 'editor'), await t.client('lina', 'editor')]
    await Promise.all([synced(zhang), synced(li)])
    zhang.disconnect()
    writeAt(zhang.doc, { ...row, field: 'basis' }, '《铁路护路联防工作方案》')
    // 李娜 saw the row as it was, and deletes it and the row after it on purpose.
    deleteRow(li)
    await until(async () => (await t.server.data.service.activity(DOC_ID)).some((a) => a.kind === 'edits' && a.by === 'lina'), 'the deletion stored')
    expect(await lostEntries()).toEqual([])
    zhang.connect()
    await until(async () => (await lostEntries()).length > 0, 'the loss recorded')

    expect(await lostEntries()).toEqual([
      expect.objectContaining({ by: 'zhangwei', cause: 'into-deleted', texts: [{ author: 'zhangwei', text: '《铁路护路联防工作方案》', field: '', project: '', deletedBy: 'lina' }] }),
    ])
    await until(async () => (await bell('zhangwei')).length > 0 && (await bell('lina')).length > 0, 'the notices')
    expect(await bell('zhangwei')).toEqual(['你在“测试文档”中写的「《铁路护路联防工作方案》」落在lina删除的内容中，未能保留：请核对后重新填写'])
    expect(await bell('lina')).toEqual(['zhangwei在“测试文档”中写的「《铁路护路联防工作方案》」在你删除所在内容之后才送达，已随之删除：请与对方核对'])
    zhang.destroy()
    li.destroy()
  })
})
