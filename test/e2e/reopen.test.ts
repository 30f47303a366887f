/**
 * Nothing a user writes is lost across the workflow, in the browser: staff
 * reopen the document after every step and keep working; edits made
 * offline while the document was 报送 come back as a local copy the user
 * can read and copy, with the server's reason.
 */
import { describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import * as Y from 'yjs'
import type { NodeJSON } from '@shared/model/node-json'
import { contentOf, readContent, threadsOf } from '@shared/model/y-document'
import { createThread } from '@shared/review/threads'
import { DOC_ID, synced as providerSynced } from '../../support/test-server'
import { arriveAs, browserAndServer, fieldText, openAs, retype, synced, typeAt } from './browser'
import { textAt } from '../../support/document-place'

const suite = browserAndServer({ offline: true })

/** The author of the insertion mark on the text node holding `text`, if any. */
function insertionAuthorOf(node: NodeJSON, text: string): string | undefined {
  if (node.text?.includes(text)) return (node.marks?.find((m) => m.type === 'insertion')?.attrs as { author?: string } | undefined)?.author
  for (const child of node.content ?? []) {
    const found = insertionAuthorOf(child, text)
    if (found) return found
  }
  return undefined
}

const step = async (context: BrowserContext, action: string, note?: string) => {
  const response = await context.request.post(`/api/docs/${DOC_ID}/workflow`, { data: { action, note } })
  expect(response.status(), `${action}: ${await response.text()}`).toBe(200)
}

describe('reopening after workflow steps', () => {
  it('after every step staff reopen the document without a refusal, and edit again once it is returned', async () => {
    const a = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const b = await openAs(suite.browser, suite.t, 'li', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const steps: [typeof a, string, string, string?][] = [
      [a, 'submit', '已报送'],
      [finance, 'start-review', '审核中'],
      [finance, 'return', '退回修改', '请补充项目 1 的产出指标'],
    ]
    for (const [who, action, status, note] of steps) {
      await step(who.context, action, note)
      await a.page.reload()
      await synced(a.page)
      await expect.poll(() => a.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe(status)
      // Connected and synced, with no refusal and nothing kept aside.
      await a.page.waitForTimeout(500)
      expect((await a.page.locator('[role=status]').allTextContents()).join('')).not.toContain('拒绝')
      expect(await a.page.getByTestId('local-drafts').count()).toBe(0)
    }
    expect(await a.page.getByTestId('return-note').textContent()).toContain('请补充项目 1 的产出指标')
    await typeAt(a.page, 'end', 'goalItem', 0, '（退回后补充）')
    await expect.poll(() => fieldText(b.page, 'goalItem', 0), { timeout: 15_000 }).toMatch(/（退回后补充）$/)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).overall.goals[0], { timeout: 10_000 }).toMatch(/（退回后补充）$/)
    expect([...a.errors, ...b.errors, ...finance.errors]).toEqual([])
    for (const c of [a, b, finance]) await c.context.close()
  }, 120_000)

  it('a reviewer and a viewer reopen after the review starts; the reviewer’s suggestion reaches staff', async () => {
    const staff = await openAs(suite.browser, suite.t, 'chen', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'lin', 'reviewer')
    const viewer = await openAs(suite.browser, suite.t, 'he', 'viewer')
    await step(staff.context, 'submit')
    await step(finance.context, 'start-review')
    for (const who of [finance, viewer]) {
      await who.page.reload()
      await synced(who.page)
      await expect.poll(() => who.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('审核中')
      expect((await who.page.locator('[role=status]').allTextContents()).join('')).not.toContain('拒绝')
    }
    await typeAt(finance.page, 'end', 'goalItem', 4, '（审核建议）')
    await expect.poll(() => staff.page.locator('[data-field="goalItem"]').nth(4).locator('span[data-insertion]').textContent(), { timeout: 15_000 }).toContain('（审核建议）')
    await expect.poll(() => fieldText(viewer.page, 'goalItem', 4), { timeout: 15_000 }).toContain('（审核建议）')
    // The viewer's Ctrl+H finds, and offers no 替换: a 全部替换 there was refused by the server and reloaded the page.
    await viewer.page.locator('.ProseMirror').click()
    await viewer.page.keyboard.press('Control+h')
    const bar = viewer.page.getByTestId('find-bar')
    await bar.getByLabel('查找内容').fill('审核建议')
    await expect.poll(() => bar.locator('.find-status').textContent()).toMatch(/第 1\/\d+ 处/)
    expect(await bar.getByRole('button', { name: '全部替换' }).count()).toBe(0)
    expect(suite.t.server.metrics.refused.size).toBe(0)
    expect([...staff.errors, ...finance.errors, ...viewer.errors]).toEqual([])
    await step(finance.context, 'return', '请处理审核建议')
    for (const c of [staff, finance, viewer]) await c.context.close()
  }, 90_000)

  it('offline edits to a document submitted meanwhile become a local copy shown with the reason, and nothing else is lost', async () => {
    const a = await openAs(suite.browser, suite.t, 'zhao', 'editor')
    const b = await openAs(suite.browser, suite.t, 'qian', 'editor')
    await a.context.setOffline(true)
    await expect.poll(() => a.page.textContent('[data-testid=sync-status]'), { timeout: 5_000 }).toMatch(/离线|已保存在本机/)
    await typeAt(a.page, 'end', 'goalItem', 2, '火车上写的一句话')
    // A figure, key by key, over the second project's 预算数.
    const project = await fieldText(a.page, 'projectName', 1)
    const figure = await fieldText(a.page, 'budgetTotal', 1)
    await retype(a.page, 'budgetTotal', 1, '1.75')
    // And an 指标值 typed over, key by key: what it replaced goes back with it.
    const target = await fieldText(a.page, 'indicatorValue', 0)
    await retype(a.page, 'indicatorValue', 0, '≥95%')
    await step(b.context, 'submit')
    await expect.poll(() => b.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')

    await a.context.setOffline(false)
    // The server refuses the offline edit (the document is 已报送): the copy is kept, the page starts again from the server.
    const drafts = a.page.getByTestId('local-drafts')
    await drafts.waitFor({ timeout: 30_000 })
    await expect.poll(() => drafts.textContent(), { timeout: 20_000 }).toContain('火车上写的一句话')
    expect(await drafts.textContent()).toContain('退回修改后才能直接编辑')
    // Said where the page now reads 已同步, in the bars that stay on screen: what happened, and where the copy is.
    expect(await a.page.locator('p.notice[role=status]').textContent()).toContain('你刚才的修改未被服务器接受（')
    // Each field's text once, whole, after where it was on the form: the figure can be put back by hand.
    await expect.poll(() => drafts.getByRole('listitem').allTextContents(), { timeout: 20_000 }).toEqual([
      '总体绩效目标（第3条）：火车上写的一句话',
      expect.stringMatching(new RegExp(`· 指标值：${target} → ≥95%$`)),
      `${project} · 预算数：${figure} → 1.75`,
    ])
    await synced(a.page)
    expect(await fieldText(a.page, 'goalItem', 2)).not.toContain('火车上写的一句话')
    expect((await suite.t.server.data.service.model(DOC_ID)).overall.goals[2]).not.toContain('火车上写的一句话')
    // While the document is 已报送 staff cannot put it back; once it is returned they can, as their suggestions.
    expect(await a.page.getByRole('button', { name: '作为修订建议恢复' }).count()).toBe(0)
    // Her steps are taken through the API here: she need not have the document open.
    const finance = await arriveAs(suite.browser, suite.t, 'wu', 'reviewer', '/#/')
    await step(finance.context, 'start-review')
    await step(finance.context, 'return', '请把火车上写的补回来')
    await a.page.getByRole('button', { name: '作为修订建议恢复' }).click()
    await expect.poll(() => fieldText(b.page, 'goalItem', 2), { timeout: 15_000 }).toContain('火车上写的一句话')
    // What the press did is said; the page no longer tells her to fetch a copy that is back.
    await expect.poll(() => drafts.getByRole('status').textContent()).toContain('已按原位置恢复 3 段为修订建议')
    // The 指标值 is a replacement, old → new, not the new words beside the old ones.
    const value = b.page.locator('[data-field="indicatorValue"]').nth(0)
    await expect.poll(() => value.locator('span[data-insertion]').textContent(), { timeout: 15_000 }).toBe('≥95%')
    expect(await value.locator('span[data-deletion]').textContent()).toBe(target)
    expect(await drafts.textContent()).not.toContain('本机副本中没有服务器缺少的文字')
    expect((await a.page.locator('p.notice[role=status]').allTextContents()).join('')).not.toContain('未被服务器接受')
    // The copy stays after another reload, until the user deletes it; what is back is not offered again.
    await a.page.reload()
    await a.page.getByTestId('local-drafts').waitFor({ timeout: 20_000 })
    await synced(a.page)
    await expect.poll(() => a.page.getByTestId('local-drafts').textContent()).toContain('本机副本中没有服务器缺少的文字')
    // The figure goes back whole, in place of the figure there: a replacement, not its digits beside the old ones.
    const budget = b.page.locator('[data-field="budgetTotal"]').nth(1)
    await expect.poll(() => budget.locator('span[data-insertion]').textContent(), { timeout: 15_000 }).toBe('1.75')
    expect(await budget.locator('span[data-deletion]').textContent()).toBe(figure)
    // Stored as zhao's suggested insertion, for staff to accept or reject.
    await expect.poll(async () => insertionAuthorOf(readContent((await suite.t.server.data.service.load(DOC_ID))), '火车上写的一句话'), { timeout: 10_000 }).toBe('zhao')
    await finance.context.close()
    // Deleting asks first, in the page (no browser dialog).
    await a.page.getByRole('button', { name: '删除副本' }).click()
    await a.page.getByRole('alertdialog').getByRole('button', { name: '删除副本' }).click()
    await expect.poll(() => a.page.getByTestId('local-drafts').count()).toBe(0)
    expect([...a.errors, ...b.errors]).toEqual([])
    for (const c of [a, b]) await c.context.close()
  }, 120_000)

  it('a fresh browser shows threads on their text, not as detached', async () => {
    const commenter = await suite.t.client('sun', 'reviewer')
    await providerSynced(commenter)
    const text = textAt(commenter.doc, { goal: 3 })
    createThread(commenter.doc, {
      id: 'fresh-load',
      start: Y.createRelativePositionFromTypeIndex(text, 0),
      end: Y.createRelativePositionFromTypeIndex(text, 4),
      quote: text.toString().slice(0, 4),
      author: 'sun',
      text: '这一句请再斟酌',
      now: Date.now(),
      commentId: 'c-fresh',
    })
    await expect.poll(async () => threadsOf(await suite.t.server.data.service.load(DOC_ID)).has('fresh-load'), { timeout: 10_000 }).toBe(true)
    const a = await openAs(suite.browser, suite.t, 'zhou', 'editor')
    const thread = a.page.locator('.thread[data-thread="fresh-load"]')
    await thread.waitFor({ timeout: 15_000 })
    await expect.poll(() => thread.getAttribute('class')).not.toContain('detached')
    expect(await thread.textContent()).not.toContain('原文已删除')
    await a.context.close()
  }, 60_000)
})
