/**
 * The three Word downloads of one document (clean, with tracked changes,
 * with the 审核意见) each have a name of their own, so one does not
 * overwrite another in a downloads folder.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from '../../test/support/http-session'
import { DOC_ID, startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

describe('GET /api/docs/:id/export file names', () => {
  it('names the clean copy after the title and marks the copies with 修订 and with 审核意见', async () => {
    t = await startTestServer()
    await t.grant('zhang', 'editor')
    await t.grant('wang', 'reviewer')
    const [zhang, wang] = [await loginAt(t.server.url, 'zhang'), await loginAt(t.server.url, 'wang')]
    expect((await zhang.json(`/api/docs/${DOC_ID}`, 'PATCH', { title: '政法委2022' })).status).toBe(200)
    // The bureau returns it with a note: that note is the 审核意见 staff can export.
    for (const [who, action, note] of [[zhang, 'submit', ''], [wang, 'start-review', ''], [wang, 'return', '请细化项目 2 的成本指标。']] as const) {
      expect((await who.json(`/api/docs/${DOC_ID}/workflow`, 'POST', { action, note })).status).toBe(200)
    }
    const nameOf = async (query: string) => {
      const response = await fetch(`${t.server.url}/api/docs/${DOC_ID}/export?format=docx${query}`, { headers: { Cookie: zhang.cookie } })
      expect(response.status).toBe(200)
      const disposition = response.headers.get('content-disposition') ?? ''
      return decodeURIComponent(disposition.replace(/^attachment; filename\*=UTF-8''/, ''))
    }
    expect(await nameOf('')).toBe('政法委2022.docx')
    expect(await nameOf('&suggestions=tracked')).toBe('政法委2022（含修订）.docx')
    expect(await nameOf('&opinion=1')).toBe('政法委2022（含审核意见）.docx')
  })
})
