/**
 * A target carried into a 监控 or 自评 cannot be typed into, and trying
 * says so — as a tester found it: a click into a carried 年度指标值 (or a
 * 自评's 分值), End, a key; then a click into the row's open cell and its
 * text. The refusal was silent, End scrolled the page away, and the text
 * meant for the open cell was lost or landed in another project's cell
 * (the caret stayed in the locked cell). Checked as a person sees it: the
 * message on screen, and after a reload each text in the cell it was typed in.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentText, indicator, part1, project, spending } from '../../support/document-builder'
import { approvedTargets, browserAndServer, field, fieldText, linkedForm, openAs, synced } from './browser'
import { T } from '../../client/i18n/zh-CN'

const suite = browserAndServer()
const TARGETS = 'targets-carried'

const plan = () => [spending('3月底', '20'), spending('6月底', '50'), spending('10月底', '80'), spending('12月底', '100')]
const aProject = (n: number) =>
  project({ unitCode: '216001', unitName: '政法委本级', code: `2160012600${n}`, name: `项目${n}`, budgetTotal: '100', budgetFiscal: '100', budgetOther: '0', usage: '社区矫正', spendingPlan: plan(), goal: '完成社区矫正培训和结案。' },
    indicator({ level1: '产出指标', level2: '数量指标', level3: '培训次数', description: '开展培训', value: '≥10次', basis: '年度工作计划', score: '30' }),
    indicator({ level1: '效益指标', level2: '社会效益指标', level3: '群众安全感', description: '群众安全感', value: '显著提升', basis: '年度工作计划', score: '40' }),
    indicator({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', description: '问卷调查', value: '≥90%', basis: '年度工作计划', score: '30' }))
const targets = documentText(
  part1({ title: '政法委', subtitle: '2026年部门预算绩效文本', preparedBy: '政法委编制', reviewedBy: '财政局审核', goals: ['维护社会稳定。'] }),
  aProject(1), aProject(2), aProject(3),
)

let world: Promise<{ monitoring: string; evaluation: string }> | null = null
function theForms() {
  world ??= (async () => {
    const zhang = await approvedTargets(suite.t, targets, TARGETS, '政法委2026年部门预算绩效文本')
    return { monitoring: await linkedForm(zhang, TARGETS, 'monitoring', '6月'), evaluation: await linkedForm(zhang, TARGETS, 'self-evaluation') }
  })()
  return world
}

const notice = (page: Page) => page.locator('p.notice[role=status]')

/** Whether the `n`-th `name` cell is on screen (End did not scroll the page away from it). */
const onScreen = (page: Page, name: string, n: number) =>
  field(page, name, n).evaluate((el) => {
    const box = el.getBoundingClientRect()
    return box.bottom > 0 && box.top < innerHeight
  })

/** A person's click into a cell (its middle, as anyone clicks), then keys. */
async function clickAndType(page: Page, name: string, n: number, text: string): Promise<void> {
  await field(page, name, n).scrollIntoViewIfNeeded()
  await field(page, name, n).click()
  await page.keyboard.type(text)
}

describe('carried targets in a 监控 and a 自评', () => {
  it('监控: click a carried 年度指标值, End, "9" — refused with the message, the page stays; then "45%" typed into 截至当期完成值 lands there', async () => {
    const { t, browser } = suite
    const { monitoring } = await theForms()
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', monitoring, { share: false })
    const { page } = zhang
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    // The second project's first row: projects after it, so End has somewhere to jump to.
    const row = 3
    await field(page, 'indicatorValue', row).scrollIntoViewIfNeeded()
    await field(page, 'indicatorValue', row).click()
    const scrolled = await page.evaluate(() => scrollY)
    await page.keyboard.press('End')
    // End keeps to the cell: the page does not move.
    expect(await page.evaluate(() => scrollY)).toBe(scrolled)
    await page.keyboard.type('9')
    await expect.poll(() => notice(page).textContent(), { timeout: 5_000 }).toBe(T.carriedRefused('approved'))
    expect(await onScreen(page, 'indicatorValue', row)).toBe(true)
    // The message is where the person looks, however far down the document they are.
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0)
    const said = (await notice(page).boundingBox())!
    expect(said.y).toBeGreaterThanOrEqual(0)
    expect(said.y + said.height).toBeLessThanOrEqual(page.viewportSize()!.height)
    await clickAndType(page, 'indicatorActual', row, '45%')
    await synced(page)
    await page.reload()
    await synced(page)
    await expect.poll(() => fieldText(page, 'indicatorActual', row), { timeout: 10_000 }).toBe('45%')
    expect(await fieldText(page, 'indicatorValue', row)).toBe('≥10次')
    // Nothing typed went anywhere else.
    for (const n of [0, 1, 2, 4, 5, 6, 7, 8]) expect(await fieldText(page, 'indicatorActual', n)).toBe('')
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 120_000)

  it('自评: typing over a carried 分值 is refused with the message; 全年执行数, 实际完成情况 and 实际完成值 typed after it land where clicked', async () => {
    const { t, browser } = suite
    const { evaluation } = await theForms()
    const zhang = await openAs(browser, t, 'zhangwei', 'editor', evaluation, { share: false })
    const { page } = zhang
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    const project = 1
    const row = 3
    await field(page, 'indicatorScore', row).scrollIntoViewIfNeeded()
    await field(page, 'indicatorScore', row).click()
    await page.keyboard.press('End')
    for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace')
    await page.keyboard.type('60')
    await expect.poll(() => notice(page).textContent(), { timeout: 5_000 }).toBe(T.carriedRefused('approved'))
    expect(await onScreen(page, 'indicatorScore', row)).toBe(true)
    await clickAndType(page, 'fundsExecuted', project, '11')
    await clickAndType(page, 'projectAchieved', project, '完成。')
    await clickAndType(page, 'indicatorActual', row, '1人')
    await synced(page)
    await page.reload()
    await synced(page)
    await expect.poll(() => fieldText(page, 'indicatorActual', row), { timeout: 10_000 }).toBe('1人')
    expect(await fieldText(page, 'fundsExecuted', project)).toBe('11')
    expect(await fieldText(page, 'projectAchieved', project)).toBe('完成。')
    expect(await fieldText(page, 'indicatorScore', row)).toBe('30')
    for (const n of [0, 2]) expect(await fieldText(page, 'fundsExecuted', n)).toBe('')
    for (const n of [0, 1, 2, 4, 5, 6, 7, 8]) expect(await fieldText(page, 'indicatorActual', n)).toBe('')
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 120_000)
})
