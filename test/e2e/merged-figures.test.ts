/**
 * Two people type one 执行数 of a 监控 at the same time — one of them
 * offline — and their characters merge into a figure neither wrote
 * ("6.60" and "3": "6.603", or "36.60"). It must not pass silently: when
 * the offline one reconnects, both see the cell outlined and the finding
 * in the checks, which leads to the cell; 审核通过 asks for a reason over
 * it; typing the figure again clears it, and approval goes through.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { MERGED_FIGURE_MARK } from '@shared/formats/merged-figure-marks'
import { documentText, indicator, part1, project, spending } from '../../support/document-builder'
import { approvedTargets, browserAndServer, field, fieldText, linkedForm, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer({ offline: true })

const targets = documentText(
  part1({ title: '政法委', subtitle: '2026年部门预算绩效文本', preparedBy: '政法委编制', reviewedBy: '财政局审核', goals: ['维护社会稳定。'] }),
  project({
    unitCode: '216001', unitName: '政法委本级', code: '216001260001', name: '社区矫正', budgetTotal: '11', budgetFiscal: '11', budgetOther: '0', usage: '社区矫正',
    spendingPlan: [spending('3月底', '20'), spending('6月底', '50'), spending('10月底', '80'), spending('12月底', '100')], goal: '完成社区矫正培训和结案。',
  },
  indicator({ level1: '产出指标', level2: '数量指标', level3: '培训次数', description: '开展培训', value: '≥10次', basis: '年度工作计划', score: '50' }),
  indicator({ level1: '效益指标', level2: '社会效益指标', level3: '群众安全感', description: '群众安全感', value: '显著提升', basis: '年度工作计划', score: '30' }),
  indicator({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', description: '问卷调查', value: '≥90%', basis: '年度工作计划', score: '20' })),
)

const MERGED = '是几处修改合并成的'

/** The page printed to PDF as the browser prints it, read back as text. */
async function printedText(page: Page): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-print-')), 'printed.pdf')
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true }))
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
}
const checks = (page: Page) => page.getByTestId('checks')
const outlined = (page: Page) => page.locator('[data-field="fundsExecuted"]').first().evaluate((el) => el.classList.contains('merged-figure'))
/** Whether the caret is in the first 执行数 cell. */
const caretInCell = (page: Page) =>
  field(page, 'fundsExecuted', 0).evaluate((el) => {
    const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
    return el.contains(editor.view.domAtPos(editor.state.selection.from).node)
  })

describe('a figure two people typed at once', () => {
  it('offline "6.60" and online "3" in one 执行数: both see it at the cell, approval asks for a reason, retyping clears it', async () => {
    const { t, browser } = suite
    const zhangSession = await approvedTargets(t, targets, 'targets-merged', '政法委2026年部门预算绩效文本')
    const id = await linkedForm(zhangSession, 'targets-merged', 'monitoring', '6月')
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', id, { share: false })
    const li = await openAs(browser, t, 'lina', 'editor', id, { share: false })
    for (const { page } of [zhang, li]) await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')

    await zhang.context.setOffline(true)
    await expect.poll(() => zhang.page.textContent('[data-testid=sync-status]'), { timeout: 5_000 }).toBe('离线')
    await typeAt(zhang.page, 'end', 'fundsExecuted', 0, '6.60')
    await typeAt(li.page, 'end', 'fundsExecuted', 0, '3')
    await synced(li.page)
    // Alone, each sees only what they typed, and nothing is wrong yet.
    expect(await fieldText(zhang.page, 'fundsExecuted', 0)).toBe('6.60')
    expect(await fieldText(li.page, 'fundsExecuted', 0)).toBe('3')

    await zhang.context.setOffline(false)
    await synced(zhang.page)
    await expect.poll(() => fieldText(li.page, 'fundsExecuted', 0), { timeout: 15_000 }).toMatch(/^(6\.603|36\.60)$/)
    await expect.poll(() => fieldText(zhang.page, 'fundsExecuted', 0), { timeout: 15_000 }).toBe(await fieldText(li.page, 'fundsExecuted', 0))
    const merged = await fieldText(li.page, 'fundsExecuted', 0)
    for (const { page } of [zhang, li]) {
      await expect.poll(() => outlined(page), { timeout: 10_000 }).toBe(true)
      await expect.poll(() => checks(page).textContent(), { timeout: 10_000 }).toContain(`截至当期执行数“${merged}”${MERGED}`)
    }
    // The finding leads to its cell.
    await checks(li.page).getByText(MERGED).click()
    await expect.poll(() => caretInCell(li.page)).toBe(true)
    // On paper, where there is no outline and no checks, the cell says it too.
    await li.page.evaluate(() => void (window.print = () => document.body.setAttribute('data-printed', 'yes')))
    const menu = li.page.getByTestId('print-menu')
    await menu.locator('summary').click()
    await menu.getByRole('button', { name: '打印定稿（不含修订）' }).click()
    await expect.poll(() => li.page.locator('body').getAttribute('data-printed')).toBe('yes')
    expect((await printedText(li.page)).replace(/\s+/g, '')).toContain(`${merged}${MERGED_FIGURE_MARK}`)

    // 报送; the reviewer's 审核通过 is held up by it and asks why it should pass anyway.
    await zhang.page.getByRole('button', { name: '报送', exact: true }).click()
    await zhang.page.getByRole('button', { name: '确认报送' }).click()
    const wang = await openAs(browser, t, 'wangfang', 'reviewer', id, { share: false })
    await expect.poll(() => checks(wang.page).textContent(), { timeout: 10_000 }).toContain(MERGED)
    await wang.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => wang.page.getByTestId('doc-status').textContent()).toBe('审核中')
    await wang.page.getByRole('button', { name: '审核通过', exact: true }).click()
    await expect.poll(() => wang.page.locator('.workflow-note').textContent(), { timeout: 10_000 }).toMatch(/审核检查还有 \d+ 个错误/)
    await wang.page.locator('.workflow-note').getByRole('button', { name: '取消' }).click()
    await wang.page.getByRole('button', { name: '退回修改' }).click()
    await wang.page.locator('.workflow-note textarea').fill('请核对项目 1 的执行数')
    await wang.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => zhang.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')

    // Typed again by one person: the figure is theirs, for everyone.
    await retype(zhang.page, 'fundsExecuted', 0, '6.60')
    await synced(zhang.page)
    for (const { page } of [zhang, li, wang]) {
      await expect.poll(() => fieldText(page, 'fundsExecuted', 0), { timeout: 15_000 }).toBe('6.60')
      await expect.poll(() => outlined(page), { timeout: 10_000 }).toBe(false)
      await expect.poll(() => checks(page).textContent(), { timeout: 10_000 }).not.toContain(MERGED)
    }
    await zhang.page.getByRole('button', { name: '报送', exact: true }).click()
    await zhang.page.getByRole('button', { name: '确认报送' }).click()
    await expect.poll(() => wang.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    await wang.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => wang.page.getByTestId('doc-status').textContent()).toBe('审核中')
    await wang.page.getByRole('button', { name: '审核通过', exact: true }).click()
    await wang.page.getByRole('button', { name: '确认审核通过' }).click()
    await expect.poll(() => wang.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('审核通过')
    expect([...zhang.errors, ...li.errors, ...wang.errors]).toEqual([])
    for (const session of [zhang, li, wang]) await session.context.close()
  }, 240_000)

  it('a merged 预算数 that reads as a number ("57") is left out of 部门预算合计, and the total says so; a figure typed to 0.001 is added and quoted whole', async () => {
    const { t, browser } = suite
    const zhang = await openAs(browser, t, 'zhang', 'editor')
    const li = await openAs(browser, t, 'li', 'editor')
    await zhang.context.setOffline(true)
    await expect.poll(() => zhang.page.textContent('[data-testid=sync-status]'), { timeout: 5_000 }).toBe('离线')
    await retype(zhang.page, 'budgetTotal', 0, '5')
    await retype(li.page, 'budgetTotal', 0, '7')
    await synced(li.page)
    await zhang.context.setOffline(false)
    await synced(zhang.page)
    await expect.poll(() => fieldText(li.page, 'budgetTotal', 0), { timeout: 15_000 }).toMatch(/^(57|75)$/)
    // The sample's 116.40 without the first project's (its 10.00 is now a figure nobody typed).
    for (const { page } of [zhang, li]) {
      await expect.poll(() => page.getByTestId('department-total').textContent(), { timeout: 10_000 }).toBe('部门预算合计 106.40 万元（未计入 1 个项目：预算数未填、无法读出或待核对）')
    }
    // Typed again, it is one person's figure: the total says nothing more.
    await retype(li.page, 'budgetTotal', 0, '7')
    for (const { page } of [zhang, li]) {
      await expect.poll(() => page.getByTestId('department-total').textContent(), { timeout: 10_000 }).toBe('部门预算合计 113.40 万元')
    }
    // A figure typed finer than the form's two decimals is added and quoted as typed, never rounded to one no cell holds.
    await retype(li.page, 'budgetTotal', 0, '7.009')
    for (const { page } of [zhang, li]) {
      await expect.poll(() => page.getByTestId('department-total').textContent(), { timeout: 10_000 }).toBe('部门预算合计 113.409 万元')
      await expect.poll(() => page.getByTestId('checks').locator('li.error', { hasText: '预算数 7.009 不等于财政资金' }).count()).toBe(1)
    }
    expect([...zhang.errors, ...li.errors]).toEqual([])
    for (const session of [zhang, li]) await session.context.close()
  }, 120_000)
})
