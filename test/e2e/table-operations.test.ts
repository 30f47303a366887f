/**
 * Table operations in the editor — add an indicator row, choose its 二级,
 * delete a project — reach the server's document, and the model and the
 * export made from it.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('table operations', () => {
  it('add an indicator row, change its 二级, delete a project', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const before = (await suite.t.server.data.service.model(DOC_ID))

    // The form as on paper: the title names the project, and a run of rows under one 一级 shows it once.
    const first = page.locator('section[data-node="project"]').nth(0)
    const title = await first.evaluate((el) => getComputedStyle(el, '::before').content)
    expect(title).toContain(before.projects[0]!.name)
    const level1Colour = (row: number) => first.locator('[data-node="indicator"]').nth(row).getByLabel('一级指标').evaluate((el) => getComputedStyle(el).color)
    expect(before.projects[0]!.indicators[1]!.level1).toBe(before.projects[0]!.indicators[0]!.level1)
    expect(await level1Colour(0)).not.toBe('rgba(0, 0, 0, 0)')
    expect(await level1Colour(1)).toBe('rgba(0, 0, 0, 0)')

    await typeAt(page, 'end', 'indicatorName', 0, '')
    await page.getByRole('button', { name: '添加指标行' }).click()
    await page.keyboard.type('新增指标')
    const newRow = page.locator('section[data-node="project"]').nth(0).locator('[data-node="indicator"]').nth(1)
    await newRow.getByLabel('二级指标').click()
    await newRow.getByLabel('二级指标').selectOption('质量指标')

    await typeAt(page, 'end', 'projectName', 1, '')
    await page.getByRole('button', { name: '删除项目' }).click()
    await page.getByTestId('confirm-delete-project').getByRole('button', { name: '删除项目' }).click()
    await synced(page)

    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects.length, { timeout: 10_000 }).toBe(10)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[0]!.indicators[1], { timeout: 10_000 }).toEqual({
      level1: '产出指标', level2: '质量指标', level3: '新增指标', description: '', value: '', basis: '', score: null, note: '',
    })
    const after = (await suite.t.server.data.service.model(DOC_ID))
    expect(after.projects[0]!.indicators).toHaveLength(6)
    expect(after.projects.map((p) => p.code)).toEqual(before.projects.filter((_, i) => i !== 1).map((p) => p.code))
    await expect.poll(() => page.getByTestId('department-total').textContent()).toContain((116.4 - 3).toFixed(2))

    const exported = await (await context.request.get(`/api/docs/${DOC_ID}/export?format=txt`)).text()
    expect(exported).toContain('\t新增指标')
    expect(exported).not.toContain('政法队伍教育整顿工作经费绩效目标表')
    expect(exported).toContain('2.车辆保险费绩效目标表')
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('一级/二级 of a row that was there when the document opened can be changed', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'qian', 'editor')
    const before = (await suite.t.server.data.service.model(DOC_ID)).projects[2]!.indicators[0]!
    expect(before.level2).not.toBe('质量指标')
    const row = page.locator('section[data-node="project"]').nth(2).locator('[data-node="indicator"]').nth(0)
    await row.scrollIntoViewIfNeeded()
    const two = row.getByLabel('二级指标')
    await expect.poll(() => two.isEnabled()).toBe(true)
    await two.click()
    await two.selectOption('质量指标')
    await synced(page)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[2]!.indicators[0]!.level2, { timeout: 10_000 }).toBe('质量指标')
    // What the person sees after opening the document again.
    await page.reload()
    await synced(page)
    await expect.poll(() => page.locator('section[data-node="project"]').nth(2).locator('[data-node="indicator"]').nth(0).getByLabel('二级指标').inputValue()).toBe('质量指标')
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('the longest 二级, 服务对象满意度指标, is shown whole', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'zhou', 'editor')
    const row = page.locator('section[data-node="project"]').nth(0).locator('[data-node="indicator"]').nth(0)
    await row.scrollIntoViewIfNeeded()
    await expect.poll(() => row.getByLabel('一级指标').isEnabled()).toBe(true)
    await row.getByLabel('一级指标').click()
    await row.getByLabel('一级指标').selectOption('满意度指标')
    const select = row.getByLabel('二级指标')
    await select.click()
    await select.selectOption('服务对象满意度指标')
    // Chinese characters are full-width, one em each in any Chinese font (this machine may have none to measure with).
    const fit = await select.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el)
      return { text: [...el.selectedOptions[0]!.text].length * parseFloat(style.fontSize), room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) }
    })
    expect(fit.text).toBeGreaterThan(100)
    expect(fit.text).toBeLessThanOrEqual(fit.room)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('the checks panel follows typing, and a finding leads to its cell', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'li', 'editor')
    const panel = page.getByTestId('checks')
    await expect.poll(() => panel.locator('li').count(), { timeout: 10_000 }).toBeGreaterThan(10)
    const finding = panel.locator('li.error', { hasText: '不等于财政资金' })
    expect(await finding.count()).toBe(0)
    // Someone closes a group of errors (not project 3's, retyped below); the outline's rows are marked to see whether they are rebuilt.
    const title = await panel.locator('details.finding-group[open] > summary').evaluateAll((summaries) => summaries.map((s) => s.firstChild?.textContent ?? '').find((t) => !t.startsWith('3. ')))
    expect(title).toBeTruthy()
    const second = panel.locator('details.finding-group', { has: page.locator('summary', { hasText: title! }) })
    await second.locator('summary').click()
    expect(await second.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false)
    const rows = await page.locator('.outline ol li').count()
    expect(rows).toBeGreaterThan(5)
    await page.evaluate(() => document.querySelectorAll('.outline ol li').forEach((li) => li.setAttribute('data-kept', '')))

    await retype(page, 'budgetFiscal', 2, '0.30') // 0.40 = 0.30 + (empty) is wrong now
    await expect.poll(() => finding.count(), { timeout: 10_000 }).toBe(1)
    // Only what changed was redrawn: the closed group stays closed, the outline's rows are the same elements.
    expect(await second.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false)
    expect(await page.locator('.outline ol li[data-kept]').count()).toBe(rows)
    await finding.locator('a').click()
    const inCell = () =>
      page.evaluate(() => {
        const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
        return editor.state.selection.$from.parent.type.name
      })
    await expect.poll(inCell).toBe('budgetTotal')
    expect(await page.locator('.finding-target[data-field="budgetTotal"]').count()).toBe(1)
    // Scrolled into the visible area, not under the sticky toolbar.
    const cell = (await page.locator('.finding-target[data-field="budgetTotal"]').boundingBox())!
    const toolbar = (await page.locator('header.toolbar').boundingBox())!
    expect(cell.y).toBeGreaterThan(toolbar.y + toolbar.height)
    expect(cell.y + cell.height).toBeLessThan(900)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('查找替换 finds text in cells and replaces all in one change; a reviewer’s replacement becomes suggestions', async () => {
    const staff = await openAs(suite.browser, suite.t, 'wu', 'editor')
    expect(await staff.page.getByTestId('track-badge').count()).toBe(0)
    await staff.page.keyboard.press('Control+h')
    const bar = staff.page.getByTestId('find-bar')
    // The only match, replaced: the bar says it was done (not 未找到, which reads as a failure, nor 第 1/1 处 still).
    await bar.getByRole('textbox', { name: '查找内容' }).fill('综合治理领导责任制')
    await bar.getByRole('textbox', { name: '替换为' }).fill('综合治理责任制')
    await bar.getByRole('button', { name: '查找下一个' }).click()
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('第 1/1 处')
    await bar.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('已替换 1 处')
    await bar.getByRole('textbox', { name: '替换为' }).fill('发放及时率')
    await bar.getByRole('textbox', { name: '查找内容' }).fill('资金支付及时率')
    // Typing the search text stands on the first match from the cursor; 查找下一个 moves on to the following one.
    await expect.poll(() => bar.getByRole('status').textContent()).toMatch(/^第 \d+\/\d+ 处$/)
    const [typedAt, total] = (await bar.getByRole('status').textContent())!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number) as [number, number]
    const nextAt = (typedAt % total) + 1
    await bar.getByRole('button', { name: '查找下一个' }).click()
    await expect.poll(() => bar.getByRole('status').textContent()).toBe(`第 ${nextAt}/${total} 处`)
    // One of several replaced: the bar says so and shows the next (the first again, after the last).
    await bar.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(() => bar.getByRole('status').textContent()).toBe(`已替换 1 处，第 ${nextAt < total ? nextAt : 1}/${total - 1} 处`)
    await bar.getByRole('button', { name: '全部替换' }).click()
    await expect.poll(() => bar.getByRole('status').textContent()).toMatch(/^已替换 \d+ 处$/)
    await synced(staff.page)
    await expect.poll(async () => JSON.stringify(await suite.t.server.data.service.text(DOC_ID)), { timeout: 10_000 }).not.toContain('资金支付及时率')

    const finance = await openAs(suite.browser, suite.t, 'zheng', 'reviewer')
    expect(await finance.page.getByTestId('track-badge').textContent()).toBe('修订模式：开')
    await finance.page.getByTestId('toggle-find').click()
    const financeBar = finance.page.getByTestId('find-bar')
    await financeBar.getByRole('textbox', { name: '查找内容' }).fill('发放及时率')
    await financeBar.getByRole('textbox', { name: '替换为' }).fill('支付及时率')
    await financeBar.getByRole('button', { name: '全部替换' }).click()
    await synced(finance.page)
    // Nothing stays highlighted as the match she stood on: it is now text marked for deletion.
    await expect.poll(() => finance.page.locator('.find-current').count()).toBe(0)
    // What she replaced stays, marked for deletion, until staff decide: it is not found, and replaced, again.
    await financeBar.getByRole('button', { name: '查找下一个' }).click()
    await expect.poll(() => financeBar.getByRole('status').textContent()).toBe('未找到')
    expect(await finance.page.getByRole('status').filter({ hasText: '拒绝' }).count()).toBe(0)
    // Suggestions: the agreed text is unchanged until staff decide.
    await expect.poll(() => staff.page.locator('span[data-insertion]', { hasText: '支付及时率' }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(JSON.stringify(await suite.t.server.data.service.text(DOC_ID))).not.toContain('"支付及时率"')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)

  it('替换 replaces the match the bar stands on at the first click — after typing the search text, or after 查找下一个 — and moves on', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'qian', 'editor')
    const word = '控制在预算资金内'
    const stored = async () => JSON.stringify(await suite.t.server.data.service.text(DOC_ID)).split(word).length - 1
    const total = await stored()
    expect(total).toBeGreaterThan(4)
    await page.keyboard.press('Control+h')
    const bar = page.getByTestId('find-bar')
    const status = () => bar.getByRole('status').textContent()
    await bar.getByRole('textbox', { name: '替换为' }).fill('≤预算数')
    await bar.getByRole('textbox', { name: '查找内容' }).fill(word)
    // Typed: the bar stands on the first match from the cursor — counted, and highlighted in the text while the field keeps the focus.
    await expect.poll(status).toMatch(new RegExp(`^第 \\d+/${total} 处$`))
    const at = Number((await status())!.match(/第 (\d+)/)![1])
    expect((await page.locator('.find-current').allTextContents()).join('')).toBe(word)
    expect(await bar.getByRole('textbox', { name: '查找内容' }).evaluate((el) => el === document.activeElement)).toBe(true)
    // One click replaces it, at once, and stands on the next.
    const after = (n: number) => (at <= total - n ? at : 1)
    await bar.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(status).toBe(`已替换 1 处，第 ${after(1)}/${total - 1} 处`)
    await expect.poll(stored, { timeout: 10_000 }).toBe(total - 1)
    expect((await page.locator('.find-current').allTextContents()).join('')).toBe(word)
    // Again: the next one.
    await bar.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(status).toBe(`已替换 2 处，第 ${after(2)}/${total - 2} 处`)
    await expect.poll(stored, { timeout: 10_000 }).toBe(total - 2)
    // 查找下一个 moves on (selecting it); 替换 then replaces that one at once.
    await bar.getByRole('button', { name: '查找下一个' }).click()
    const moved = (after(2) % (total - 2)) + 1
    await expect.poll(status).toBe(`第 ${moved}/${total - 2} 处`)
    await bar.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(status).toBe(`已替换 1 处，第 ${moved <= total - 3 ? moved : 1}/${total - 3} 处`)
    await expect.poll(stored, { timeout: 10_000 }).toBe(total - 3)
    // Closed, nothing stays highlighted.
    await bar.getByRole('button', { name: '关闭' }).click()
    expect(await page.locator('.find-current').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('typing into a cell scrolled out of view brings the caret back into view; typing in view leaves the page still', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'sun', 'editor')
    // The model, its checks and the figures drawn in the form come after the first paint and change the page's
    // height above the cell: the page is still only once they are there.
    await expect.poll(() => page.getByTestId('checks').locator('li').count(), { timeout: 10_000 }).toBeGreaterThan(10)
    const cell = page.locator('section[data-node="project"]').nth(3).locator('[data-field="indicatorName"] .value').first()
    await cell.scrollIntoViewIfNeeded()
    // The person wheels the cell to the middle of the window: scrolled just into view, it may sit at the bottom edge,
    // where typing rightly scrolls the caret into view.
    await page.mouse.move(700, 450)
    await page.mouse.wheel(0, (await cell.boundingBox())!.y - 450)
    await expect.poll(async () => Math.abs((await cell.boundingBox())!.y - 450)).toBeLessThan(100)
    await cell.click()
    await page.keyboard.press('End')
    // Still as a person sees it: the cell where it was on the screen (the browser's scroll anchoring may move
    // scrollY to keep it there when something above it changes height, as a status line does on the first edit).
    const still = (await cell.boundingBox())!.y
    await page.keyboard.type('甲')
    expect((await cell.boundingBox())!.y).toBe(still)

    await page.mouse.wheel(0, -2000)
    await expect.poll(async () => (await cell.boundingBox())!.y).toBeGreaterThan(900)
    await page.keyboard.type('乙')
    const caretOnScreen = () => page.evaluate(() => { const caret = getSelection()!.getRangeAt(0).getBoundingClientRect(); return caret.top >= 0 && caret.bottom <= innerHeight })
    await expect.poll(caretOnScreen).toBe(true)
    expect(await cell.textContent()).toMatch(/甲乙$/)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})
