/**
 * A whole round, played as the people do it, on a 32-project document that
 * belongs to a department (nothing shared by name): 张伟 (the department's
 * admin) and 李娜 (staff) draft — a figure retyped, one pasted from Excel
 * through the real clipboard, a slip undone with Ctrl+Z — and 报送; 王芳,
 * the 财政局 reviewer assigned to the department, finds it in her queue,
 * 开始审核, retypes a figure (a replacement suggestion), comments on the
 * last project and 退回修改; 李娜 accepts the suggestion from its card,
 * makes the fix asked for, takes back a slip with 恢复此项目, presses
 * Ctrl+Z (which must not reach her fix), resolves the comment and 报送s
 * again; 王芳 drafts her 审核意见 (it survives 开始审核 and shows at another
 * PC), reads 自上次退回以来的修改 and approves. Then every export, the 审核队列 row and the
 * dashboard's total must equal the figures computed here from what the
 * people typed, and 张伟's 以此为底稿新建下一年度 shows up in 李娜's list.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { importFile } from '@shared/formats/registry'
import { generateDocument } from '../../support/generate-document'
import { excelTableHtml } from '../support/office-clipboard'
import { makeRandom } from '../../support/random'
import { arriveAs, browserAndServer, field, fieldText, openAs, retype, selectField, synced, theDepartmentAndBureau, typeAt } from './browser'

const suite = browserAndServer({ clipboard: true })
const DOC = 'journey'
const TITLE = '政法委部门预算绩效文本'
const source = generateDocument(makeRandom(25), 32)

// Which project each person works on (0-based, document order).
const LI_DRAFT = 2 // 李娜 retypes its 预算数 while drafting
const PASTED = 5 // 张伟 pastes its 预算数 from Excel
const SLIP = 7 // 张伟 types a digit too many and takes it back with Ctrl+Z
const REVIEWED = 4 // 王芳 retypes its 预算数; 李娜 accepts
const FIX = 3 // the 退回意见 asks for a new figure here
const RESTORED = 12 // 李娜's slip in its 资金用途, taken back with 恢复此项目
const COMMENTED = source.projects.length - 1
const OPINION_LINE = '另：项目 4 的预算数已按审核调整。'

const status = (page: Page) => page.getByTestId('doc-status').textContent()
const money = (n: number) => n.toFixed(2)

/** A workflow step by its button; 报送 asks first, saying what it does. */
async function step(page: Page, label: '报送' | '开始审核', expected: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click()
  if (label === '报送') await page.getByTestId('confirm-step').getByRole('button', { name: `确认${label}` }).click()
  await expect.poll(() => status(page), { timeout: 10_000 }).toBe(expected)
}

describe('a round trip', () => {
  it('two staff and a reviewer take a 32-project document from draft to approval and next year; the export, queue and dashboard carry what they typed', async () => {
    const { t, browser } = suite
    const { orgs, service } = t.server.data
    const department = await theDepartmentAndBureau(t)
    await service.create(source, { id: DOC, title: TITLE, ownerId: null })
    await orgs.setDocumentOrg(DOC, department.id)

    // What the people type; the expected figures follow from these alone.
    const budgets = source.projects.map((p) => p.budgetTotal)
    const typed = {
      liDraft: '20.00',
      pasted: '12.00',
      reviewed: money(Number(budgets[REVIEWED]) + 0.5),
      fix: '30.00',
    }

    const zhang = await openAs(browser, t, 'zhangwei', 'editor', DOC, { share: false })
    const li = await openAs(browser, t, 'lina', 'editor', DOC, { share: false })
    await zhang.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url })

    // —— Drafting ——
    // 李娜 retypes a figure.
    await retype(li.page, 'budgetTotal', LI_DRAFT, typed.liDraft)
    budgets[LI_DRAFT] = typed.liDraft
    // 张伟 slips (a digit too many), pauses, sees it and presses Ctrl+Z.
    await typeAt(zhang.page, 'end', 'budgetTotal', SLIP, '9')
    await expect.poll(() => fieldText(zhang.page, 'budgetTotal', SLIP)).toBe(`${budgets[SLIP]}9`)
    await zhang.page.waitForTimeout(800)
    await zhang.page.keyboard.press('Control+z')
    await expect.poll(() => fieldText(zhang.page, 'budgetTotal', SLIP)).toBe(budgets[SLIP])
    // 张伟 copies a cell in Excel and pastes it over a figure.
    await selectField(zhang.page, 'budgetTotal', PASTED)
    await zhang.page.evaluate(async ({ html, text }) => {
      await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) })])
    }, { html: excelTableHtml([[typed.pasted]]), text: `${typed.pasted}\r\n` })
    await zhang.page.keyboard.press('Control+V')
    await expect.poll(() => fieldText(zhang.page, 'budgetTotal', PASTED)).toBe(typed.pasted)
    budgets[PASTED] = typed.pasted
    // Each sees the other's figures, and the department total of them.
    await expect.poll(() => fieldText(zhang.page, 'budgetTotal', LI_DRAFT), { timeout: 10_000 }).toBe(typed.liDraft)
    await expect.poll(() => fieldText(li.page, 'budgetTotal', PASTED), { timeout: 10_000 }).toBe(typed.pasted)
    const sum = () => money(budgets.reduce((s, b) => s + Number(b), 0))
    for (const page of [zhang.page, li.page]) await expect.poll(() => page.getByTestId('department-total').textContent(), { timeout: 10_000 }).toContain(sum())

    await synced(zhang.page)
    await step(zhang.page, '报送', '已报送')

    // —— First review ——
    const wang = await arriveAs(browser, t, 'wangfang', 'reviewer', '/#/queue', { share: false })
    const queueRow = wang.page.getByTestId('queue').locator('tbody tr', { hasText: TITLE })
    await expect.poll(() => queueRow.locator('.status').textContent(), { timeout: 10_000 }).toBe('已报送')
    await queueRow.getByRole('link', { name: TITLE }).click()
    await synced(wang.page)
    await step(wang.page, '开始审核', '审核中')
    // She retypes a figure: one replacement suggestion.
    await retype(wang.page, 'budgetTotal', REVIEWED, typed.reviewed)
    // She comments on the last project's goal.
    const goal = field(wang.page, 'projectGoal', COMMENTED)
    await goal.scrollIntoViewIfNeeded()
    await selectField(wang.page, 'projectGoal', COMMENTED)
    await wang.page.getByRole('button', { name: '添加批注' }).click()
    await wang.page.keyboard.type('请写明目标的数量')
    await wang.page.getByTestId('comment-composer').getByRole('button', { name: '添加批注' }).click()
    await expect.poll(() => wang.page.locator('.thread .text').allTextContents(), { timeout: 10_000 }).toContain('请写明目标的数量')
    await synced(wang.page)
    await wang.page.getByRole('button', { name: '退回修改', exact: true }).click()
    await wang.page.locator('.workflow-note textarea').fill(`请将项目 ${FIX + 1} 的预算数改为 ${typed.fix}`)
    await wang.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => status(wang.page), { timeout: 10_000 }).toBe('退回修改')

    // —— Staff fix ——
    await expect.poll(() => li.page.getByTestId('return-note').textContent(), { timeout: 10_000 }).toContain(`改为 ${typed.fix}`)
    // Who returned it, by 姓名.
    expect(await li.page.getByTestId('return-note').locator('strong').textContent()).toMatch(/^退回意见（王芳，/)
    await expect.poll(() => li.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    // The reviewer's figure, accepted whole from its card.
    await typeAt(li.page, 'end', 'budgetTotal', REVIEWED, '')
    const card = li.page.getByTestId('suggestion-card')
    await expect.poll(() => card.locator('p').textContent(), { timeout: 10_000 }).toBe(`建议修改：${budgets[REVIEWED]} → ${typed.reviewed}`)
    await card.getByRole('button', { name: '接受' }).click()
    const reviewedFrom = budgets[REVIEWED]!
    await expect.poll(() => fieldText(li.page, 'budgetTotal', REVIEWED)).toBe(typed.reviewed)
    budgets[REVIEWED] = typed.reviewed
    // The fix asked for.
    const fixedFrom = budgets[FIX]!
    await retype(li.page, 'budgetTotal', FIX, typed.fix)
    budgets[FIX] = typed.fix
    await li.page.waitForTimeout(800) // a person's pause: the slip below is an undo step of its own
    // A slip in another project, taken back with 恢复此项目 from the version the 退回 made.
    const usage = await fieldText(li.page, 'fundUsage', RESTORED)
    await typeAt(li.page, 'end', 'fundUsage', RESTORED, '（误）')
    await synced(li.page)
    await li.page.getByTestId('history').locator('.versions li', { hasText: '退回修改' }).first().getByRole('button', { name: '与当前比较' }).click()
    const change = li.page.getByTestId('comparison').locator('li.project-change', { hasText: source.projects[RESTORED]!.name })
    await change.getByRole('button', { name: '恢复此项目' }).click()
    await change.getByTestId('confirm-restore-project').click()
    await expect.poll(() => fieldText(li.page, 'fundUsage', RESTORED), { timeout: 10_000 }).toBe(usage)
    // One Ctrl+Z after the restore never reaches her fix in another project.
    await typeAt(li.page, 'end', 'fundUsage', RESTORED, '')
    await li.page.keyboard.press('Control+z')
    await li.page.waitForTimeout(300)
    // After one's own restore it does nothing (as undo-after-restore.test.ts has it).
    expect(await fieldText(li.page, 'fundUsage', RESTORED)).toBe(usage)
    expect(await fieldText(li.page, 'budgetTotal', FIX)).toBe(typed.fix)
    expect(await fieldText(li.page, 'budgetTotal', REVIEWED)).toBe(typed.reviewed)
    // The comment answered: she resolves it.
    const thread = li.page.locator('.thread', { hasText: '请写明目标的数量' })
    await thread.click()
    await thread.getByRole('button', { name: '解决' }).click()
    await expect.poll(() => li.page.locator('.thread', { hasText: '请写明目标的数量' }).count(), { timeout: 10_000 }).toBe(0)
    await synced(li.page)
    await step(li.page, '报送', '已报送')

    // —— Second review, approval ——
    await expect.poll(() => status(wang.page), { timeout: 10_000 }).toBe('已报送')
    // 王芳 drafts her 审核意见 from the checks and adds a line of her own, then 开始审核.
    const opinion = wang.page.getByTestId('review-opinion')
    await opinion.getByRole('button', { name: '根据审核检查起草审核意见' }).click()
    await opinion.locator('textarea').click()
    await wang.page.keyboard.press('Control+End')
    await wang.page.keyboard.type(OPINION_LINE)
    await step(wang.page, '开始审核', '审核中')
    // It survives the step, and is there at another PC (a fresh browser).
    const opinionText = (page: Page) => page.getByTestId('review-opinion').locator('textarea').evaluateAll((els) => (els[0] as HTMLTextAreaElement | undefined)?.value ?? '')
    expect(await opinionText(wang.page)).toContain(OPINION_LINE)
    const otherPc = await openAs(browser, t, 'wangfang', 'reviewer', DOC, { share: false })
    await expect.poll(() => opinionText(otherPc.page), { timeout: 10_000 }).toContain(OPINION_LINE)
    await otherPc.context.close()
    // 自上次退回以来的修改: the fix and the accepted figure, old → new; the slip taken back is no change.
    await wang.page.getByTestId('since-last-return').click()
    const comparison = wang.page.getByTestId('comparison')
    const changed = (n: number) => comparison.locator('li.project-change', { hasText: source.projects[n]!.name })
    const budgetChange = async (n: number) => (await changed(n).locator('.field-change', { hasText: '预算数' }).allTextContents()).join('')
    await expect.poll(() => budgetChange(FIX), { timeout: 10_000 }).toContain(`${fixedFrom} → ${typed.fix}`)
    expect(await budgetChange(REVIEWED)).toContain(`${reviewedFrom} → ${typed.reviewed}`)
    expect(await changed(RESTORED).count()).toBe(0)
    // Whose words each figure is: the accepted one is 王芳's, accepted by 李娜; the fix is 李娜's own.
    const changedBy = (n: number) => changed(n).locator('.field-change', { hasText: '预算数' }).getByTestId('changed-by').textContent()
    expect(await changedBy(REVIEWED)).toMatch(/^王芳建议 · 李娜接受 · (刚刚|\d+ 分钟前)$/)
    expect(await changedBy(FIX)).toMatch(/^李娜 · (刚刚|\d+ 分钟前)$/)
    // 显示作者 says the same in the editor.
    await wang.page.getByTestId('toggle-authors').click()
    const budgetCell = (n: number) => wang.page.locator('[data-field="budgetTotal"]').nth(n)
    await expect.poll(() => budgetCell(REVIEWED).getAttribute('data-changed-by'), { timeout: 10_000 }).toMatch(/^王芳建议 · 李娜接受 · /)
    expect(await budgetCell(FIX).getAttribute('data-changed-by')).toMatch(/^李娜 · /)
    await wang.page.getByTestId('toggle-authors').click()
    await wang.page.getByRole('button', { name: '审核通过', exact: true }).click()
    // What the checks still find (the generated text's placeholders) asks for a reason at once; she gives one.
    const reason = wang.page.locator('.workflow-note')
    await expect.poll(() => reason.locator('label').textContent(), { timeout: 10_000 }).toMatch(/^暂不能审核通过：审核检查还有 \d+ 个错误。/)
    await reason.locator('textarea').fill('其余检查项为指标值占位，下年度补充')
    await reason.getByRole('button', { name: '确认审核通过' }).click()
    await expect.poll(() => status(wang.page), { timeout: 10_000 }).toBe('审核通过')
    // Final for staff, who read why it passed over what the checks found; the reviewer's outline totals what was typed.
    await expect.poll(() => li.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false')
    await expect.poll(() => li.page.getByTestId('approval-note').textContent(), { timeout: 10_000 }).toMatch(/^审核通过说明（王芳，.*）：其余检查项为指标值占位，下年度补充$/)
    expect(await wang.page.getByTestId('department-total').textContent()).toContain(sum())

    // —— What everyone reads ——
    const expected = budgets.map((b) => money(Number(b)))
    // Every export, taken from the 导出 menu as 李娜 would and read back by the importer of its format.
    const menu = li.page.getByTestId('export-menu')
    await menu.locator('summary').click()
    for (const name of ['纯文本（发布格式）（.txt）', 'Word 文档（.docx）', 'Excel 表格（.xlsx）', '网页（可打印）（.html）']) {
      const href = await menu.getByRole('link', { name, exact: true }).getAttribute('href')
      const read = await importFile(new Uint8Array(await (await li.context.request.get(href!)).body()))
      if (!read.ok) throw new Error(`${name}: ${read.error.message}`)
      expect(read.value.projects.map((p) => money(Number(p.budgetTotal))), name).toEqual(expected)
      expect(read.value.projects[RESTORED]!.usage, name).toBe(usage)
    }
    // The queue row and the dashboard.
    await wang.page.goto('/#/queue')
    await expect.poll(() => queueRow.locator('.status').textContent(), { timeout: 10_000 }).toBe('审核通过')
    expect(await queueRow.locator('td.r').first().textContent()).toBe(sum())
    expect(await queueRow.textContent()).toContain('李娜') // who sent it this time, by 姓名
    expect(await queueRow.locator('td.r').nth(1).textContent()).toBe('0') // no comment left open
    expect(await queueRow.locator('td.r').nth(2).textContent()).toBe('0') // no suggestion left pending
    await wang.page.goto('/#/')
    await wang.page.getByTestId('dashboard-link').click()
    const dashboardRow = wang.page.getByTestId('dashboard').locator('tbody tr', { hasText: TITLE })
    await expect.poll(() => dashboardRow.locator('td.r').first().textContent(), { timeout: 10_000 }).toBe(sum())

    // —— Next year ——
    // 张伟 starts next year's draft from the list; it is the department's, so 李娜 finds it in hers.
    await zhang.page.goto('/#/')
    const listed = zhang.page.locator('li', { has: zhang.page.getByRole('link', { name: TITLE, exact: true }) })
    await listed.getByRole('button', { name: '以此为底稿新建下一年度' }).click()
    await listed.getByRole('button', { name: '新建', exact: true }).click()
    await zhang.page.waitForURL(new RegExp(`#/doc/(?!${DOC}$)`))
    const successor = /#\/doc\/(.+)$/.exec(zhang.page.url())![1]!
    await synced(zhang.page)
    await li.page.goto('/#/')
    await expect.poll(() => li.page.locator(`a[href="#/doc/${successor}"]`).count(), { timeout: 10_000 }).toBe(1)

    expect([...zhang.errors, ...li.errors, ...wang.errors]).toEqual([])
    for (const c of [zhang, li, wang]) await c.context.close()
  }, 240_000)
})
