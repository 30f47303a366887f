/**
 * The 监控 and 自评 forms as people use them (issue #30, a tester's
 * gaps): a 监控's 截至月份 shown on the form and changed by an editor, the
 * plan's share of the 执行率 following it for everyone while a reviewer
 * sees it fixed; the forms readable on a 1366×768 laptop; and a comment
 * on a cell with only the caret in it — a 自评's 得分 that shows only
 * what the rules derive included. A second pass (a tester's findings): a
 * new 监控's 截至月份 left for the department to choose, spending above
 * the budget (超支) flagged, and a chosen 完成目标可能性 or 偏差原因 kept
 * inside its cell. A third (a tester's finding): a 预算数 typed with its
 * unit on the targets ("3000元") read in the 监控 made from them as the
 * targets read it, not as an error nobody can fix.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentText, indicator, part1, project, spending } from '../../support/document-builder'
import { loginAt } from '../support/http-session'
import { approvedTargets, browserAndServer, field, fieldText, linkedForm, openAs, retype, synced, typeAt } from './browser'

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

/** The department, its approved targets, and a 监控 (as of June), a 自评 and a 监控 with no 截至月份 chosen made from them by 张伟 — made once for the file. */
let world: Promise<{ monitoring: string; evaluation: string; unset: string }> | null = null
function theForms() {
  world ??= (async () => {
    const zhang = await approvedTargets(suite.t, targets, TARGETS, '政法委2026年部门预算绩效文本')
    return { monitoring: await linkedForm(zhang, TARGETS, 'monitoring', '6月'), evaluation: await linkedForm(zhang, TARGETS, 'self-evaluation'), unset: await linkedForm(zhang, TARGETS, 'monitoring') }
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

  it('a new 监控 starts with 截至月份 未设定 (no plan share, a check asks for it); 超支 is a warning that leads to the 执行数; at 1366×768 chosen values stay inside their cells', async () => {
    const { t, browser } = suite
    const { unset } = await theForms()
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', unset, { share: false })
    const page = zhang.page
    await page.setViewportSize({ width: 1366, height: 768 })
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    const month = page.getByTestId('as-of').getByLabel('截至月份')
    await expect.poll(() => month.inputValue(), { timeout: 10_000 }).toBe('')
    expect(await month.locator('option:checked').textContent()).toBe('未设定')
    await expect.poll(() => rateText(page), { timeout: 10_000 }).toBe('— · 计划 未设定截至月份')
    const checks = page.getByTestId('checks')
    await expect.poll(() => checks.locator('li.warning', { hasText: '未设定截至月份' }).count(), { timeout: 10_000 }).toBe(1)

    // 150 spent of a 100 budget: 150%, and a warning saying it is 超支, not a merit.
    await typeAt(page, 'end', 'fundsExecuted', 0, '150')
    await expect.poll(() => rateText(page), { timeout: 10_000 }).toBe('150.00% · 计划 未设定截至月份')
    const overspent = checks.locator('li.warning', { hasText: '超支' })
    await expect.poll(() => overspent.textContent(), { timeout: 10_000 })
      .toMatch(/项目“社区矫正经费”截至当期执行数 150 万元超过全年预算数 100 万元（执行率 150%）：超支，执行率超过 100% 不是成绩/)
    // Its link puts the cursor in the 执行数 (after he moves it elsewhere).
    await typeAt(page, 'end', 'indicatorActual', 0, '4次')
    const group = checks.locator('details.finding-group', { has: page.locator('li.warning', { hasText: '超支' }) })
    if (!(await group.evaluate((d: HTMLDetailsElement) => d.open))) await group.locator('summary').click()
    await overspent.locator('a').click()
    const inCell = () => page.evaluate(() => (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor.state.selection.$from.parent.type.name)
    await expect.poll(inCell, { timeout: 10_000 }).toBe('fundsExecuted')

    // He chooses June: the plan's share is read, and the check no longer asks.
    await month.selectOption('6月')
    await expect.poll(() => rateText(page), { timeout: 10_000 }).toBe('150.00% · 计划 50.00%')
    await expect.poll(() => checks.locator('li', { hasText: '未设定截至月份' }).count(), { timeout: 10_000 }).toBe(0)

    // The tester's row: 有可能 and 经费保障 chosen, 纠偏措施 left empty — which must look empty.
    const row = page.locator('[data-node="indicator"]').nth(0)
    await row.scrollIntoViewIfNeeded()
    await row.locator('[data-field="indicatorLikelihood"] select.choice').selectOption('有可能')
    await row.locator('[data-field="indicatorCause"] select.choice').selectOption('经费保障')
    await expect.poll(() => fieldText(page, 'indicatorCause', 0), { timeout: 10_000 }).toBe('经费保障')
    await expect.poll(() => fieldText(page, 'indicatorLikelihood', 0), { timeout: 10_000 }).toBe('有可能')
    expect(await fieldText(page, 'indicatorMeasure', 0)).toBe('')
    // Boxes, not glyphs: the picker and every line of the cell's text lie within the cell; the text has at least one
    // character's room a line (Chinese characters are one em wide in any Chinese font), so it wraps rather than spills.
    const fits = await row.locator('.cells > .field.has-choice').evaluateAll((cells) =>
      cells.map((cell) => {
        const box = cell.getBoundingClientRect()
        const select = cell.querySelector('select.choice') as HTMLSelectElement
        const value = cell.querySelector('.value') as HTMLElement
        const range = document.createRange()
        range.selectNodeContents(value)
        const style = getComputedStyle(value)
        const boxes = [select.getBoundingClientRect(), ...range.getClientRects()]
        return {
          field: (cell as HTMLElement).dataset.field!,
          text: value.textContent,
          title: select.title,
          inside: boxes.every((b) => b.left >= box.left - 0.5 && b.right <= box.right + 0.5),
          overflow: value.scrollWidth - value.clientWidth,
          room: value.clientWidth / parseFloat(style.fontSize),
        }
      }),
    )
    expect(fits.map((f) => [f.field, f.text, f.title])).toEqual([['indicatorLikelihood', '有可能', '有可能'], ['indicatorCause', '经费保障', '经费保障']])
    for (const fit of fits) {
      expect(fit.inside, fit.field).toBe(true)
      expect(fit.overflow, fit.field).toBeLessThanOrEqual(0)
      expect(fit.room, fit.field).toBeGreaterThanOrEqual(1)
    }
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 120_000)

  it('a 预算数 typed “3000元” on the targets (0.30 万元) and approved: the 监控 made from it shows it as written and not editable, reads it as 0.3 万元 — 350元 spent is 11.67% — and says no figure is unreadable', async () => {
    const { t, browser } = suite
    await theForms()
    const department = (await t.server.data.orgs.orgs()).find((o) => o.name === '政法委')!
    const id = 'targets2026-yuan'
    const title = '政法委2026年部门预算绩效文本（元）'
    await t.server.data.service.create(targets, { id, title, ownerId: null })
    await t.server.data.orgs.setDocumentOrg(id, department.id)

    // 张伟 types the 预算数 and 财政资金 in 元, as the form takes them; the 目录 reads 0.30 万元.
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', id, { share: false })
    const page = zhang.page
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    await retype(page, 'budgetTotal', 0, '3000元')
    await retype(page, 'budgetFiscal', 0, '3000元')
    await expect.poll(() => page.locator('.outline .amount').first().textContent(), { timeout: 10_000 }).toBe('0.30')
    await synced(page)
    await expect.poll(async () => (await t.server.data.service.text(id)).projects[0]!.budgetFiscal, { timeout: 10_000 }).toBe('3000元')
    // The targets go through their round: 张伟 sends them, 王芳 reviews and approves.
    const [zhangApi, wangApi] = [await loginAt(t.server.url, 'zhangwei'), await loginAt(t.server.url, 'wangfang')]
    for (const [who, action] of [[zhangApi, 'submit'], [wangApi, 'start-review'], [wangApi, 'approve']] as const) {
      expect((await who.json(`/api/docs/${id}/workflow`, 'POST', { action, note: '目标已审核' })).status).toBe(200)
    }

    // 新建运行监控 on the approved targets' row of the list.
    await page.goto('/#/')
    const row = page.locator('li', { has: page.getByRole('link', { name: title, exact: true }) })
    await row.getByRole('button', { name: '新建运行监控' }).click()
    await page.waitForURL(new RegExp(`#/doc/(?!${id}$)`))
    await synced(page)
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    // The 年初预算数 as the targets wrote it — readable, and carried: not editable.
    await expect.poll(() => fieldText(page, 'fundsInitial', 0), { timeout: 10_000 }).toBe('3000元')
    expect(await field(page, 'fundsInitial', 0).getAttribute('contenteditable')).toBe('false')
    expect(await fieldText(page, 'fundsBudget', 0)).toBe('3000元')

    // June, and 350 元 spent, typed as the targets' form takes it: 0.035 of 0.3 万元.
    await page.getByTestId('as-of').getByLabel('截至月份').selectOption('6月')
    await typeAt(page, 'end', 'fundsExecuted', 0, '350元')
    await expect.poll(() => rateText(page), { timeout: 10_000 }).toBe('11.67% · 计划 50.00%')
    await expect.poll(() => page.getByTestId('outline-score').first().textContent(), { timeout: 10_000 }).toBe('执行率 11.67%')
    // The 全年预算数 adjusted to 5000元: the outline's amount stays the targets' 0.30, and its 执行率 says its base.
    await retype(page, 'fundsBudget', 0, '5000元')
    await expect.poll(() => page.getByTestId('outline-score').first().textContent(), { timeout: 10_000 }).toBe('执行率 7.00%（按全年预算数 0.50）')
    expect(await page.locator('.outline .amount').first().textContent()).toBe('0.30')
    // The checks read the same figures: behind June's 50%, which a 偏差原因 answers — and no figure that is “不是数字”.
    const checks = page.getByTestId('checks')
    await expect.poll(() => checks.locator('li', { hasText: '低于资金支出计划本期应达到的 50%' }).count(), { timeout: 10_000 }).toBe(1)
    expect(await checks.locator('li', { hasText: '不是数字' }).count()).toBe(0)
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 120_000)
})
