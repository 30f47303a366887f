/**
 * A reviewer retypes figures (3.00 → 3.50): each is one suggestion, shown
 * old → new on its card and decided whole — from the card, the toolbar at
 * the cursor (on either half), per project and all — so no cell ever reads
 * "3.003.50" and the department total counts every figure.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { arriveAs, browserAndServer, fieldText, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('a retyped figure is one suggestion', () => {
  it('shown 3.00 → 3.50, accepted or rejected whole from the card, the toolbar, the project and all', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    await retype(finance.page, 'budgetTotal', 1, '3.50')
    await retype(finance.page, 'budgetTotal', 2, '12.00')
    await retype(finance.page, 'budgetTotal', 3, '1.20')
    await retype(finance.page, 'budgetTotal', 4, '25.00')
    await synced(finance.page)
    const marked = (n: number) => staff.page.locator('[data-field="budgetTotal"]').nth(n).locator('span[data-insertion]')
    for (const n of [1, 2, 3, 4]) await expect.poll(() => marked(n).count(), { timeout: 10_000 }).toBe(1)
    const card = staff.page.getByTestId('suggestion-card')

    // 张伟 types in another project first, and pauses (his typing is an undo step of its own).
    await typeAt(staff.page, 'end', 'projectName', 0, '（试点）')
    await staff.page.waitForTimeout(800)

    // The card, with the cursor after the new figure: one change, old → new; 接受 takes it whole.
    await typeAt(staff.page, 'end', 'budgetTotal', 1, '')
    await expect.poll(() => card.locator('p').textContent()).toBe('建议修改：3.00 → 3.50')
    await card.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 1)).toBe('3.50')
    await expect.poll(() => card.count()).toBe(0)
    // Ctrl+Z at once, the focus still on the card's button: the 接受 is undone — the suggestion is back — and what he
    // typed before is untouched (the browser's own undo took its last letter, and left the figure accepted).
    await staff.page.keyboard.press('Control+z')
    await expect.poll(() => marked(1).count()).toBe(1)
    expect(await fieldText(staff.page, 'budgetTotal', 1)).toBe('3.003.50')
    expect(await fieldText(staff.page, 'projectName', 0)).toMatch(/（试点）$/)
    await typeAt(staff.page, 'end', 'budgetTotal', 1, '')
    await card.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 1)).toBe('3.50')
    expect(await fieldText(staff.page, 'projectName', 0)).toMatch(/（试点）$/)
    // The log says what was done: one accepted, none rejected — though the binding wrote it keeping "3." of the old figure.
    const decisions = async () => (await suite.t.server.data.service.activity(DOC_ID)).filter((a) => a.kind === 'suggestions')
    await expect.poll(async () => (await decisions()).at(-1), { timeout: 10_000 }).toMatchObject({ accepted: 1, rejected: 0 })

    // The toolbar, with the cursor on the old figure: 拒绝修订 rejects the new one too.
    await typeAt(staff.page, 'start', 'budgetTotal', 2, '')
    await expect.poll(() => card.locator('p').textContent()).toBe('建议修改：0.40 → 12.00')
    await staff.page.getByRole('button', { name: '拒绝修订' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 2)).toBe('0.40')

    // 接受本项目修订 counts it as one.
    await typeAt(staff.page, 'end', 'projectName', 3, '')
    await staff.page.getByRole('button', { name: '接受本项目修订' }).click()
    const confirm = staff.page.getByTestId('confirm-all')
    await expect.poll(() => confirm.textContent()).toContain('全部 1 处修订')
    await confirm.getByRole('button', { name: '接受这 1 处' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 3)).toBe('1.20')

    // 全部拒绝.
    await staff.page.getByRole('button', { name: '全部拒绝' }).click()
    await expect.poll(() => confirm.textContent()).toContain('全部 1 处修订')
    await confirm.getByRole('button', { name: '拒绝这 1 处' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 4)).toBe('24.00')

    // What everyone reads: the department total counts every figure, on both screens.
    for (const page of [staff.page, finance.page]) {
      await expect.poll(() => page.getByTestId('department-total').textContent(), { timeout: 10_000 }).toContain((116.4 + 0.5 + 0.2).toFixed(2))
    }
    await synced(staff.page)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects.slice(1, 5).map((p) => p.budget.total), { timeout: 10_000 }).toEqual([3.5, 0.4, 1.2, 24])
    const exported = await (await staff.context.request.get(`/api/docs/${DOC_ID}/export?format=txt`)).text()
    expect(exported).not.toMatch(/\d\.\d\d\d+\.\d/)
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 120_000)

  it('two figures run together (two people typing in one cell at once, or a replacement decided by halves) are an error of the checks, and every total says it left the project out', async () => {
    const staff = await openAs(suite.browser, suite.t, 'li', 'editor')
    await retype(staff.page, 'budgetTotal', 5, '11.0012.00')
    const finding = staff.page.getByTestId('checks').locator('li.error', { hasText: '预算数“11.0012.00”不是一个数，是两个数连在一起（11.00 与 12.00）' })
    await expect.poll(() => finding.count(), { timeout: 10_000 }).toBe(1)
    // One finding for it, not also 不是数字.
    expect(await staff.page.getByTestId('checks').locator('li', { hasText: '不是数字' }).count()).toBe(0)
    // The department total cannot count it, and says so instead of reading as the whole department's.
    await expect.poll(() => staff.page.getByTestId('department-total').textContent()).toContain('未计入 1 个项目')
    await synced(staff.page)

    // Nor does the bureau's dashboard pass the total off as the department's: its row and 按年度合计 say the same.
    const department = await suite.t.server.data.orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    await suite.t.server.data.orgs.setDocumentOrg(DOC_ID, department.id)
    const bureau = await arriveAs(suite.browser, suite.t, 'wang', 'reviewer', '/#/dashboard')
    const total = await staff.page.getByTestId('department-total').textContent()
    const figure = /\d+\.\d\d/.exec(total ?? '')![0]
    const row = bureau.page.getByTestId('dashboard').locator('tbody tr', { hasText: '政法委' })
    await expect.poll(() => row.locator('td.total').textContent(), { timeout: 10_000 }).toBe(`${figure}（未计入 1 个项目：预算数未填、无法读出或待核对）`)
    await expect.poll(() => bureau.page.getByTestId('dashboard-by-year').locator('td.total').textContent()).toBe(`${figure}（未计入 1 个项目：预算数未填、无法读出或待核对）`)
    expect([...staff.errors, ...bureau.errors]).toEqual([])
    await bureau.context.close()
    await staff.context.close()
  }, 60_000)

  it('two reviewers suggesting different figures for one cell: 全部接受 leaves that cell and says why; rejecting one lets the other in whole', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhou', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const second = await openAs(suite.browser, suite.t, 'qian', 'reviewer')
    const before = await fieldText(staff.page, 'budgetTotal', 8)
    // 王芳 retypes it; 钱, the second reviewer, proposes another figure after hers.
    await retype(finance.page, 'budgetTotal', 8, '6.00')
    await synced(finance.page)
    await expect.poll(() => second.page.locator('[data-field="budgetTotal"]').nth(8).locator('span[data-insertion]').count(), { timeout: 10_000 }).toBe(1)
    await typeAt(second.page, 'end', 'budgetTotal', 8, '5.50')
    await synced(second.page)
    const inserted = () =>
      staff.page.locator('[data-field="budgetTotal"]').nth(8).locator('span[data-insertion]').evaluateAll((spans) =>
        spans.map((span) => {
          const copy = span.cloneNode(true) as HTMLElement
          copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
          return copy.textContent ?? ''
        }),
      )
    await expect.poll(async () => (await inserted()).sort(), { timeout: 10_000 }).toEqual(['5.50', '6.00'])

    // 全部接受 would write the two together: the cell is left as it is, and the page says which and why.
    await staff.page.getByRole('button', { name: '全部接受' }).click()
    const confirm = staff.page.getByTestId('confirm-all')
    await confirm.getByRole('button', { name: /^接受这 \d+ 处$/ }).click()
    const notice = staff.page.locator('p.notice[role=status]')
    await expect.poll(() => notice.textContent()).toContain('“预算数”有 2 人各自建议的值')
    await expect.poll(() => notice.textContent()).toContain('请先拒绝不采用的建议')
    expect((await inserted()).sort()).toEqual(['5.50', '6.00'])
    expect(await staff.page.getByTestId('department-total').textContent()).not.toMatch(/5\.506\.00|6\.005\.50/)

    // 张伟 takes 王芳's: 钱's is rejected from its card, then 王芳's accepted whole.
    const card = staff.page.getByTestId('suggestion-card')
    await typeAt(staff.page, 'end', 'budgetTotal', 8, '')
    await expect.poll(() => card.locator('p').textContent()).toContain('5.50')
    await card.getByRole('button', { name: '拒绝' }).click()
    await expect.poll(inserted).toEqual(['6.00'])
    await typeAt(staff.page, 'end', 'budgetTotal', 8, '')
    await expect.poll(() => card.locator('p').textContent()).toBe(`建议修改：${before} → 6.00`)
    await card.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 8)).toBe('6.00')
    await expect.poll(() => fieldText(second.page, 'budgetTotal', 8), { timeout: 10_000 }).toBe('6.00')
    expect(before).not.toBe('6.00')
    expect([...staff.errors, ...finance.errors, ...second.errors]).toEqual([])
    for (const who of [staff, finance, second]) await who.context.close()
  }, 90_000)

  it('a figure typed over the selected cell is the whole old figure → the whole new one, though both start alike', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    expect(await fieldText(finance.page, 'budgetTotal', 7)).toBe('1.00')
    // As a reviewer does: click into the cell, the cursor to its end, Shift+Home over the figure, type the new one.
    await typeAt(finance.page, 'end', 'budgetTotal', 7, '')
    await finance.page.keyboard.press('End')
    await finance.page.keyboard.press('Shift+Home')
    // Slowly, a key every 0.7 s, while 张伟 types in another table meanwhile: Yjs alone made each key a step of its
    // own, and a Ctrl+Z left "1.5" suggested; a colleague's typing then ended the step at every key of theirs.
    const before = await fieldText(staff.page, 'budgetFiscal', 6)
    await typeAt(staff.page, 'end', 'budgetFiscal', 6, '')
    await Promise.all([finance.page.keyboard.type('1.50', { delay: 700 }), staff.page.keyboard.type('77', { delay: 900 })])
    await expect.poll(() => fieldText(finance.page, 'budgetFiscal', 6), { timeout: 10_000 }).toBe(`${before}77`)
    const cell = (page: typeof staff.page) => page.locator('[data-field="budgetTotal"]').nth(7)
    // The old figure struck whole, the new one inserted whole: no "1" left plain in front of ".00 → .50".
    const suggested = async () => [await cell(finance.page).locator('span[data-deletion]').allTextContents(), await cell(finance.page).locator('span[data-insertion]').allTextContents()]
    await expect.poll(suggested).toEqual([['1.00'], ['1.50']])
    // One Ctrl+Z takes back the figure typed into the cell, whole; Ctrl+Y puts it back, whole.
    await finance.page.keyboard.press('Control+z')
    await expect.poll(suggested).toEqual([[], []])
    expect(await fieldText(finance.page, 'budgetTotal', 7)).toBe('1.00')
    expect(await fieldText(finance.page, 'budgetFiscal', 6)).toBe(`${before}77`)
    await finance.page.keyboard.press('Control+y')
    await expect.poll(suggested).toEqual([['1.00'], ['1.50']])
    await synced(finance.page)

    const card = staff.page.getByTestId('suggestion-card')
    await expect.poll(() => cell(staff.page).locator('span[data-insertion]').count(), { timeout: 10_000 }).toBe(1)
    await typeAt(staff.page, 'end', 'budgetTotal', 7, '')
    await expect.poll(() => card.locator('p').textContent()).toBe('建议修改：1.00 → 1.50')
    await card.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 7)).toBe('1.50')
    await expect.poll(() => fieldText(finance.page, 'budgetTotal', 7), { timeout: 10_000 }).toBe('1.50')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 60_000)

  it('Ctrl+Z of an acceptance that a colleague has since retyped is refused with a word: the figure stays the colleague’s, whole, and no older edit is undone instead', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const colleague = await openAs(suite.browser, suite.t, 'li', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const before = await fieldText(staff.page, 'budgetTotal', 6)
    await retype(finance.page, 'budgetTotal', 6, '8.50')
    await synced(finance.page)
    // 张伟 fixes a project name far above first, and pauses: an undo step of its own.
    await typeAt(staff.page, 'end', 'projectName', 0, '（修正）')
    await staff.page.waitForTimeout(800)
    const card = staff.page.getByTestId('suggestion-card')
    await expect.poll(() => staff.page.locator('[data-field="budgetTotal"]').nth(6).locator('span[data-insertion]').count(), { timeout: 10_000 }).toBe(1)
    await typeAt(staff.page, 'end', 'budgetTotal', 6, '')
    await expect.poll(() => card.locator('p').textContent()).toBe(`建议修改：${before} → 8.50`)
    await card.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => fieldText(colleague.page, 'budgetTotal', 6), { timeout: 10_000 }).toBe('8.50')

    // 李娜 makes it 8.80; then 张伟 presses Ctrl+Z, meaning to take back his 接受, and again when nothing seems to happen.
    await retype(colleague.page, 'budgetTotal', 6, '8.80')
    await expect.poll(() => fieldText(staff.page, 'budgetTotal', 6), { timeout: 10_000 }).toBe('8.80')
    await typeAt(staff.page, 'end', 'budgetTotal', 6, '')
    await staff.page.keyboard.press('Control+z')
    await synced(staff.page)
    for (const page of [staff.page, colleague.page]) expect(await fieldText(page, 'budgetTotal', 6)).toBe('8.80')
    const notice = staff.page.locator('p.notice[role=status]')
    // It names the place (the project, the field), not just 「这里」.
    const project = await fieldText(staff.page, 'projectName', 6)
    await expect.poll(() => notice.textContent()).toContain(`这一步没有撤销：同事之后改动了“${project} · 预算数”`)
    await staff.page.keyboard.press('Control+z')
    await synced(staff.page)
    expect(await fieldText(staff.page, 'projectName', 0)).toMatch(/（修正）$/)
    expect(await fieldText(staff.page, 'budgetTotal', 6)).toBe('8.80')
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[6]!.budget.total, { timeout: 10_000 }).toBe(8.8)
    // Nothing is left to undo, and the toolbar's 撤销 says so; the word goes once he goes on.
    const undo = staff.page.getByRole('button', { name: '撤销', exact: true })
    await expect.poll(() => undo.isDisabled()).toBe(true)
    await typeAt(staff.page, 'end', 'projectName', 0, '。')
    await expect.poll(() => notice.count()).toBe(0)
    await expect.poll(() => undo.isDisabled()).toBe(false)
    expect([...staff.errors, ...colleague.errors, ...finance.errors]).toEqual([])
    for (const who of [staff, colleague, finance]) await who.context.close()
  }, 90_000)
})
