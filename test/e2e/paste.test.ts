/**
 * Paste through the real clipboard, as a person does it: something copied
 * (written to the clipboard the way Word, Excel or Notepad put it there),
 * a click into a cell, Ctrl+V. Text stays in its cell; a table fills
 * indicator rows and columns from the cell and adds rows; a whole
 * 绩效目标表 pasted into the narrative is offered as a new project.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { excelTableHtml, excelTableText, wordForm, wordTableHtml, wordTableText, type OfficeCell } from '../support/office-clipboard'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, field, fieldText, fieldTexts, openAs, selectField, synced, typeAt } from './browser'

const suite = browserAndServer({ clipboard: true })

async function openWithClipboard(user: string, role: 'editor' | 'reviewer' = 'editor') {
  const opened = await openAs(suite.browser, suite.t, user, role)
  await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.t.server.url })
  // The editor takes a paste or a drop once the document may be edited: when its editing tools are shown.
  await opened.page.getByRole('button', { name: '添加指标行' }).waitFor()
  return opened
}

/** Puts `html` and `text` on the clipboard as a copy in another program does. */
async function copy(page: Page, html: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ html, text }) => {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ])
    },
    { html, text },
  )
}

/** Selects from the start of one field to the end of another, as a person does by dragging over them. */
async function selectThrough(page: Page, [fromName, fromN]: [string, number], [toName, toN]: [string, number]): Promise<void> {
  await typeAt(page, 'start', fromName, fromN, '')
  const end = await field(page, toName, toN).evaluate((el) => {
    const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
    return editor.view.posAtDOM(el, el.childNodes.length)
  })
  await page.evaluate((to) => {
    const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
    editor.commands.setTextSelection({ from: editor.state.selection.from, to })
  }, end)
}

const project = (page: Page, n: number) => page.locator('section[data-node="project"]').nth(n)
const rowsOf = (page: Page, n: number) => project(page, n).locator('[data-node="indicator"]')
const cellTexts = (page: Page, n: number, field: string) => project(page, n).locator(`[data-field="${field}"] .value`).allTextContents()
const total = async (page: Page) => Number(/([\d.]+)/.exec((await page.getByTestId('department-total').textContent()) ?? '')?.[1])

describe('paste', () => {
  it('text pasted into a cell stays in that cell, its lines made one; a cell copied from Excel replaces a figure and the total follows', async () => {
    const { page, context, errors } = await openWithClipboard('zhang')
    const description = await fieldText(page, 'indicatorDescription', 0)
    const value = await fieldText(page, 'indicatorValue', 0)
    const rows = await rowsOf(page, 0).count()

    await typeAt(page, 'end', 'indicatorDescription', 0, '')
    await copy(page, '<p class=MsoNormal>，全年不少于<span lang=EN-US>12</span>次</p>\n<p class=MsoNormal>覆盖各街道</p>', '，全年不少于12次\r\n覆盖各街道')
    await page.keyboard.press('Control+V')
    await expect.poll(() => fieldText(page, 'indicatorDescription', 0)).toBe(`${description}，全年不少于12次覆盖各街道`)
    expect(await fieldText(page, 'indicatorValue', 0)).toBe(value)
    expect(await rowsOf(page, 0).count()).toBe(rows)

    const before = await total(page)
    const budget = Number(await fieldText(page, 'budgetTotal', 0))
    await selectField(page, 'budgetTotal', 0)
    await copy(page, excelTableHtml([['12.00']]), '12.00\r\n')
    await page.keyboard.press('Control+V')
    await expect.poll(() => fieldText(page, 'budgetTotal', 0)).toBe('12.00')
    await expect.poll(() => total(page)).toBeCloseTo(before - budget + 12, 2)
    expect(await fieldTexts(page, 'budgetFiscal')).toHaveLength(11)
    await synced(page)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[0]!.budget.total, { timeout: 10_000 }).toBe(12)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a table copied from Word fills indicator rows from the cell, adds rows, sets 一级/二级 and says what it kept as written; one Ctrl+Z takes it back', async () => {
    const { page, context, errors } = await openWithClipboard('li')
    const first = await cellTexts(page, 0, 'indicatorName')
    const second = await cellTexts(page, 1, 'indicatorName')
    expect(first).toHaveLength(5)
    const grid: OfficeCell[][] = [
      [{ text: '产出指标', rowspan: 2 }, '时效指标', '按时开展率', '按计划\n开展宣传活动', '100%', '年度工作计划'],
      ['安全指标', '案件办结率', '依法办结', '≥95%', '上年水平'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '问卷调查', '≥90%', '问卷'],
    ]
    const levels = async (row: number) => [await rowsOf(page, 0).nth(row).getByLabel('一级指标').inputValue(), await rowsOf(page, 0).nth(row).getByLabel('二级指标').inputValue()]
    const levelsBefore = await levels(4)
    await typeAt(page, 'end', 'indicatorName', 3, '')
    await copy(page, wordTableHtml(grid), wordTableText(grid))
    await page.keyboard.press('Control+V')

    await expect.poll(() => cellTexts(page, 0, 'indicatorName')).toEqual([...first.slice(0, 3), '按时开展率', '案件办结率', '群众满意度'])
    expect(await rowsOf(page, 0).count()).toBe(6)
    expect(await cellTexts(page, 0, 'indicatorDescription')).toEqual(expect.arrayContaining(['按计划开展宣传活动', '依法办结', '问卷调查']))
    expect((await cellTexts(page, 0, 'indicatorValue')).slice(3)).toEqual(['100%', '≥95%', '≥90%'])
    expect(await levels(3)).toEqual(['产出指标', '时效指标'])
    expect(await levels(4)).toEqual(['产出指标', ''])
    expect(await rowsOf(page, 0).nth(4).getByLabel('二级指标').getAttribute('title')).toBe('安全指标')
    expect(await levels(5)).toEqual(['满意度指标', '服务对象满意度指标'])
    const report = page.getByTestId('paste-report')
    await expect.poll(() => report.textContent()).toContain('已粘贴 3 行 × 6 列，新增 1 个指标行')
    // Two rows written over, their 三级, 描述, 指标值 and 依据 all filled before (row 4's 依据 already read 年度工作计划,
    // as pasted): the person is told how many cells lost their text, not left to notice.
    expect(await report.textContent()).toContain('替换了 7 个原有内容的单元格（按 Ctrl+Z 可撤销）')
    expect(await report.textContent()).toContain('第 5 行的二级指标“安全指标”不在指标体系中')
    // The next table is as it was.
    expect(await cellTexts(page, 1, 'indicatorName')).toEqual(second)

    await synced(page)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[0]!.indicators.slice(3).map((i) => [i.level1, i.level2, i.level3]), { timeout: 10_000 }).toEqual([
      ['产出指标', '时效指标', '按时开展率'],
      ['产出指标', '安全指标', '案件办结率'], // kept as written, not dropped
      ['满意度指标', '服务对象满意度指标', '群众满意度'],
    ])
    // One Ctrl+Z takes the whole paste back, as in Word; what the paste did is then no longer news.
    await page.keyboard.press('Control+z')
    await expect.poll(() => rowsOf(page, 0).count()).toBe(5)
    expect(await cellTexts(page, 0, 'indicatorName')).toEqual(first)
    expect(await levels(4)).toEqual(levelsBefore)
    await expect.poll(() => report.count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a range copied from Excel fills by position from the cell and says what did not fit', async () => {
    const { page, context, errors } = await openWithClipboard('wang')
    const names = await cellTexts(page, 1, 'indicatorName')
    const rows = await rowsOf(page, 1).count()
    const grid = [['描述一', '10次', '计划一', '多余'], ['描述二', '20次', '计划二', '']]
    await typeAt(page, 'end', 'indicatorDescription', (await rowsOf(page, 0).count()) + 0, '')
    await copy(page, excelTableHtml(grid), excelTableText(grid))
    await page.keyboard.press('Control+V')
    await expect.poll(() => cellTexts(page, 1, 'indicatorDescription').then((d) => d.slice(0, 2))).toEqual(['描述一', '描述二'])
    expect((await cellTexts(page, 1, 'indicatorValue')).slice(0, 2)).toEqual(['10次', '20次'])
    expect((await cellTexts(page, 1, 'indicatorBasis')).slice(0, 2)).toEqual(['计划一', '计划二'])
    expect(await cellTexts(page, 1, 'indicatorName')).toEqual(names)
    expect(await rowsOf(page, 1).count()).toBe(rows)
    await expect.poll(() => page.getByTestId('paste-report').textContent()).toContain('1 个单元格超出了指标表的最后一列，没有粘贴')
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a 绩效目标表 copied from Word into the narrative is offered as a new project, asked in Chinese', async () => {
    const { page, context, errors } = await openWithClipboard('zhao')
    const projects = await page.locator('section[data-node="project"]').count()
    const goal = await fieldText(page, 'goalItem', 0)
    const before = await total(page)
    const form = wordForm({
      name: '法治宣传经费', code: 'P2022-09', budget: '6.00',
      indicators: [['产出指标', '数量指标', '宣传场次', '全年宣传', '≥12场', '年度计划'], ['产出指标', '质量指标', '覆盖率', '覆盖各街道', '100%', '年度计划']],
    })
    const paste = async () => {
      await typeAt(page, 'end', 'goalItem', 0, '')
      await copy(page, wordTableHtml(form.rows, [form.title]), `${form.title}\r\n${wordTableText(form.rows)}`)
      await page.keyboard.press('Control+V')
    }
    const ask = page.getByTestId('confirm-paste-projects')

    await paste()
    await expect.poll(() => ask.textContent()).toContain('粘贴的内容是一张绩效目标表（法治宣传经费），要添加为新项目吗？')
    await ask.getByRole('button', { name: '取消' }).click()
    expect(await ask.count()).toBe(0)
    expect(await page.locator('section[data-node="project"]').count()).toBe(projects)

    await paste()
    await ask.getByRole('button', { name: '添加为项目' }).click()
    await expect.poll(() => page.locator('section[data-node="project"]').count()).toBe(projects + 1)
    expect(await fieldText(page, 'goalItem', 0)).toBe(goal)
    expect(await fieldText(page, 'projectName', projects)).toBe('法治宣传经费')
    expect(await cellTexts(page, projects, 'indicatorName')).toEqual(['宣传场次', '覆盖率'])
    await expect.poll(() => total(page)).toBeCloseTo(before + 6, 2)
    await expect.poll(() => page.getByTestId('paste-report').textContent()).toContain('已添加 1 个项目：法治宣传经费')
    // What was added is in view, where the cursor is.
    const name = (await project(page, projects).locator('[data-field="projectName"]').boundingBox())!
    expect(name.y).toBeGreaterThan(0)
    expect(name.y).toBeLessThan(900)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a reviewer’s pasted table becomes suggestions: changed cells and added rows, accepted by the server', async () => {
    const { page, context, errors } = await openWithClipboard('zheng', 'reviewer')
    expect(await page.getByTestId('track-badge').textContent()).toBe('修订模式：开')
    const counts = await Promise.all([0, 1, 2].map((n) => rowsOf(page, n).count()))
    const last = counts[0]! + counts[1]! + counts[2]! - 1
    const agreed = (await suite.t.server.data.service.text(DOC_ID)).projects[2]!.indicators
    const grid = [['按期投保', '100%'], ['理赔及时', '≤30天']]
    await typeAt(page, 'end', 'indicatorDescription', last, '')
    await copy(page, excelTableHtml(grid), excelTableText(grid))
    await page.keyboard.press('Control+V')

    await expect.poll(() => rowsOf(page, 2).count()).toBe(counts[2]! + 1)
    expect(await rowsOf(page, 2).last().getAttribute('data-suggestion')).toContain('"kind":"insert"')
    expect(await project(page, 2).locator('span[data-insertion]', { hasText: '按期投保' }).count()).toBe(1)
    expect((await cellTexts(page, 2, 'indicatorDescription')).at(-1)).toBe('理赔及时')
    await synced(page)
    expect(await page.getByRole('status').filter({ hasText: '拒绝' }).count()).toBe(0)
    // Staff see the proposals (the server took them); the agreed text is as it was until they decide.
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    await expect.poll(() => rowsOf(staff.page, 2).count(), { timeout: 10_000 }).toBe(counts[2]! + 1)
    expect(await project(staff.page, 2).locator('span[data-insertion]', { hasText: '按期投保' }).count()).toBe(1)
    expect((await suite.t.server.data.service.text(DOC_ID)).projects[2]!.indicators).toEqual(agreed)
    expect([...errors, ...staff.errors]).toEqual([])
    await context.close()
    await staff.context.close()
  }, 90_000)

  it('indicator rows copied in the editor (Ctrl+C) paste onto another table as rows, 一级/二级 and all', async () => {
    const { page, context, errors } = await openWithClipboard('qian')
    const counts = await Promise.all([0, 1, 2, 3].map((n) => rowsOf(page, n).count()))
    const levels = async (n: number, row: number) => [await rowsOf(page, n).nth(row).getByLabel('一级指标').inputValue(), await rowsOf(page, n).nth(row).getByLabel('二级指标').inputValue()]
    const source = await Promise.all([1, 2].map(async (row) => ({
      levels: await levels(1, row),
      name: (await cellTexts(page, 1, 'indicatorName'))[row],
      value: (await cellTexts(page, 1, 'indicatorValue'))[row],
    })))
    // Project 2's rows 2 and 3 selected from the first cell's start to the last cell's end, as by dragging over them.
    await selectThrough(page, ['indicatorName', counts[0]! + 1], ['indicatorBasis', counts[0]! + 2])
    await page.keyboard.press('Control+C')

    const last = counts[0]! + counts[1]! + counts[2]! + counts[3]! - 1
    await typeAt(page, 'end', 'indicatorName', last, '')
    await page.keyboard.press('Control+V')
    await expect.poll(() => rowsOf(page, 3).count()).toBe(counts[3]! + 1)
    expect((await cellTexts(page, 3, 'indicatorName')).slice(-2)).toEqual(source.map((s) => s.name))
    expect((await cellTexts(page, 3, 'indicatorValue')).slice(-2)).toEqual(source.map((s) => s.value))
    expect([await levels(3, counts[3]! - 1), await levels(3, counts[3]!)]).toEqual(source.map((s) => s.levels))
    expect(await cellTexts(page, 1, 'indicatorName')).toHaveLength(counts[1]!)

    // One whole row copied onto a row of another table: that row becomes it, nothing is added.
    await selectThrough(page, ['indicatorName', counts[0]!], ['indicatorBasis', counts[0]!])
    await page.keyboard.press('Control+C')
    const before6 = await Promise.all([4, 5].map((n) => rowsOf(page, n).count()))
    const sixth = counts.reduce((a, b) => a + b, 0) + 1 + before6[0]! + before6[1]!
    const rows6 = await rowsOf(page, 6).count()
    await typeAt(page, 'start', 'indicatorName', sixth, '')
    await page.keyboard.press('Control+V')
    await expect.poll(async () => (await cellTexts(page, 6, 'indicatorName'))[0]).toBe((await cellTexts(page, 1, 'indicatorName'))[0])
    expect((await cellTexts(page, 6, 'indicatorValue'))[0]).toBe((await cellTexts(page, 1, 'indicatorValue'))[0])
    expect(await levels(6, 0)).toEqual(await levels(1, 0))
    expect(await rowsOf(page, 6).count()).toBe(rows6)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a project copied in the editor and pasted into the narrative is offered as a new project', async () => {
    const { page, context, errors } = await openWithClipboard('sun')
    const projects = await page.locator('section[data-node="project"]').count()
    const rows = await Promise.all([0, 1].map((n) => rowsOf(page, n).count()))
    const name = await fieldText(page, 'projectName', 1)
    const names = await cellTexts(page, 1, 'indicatorName')
    const budget = Number(await fieldText(page, 'budgetTotal', 1))
    const before = await total(page)
    await selectThrough(page, ['unitCode', 1], ['indicatorBasis', rows[0]! + rows[1]! - 1])
    await page.keyboard.press('Control+C')

    await typeAt(page, 'end', 'goalItem', 0, '')
    const goal = await fieldText(page, 'goalItem', 0)
    await page.keyboard.press('Control+V')
    const ask = page.getByTestId('confirm-paste-projects')
    await expect.poll(() => ask.textContent()).toContain(`粘贴的内容是一张绩效目标表（${name}），要添加为新项目吗？`)
    await ask.getByRole('button', { name: '添加为项目' }).click()
    await expect.poll(() => page.locator('section[data-node="project"]').count()).toBe(projects + 1)
    expect(await fieldText(page, 'goalItem', 0)).toBe(goal)
    expect(await fieldText(page, 'projectName', projects)).toBe(name)
    expect(await cellTexts(page, projects, 'indicatorName')).toEqual(names)
    await expect.poll(() => total(page)).toBeCloseTo(before + budget, 2)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('a row of percentages copied from Excel fills a 资金支出计划 across from the cell', async () => {
    const { page, context, errors } = await openWithClipboard('zhou')
    const before = await Promise.all([0, 1, 2, 3].map((n) => project(page, n).locator('[data-field="spendingPercent"]').count()))
    const labels = await cellTexts(page, 4, 'spendingLabel')
    expect(labels).toHaveLength(4)
    const grid = [['10%', '40%', '80%', '100%']]
    await typeAt(page, 'end', 'spendingPercent', before.reduce((a, b) => a + b, 0), '')
    await copy(page, excelTableHtml(grid), excelTableText(grid))
    await page.keyboard.press('Control+V')
    await expect.poll(() => cellTexts(page, 4, 'spendingPercent')).toEqual(grid[0])
    expect(await cellTexts(page, 4, 'spendingLabel')).toEqual(labels)
    await expect.poll(() => page.getByTestId('paste-report').textContent()).toContain('已粘贴 4 个资金支出时间点')
    // Once she types on, it is about a change behind her: it goes.
    await typeAt(page, 'end', 'projectGoal', 0, '。')
    await expect.poll(() => page.getByTestId('paste-report').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('text of several lines dropped from another program stays in the cell it lands in', async () => {
    const { page, context, errors } = await openWithClipboard('wu')
    const rows = await rowsOf(page, 5).count()
    const target = project(page, 5).locator('[data-field="indicatorBasis"] .value').first()
    const before = (await target.textContent()) ?? ''
    // Scrolled to the middle of the window, clear of the sticky toolbar.
    await target.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    // The other program: an empty text box beside the page (the test's own stand-in, not what it checks),
    // into which the person types two lines.
    await page.evaluate(() => {
      const other = document.createElement('textarea')
      other.id = 'other-program'
      Object.assign(other.style, { position: 'fixed', right: '8px', bottom: '8px', width: '160px', height: '60px', zIndex: '1000' })
      document.body.append(other)
    })
    const source = page.locator('#other-program')
    await source.click()
    await page.keyboard.type('依据上级')
    await page.keyboard.press('Enter')
    await page.keyboard.type('文件要求')
    await page.keyboard.press('Control+A')
    // Dragged with the mouse from the selected text to the right half of the cell's last character
    // (a wrapped cell's right edge may be mid-text).
    const at = await target.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      let last: Text | null = null
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).length > 0) last = node as Text
      const range = document.createRange()
      range.setStart(last!, last!.length - 1)
      range.setEnd(last!, last!.length)
      const char = range.getBoundingClientRect()
      return { x: char.right - 1, y: char.top + char.height / 2 }
    })
    const from = (await source.boundingBox())!
    await page.mouse.move(from.x + 20, from.y + 12)
    await page.mouse.down()
    await page.mouse.move(at.x, at.y, { steps: 12 })
    await page.mouse.up()
    await expect.poll(() => target.textContent()).toBe(`${before}依据上级文件要求`)
    expect(await rowsOf(page, 5).count()).toBe(rows)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)
})
