/**
 * The 监控 and 自评 forms as people use them (issue #30, a tester's
 * gaps): a 监控's 截至月份 shown on the form and changed by an editor, the
 * plan's share of the 执行率 following it for everyone while a reviewer
 * sees it fixed; the forms readable on a 1366×768 laptop; and a comment
 * on a cell with only the caret in it — a 自评's 得分 that shows only
 * what the rules derive included.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentText, indicator, part1, project, spending } from '../../support/document-builder'
import { loginAt } from '../support/http-session'
import { browserAndServer, fieldText, openAs, synced, theDepartmentAndBureau, typeAt } from './browser'

const suite = browserAndServer()
const TARGETS = 'targets2026'

const plan = () => [spending('3月底', '20'), spending('6月底', '50'), spending('10月底', '80'), spending('12月底', '100')]
const targets = documentText(
  part1({ title: '政法委', subtitle: '2026年部门预算绩效文本', preparedBy: '政法委编制', reviewedBy: '财政局审核', goals: ['维护社会稳定。'] }),
  project({ unitCode: '216001', unitName: '政法委本级', code: '21600126001', name: '社区矫正经费', budgetTotal: '100', budgetFiscal: '100', budgetOther: '0', usage: '社区矫正', spendingPlan: plan(), goal: '完成社区矫正培训和结案。' },
    indicator({ level1: '产出指标', level2: '数量指标', level3: '社区矫正对象集中教育培训次数', description: '开展培训', value: '≥10次', basis: '年度工作计划' }),
    indicator({ level1: '效益指标', level2: '可持续影响指标', level3: '群众安全感', description: '群众安全感', value: '显著提升', basis: '年度工作计划' }),
    indicator({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', description: '问卷调查', value: '≥90%', basis: '年度工作计划' })),
)

/** The department, its approved targets, and a 监控 (as of June) and a 自评 made from them by 张伟 — made once for the file. */
let world: Promise<{ monitoring: string; evaluation: string }> | null = null
function theForms() {
  world ??= (async () => {
    const { orgs, service } = suite.t.server.data
    const department = await theDepartmentAndBureau(suite.t, '216001')
    await service.create(targets, { id: TARGETS, title: '政法委2026年部门预算绩效文本', ownerId: null })
    await orgs.setDocumentOrg(TARGETS, department.id)
    const zhang = await loginAt(suite.t.server.url, 'zhangwei')
    const wang = await loginAt(suite.t.server.url, 'wangfang')
    for (const [who, action] of [[zhang, 'submit'], [wang, 'start-review'], [wang, 'approve']] as const) {
      const answer = await who.json(`/api/docs/${TARGETS}/workflow`, 'POST', { action, note: '目标已审核' })
      if (answer.status !== 200) throw new Error(`${action}: ${JSON.stringify(answer.body)}`)
    }
    const made = async (kind: string, asOf?: string) => ((await zhang.json(`/api/docs/${TARGETS}/linked`, 'POST', { kind, ...(asOf ? { asOf } : {}) })).body as { id: string }).id
    return { monitoring: await made('monitoring', '6月'), evaluation: await made('self-evaluation') }
  })()
  return world
}

const rateText = (page: Page) => page.locator('[data-field="fundsRate"] .derived').first().textContent()

describe('监控 and 自评 forms', () => {
  it('a 监控’s 截至月份 is on the form; 张伟 changes it and the plan’s share follows, for 李娜 too; 王芳 (reviewer) sees it and cannot change it', async () => {
    const { t, browser } = suite
    const { monitoring } = await theForms()
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', monitoring, { share: false })
    await expect.poll(() => zhang.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    const month = (page: Page) => page.getByTestId('as-of').getByLabel('截至月份')
    await expect.poll(() => month(zhang.page).inputValue(), { timeout: 10_000 }).toBe('6月')
    await typeAt(zhang.page, 'end', 'fundsExecuted', 0, '40')
    // 40 of 100 spent; by the end of June the plan meant 50%.
    await expect.poll(() => rateText(zhang.page), { timeout: 10_000 }).toBe('40.00% · 计划 50.00%')

    const li = await openAs(browser, t, 'lina', 'editor', monitoring, { share: false })
    await expect.poll(() => month(li.page).inputValue(), { timeout: 10_000 }).toBe('6月')
    await month(zhang.page).selectOption('10月')
    // By the end of October the plan meant 80%: the share follows the month, here and for 李娜.
    await expect.poll(() => rateText(zhang.page), { timeout: 10_000 }).toBe('40.00% · 计划 80.00%')
    await expect.poll(() => month(li.page).inputValue(), { timeout: 10_000 }).toBe('10月')
    await expect.poll(() => rateText(li.page), { timeout: 10_000 }).toBe('40.00% · 计划 80.00%')
    await synced(zhang.page)
    await expect.poll(async () => (await t.server.data.service.text(monitoring)).asOf, { timeout: 10_000 }).toBe('10月')
    // The check reads the new month too: 40% is behind October's 80%, with no reason given.
    await expect.poll(() => zhang.page.getByTestId('checks').locator('li', { hasText: '低于资金支出计划本期应达到的 80%' }).count(), { timeout: 10_000 }).toBe(1)

    const wang = await openAs(browser, t, 'wangfang', 'reviewer', monitoring, { share: false })
    await expect.poll(() => month(wang.page).inputValue(), { timeout: 10_000 }).toBe('10月')
    expect(await month(wang.page).isDisabled()).toBe(true)
    expect([...zhang.errors, ...li.errors, ...wang.errors]).toEqual([])
    for (const c of [zhang, li, wang]) await c.context.close()
  }, 120_000)

  it('at 1366×768 a 监控’s and a 自评’s rows are readable: 一级/二级 whole, 三级 and every other cell several characters wide a line', async () => {
    const { t, browser } = suite
    const { monitoring, evaluation } = await theForms()
    for (const id of [monitoring, evaluation]) {
      const zhang = await openAs(browser, t, 'zhangwei', 'editor', id, { share: false })
      await zhang.page.setViewportSize({ width: 1366, height: 768 })
      // The 满意度 row: the longest 一级 (满意度指标) and 二级 (服务对象满意度指标).
      const row = zhang.page.locator('[data-node="indicator"]').nth(2)
      await row.scrollIntoViewIfNeeded()
      await expect.poll(() => row.getByLabel('二级指标').inputValue(), { timeout: 10_000 }).toBe('服务对象满意度指标')
      // Chinese characters are full-width, one em each in any Chinese font (tests must not depend on the machine's fonts).
      const levels = await row.locator('.levels select').evaluateAll((selects) =>
        (selects as HTMLSelectElement[]).map((el) => {
          const style = getComputedStyle(el)
          return { text: [...el.selectedOptions[0]!.text].length * parseFloat(style.fontSize), room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) }
        }),
      )
      expect(levels).toHaveLength(2)
      for (const fit of levels) expect(fit.text).toBeLessThanOrEqual(fit.room)
      // Each cell's room in characters of its text's size: 三级 at least six a line, the others at least three (one was the complaint).
      const cells = await row.locator('.cells > .field').evaluateAll((fields) =>
        fields.map((el) => {
          // The cell's own box: a chosen cell (完成目标可能性, 偏差原因) shows a picker in place of its text.
          const style = getComputedStyle(el)
          return { field: (el as HTMLElement).dataset.field!, chars: (el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / parseFloat(style.fontSize) }
        }),
      )
      expect(cells.length).toBeGreaterThanOrEqual(7)
      for (const cell of cells) expect(cell.chars, cell.field).toBeGreaterThanOrEqual(cell.field === 'indicatorName' ? 6 : 3)
      // The header names the same columns at the same places.
      const headerFor = (name: string) => zhang.page.locator(`.indicator-header [data-column="${name}"]`).first().boundingBox()
      const cellFor = (name: string) => row.locator(`[data-field="${name}"]`).boundingBox()
      for (const name of ['indicatorName', 'indicatorActual']) expect((await headerFor(name))?.x).toBeCloseTo((await cellFor(name))!.x, 0)
      expect(zhang.errors).toEqual([])
      await zhang.context.close()
    }
  }, 60_000)

  it('添加批注 with only the caret: on a cell’s text, the whole cell; on a 自评’s 得分 that shows only what the rules derive, the cell itself', async () => {
    const { t, browser } = suite
    const { evaluation } = await theForms()
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', evaluation, { share: false })
    await expect.poll(() => zhang.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    const composer = zhang.page.getByTestId('comment-composer')
    const commentHere = async (text: string) => {
      await zhang.page.getByRole('button', { name: '添加批注' }).click()
      await zhang.page.keyboard.type(text)
      await composer.getByRole('button', { name: '添加批注' }).click()
      await expect.poll(() => zhang.page.locator('.thread .text').allTextContents(), { timeout: 10_000 }).toContain(text)
    }
    // The caret at the end of what he typed, nothing selected: the comment is on the cell's text.
    await typeAt(zhang.page, 'end', 'indicatorActual', 0, '12次')
    await commentHere('台账显示 12 次，附培训签到表')
    expect(await zhang.page.locator('.thread', { hasText: '台账显示 12 次' }).locator('blockquote').textContent()).toBe('12次')

    // The 得分 cell is empty: the rules' 50 is drawn in it. He clicks that figure and comments on the cell.
    const earned = zhang.page.locator('[data-field="indicatorEarned"]').nth(0)
    await expect.poll(() => earned.locator('.derived.auto').textContent(), { timeout: 10_000 }).toBe('50')
    await earned.locator('.derived.auto').click()
    await commentHere('得分按规则计算为满分，请核实')
    await expect.poll(() => earned.getAttribute('class'), { timeout: 10_000 }).toContain('comment-anchor')
    // Nothing was written into the cell, and the thread stays anchored there after typing elsewhere and a reload.
    expect(await fieldText(zhang.page, 'indicatorEarned', 0)).toBe('')
    await typeAt(zhang.page, 'end', 'indicatorActual', 1, '有所提升')
    await synced(zhang.page)
    await zhang.page.reload()
    await synced(zhang.page)
    await expect.poll(() => zhang.page.locator('[data-field="indicatorEarned"]').nth(0).getAttribute('class'), { timeout: 15_000 }).toContain('comment-anchor')
    expect(await zhang.page.locator('.thread', { hasText: '得分按规则计算为满分' }).count()).toBe(1)
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 90_000)
})
