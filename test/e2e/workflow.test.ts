/**
 * The workflow in the browser: staff submit, the status reaches every open
 * editor live, and staff editors turn read-only until finance returns the
 * document.
 */
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { browserAndServer, downloadedBytes, openAs, retype, synced } from './browser'

const suite = browserAndServer()

describe('workflow', () => {
  it('报送 makes the document read-only for staff, 退回修改 gives it back', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const other = await openAs(suite.browser, suite.t, 'li', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const editable = (page: typeof staff.page) => page.locator('.ProseMirror').getAttribute('contenteditable')
    expect(await editable(other.page)).toBe('true')

    // 报送 asks first, saying what it does.
    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    expect(await staff.page.getByTestId('confirm-step').textContent()).toContain('编制人员将不能直接修改')
    // And what the checks still find, before it goes (the sample's placeholders are errors).
    expect(await staff.page.getByTestId('still-open').textContent()).toMatch(/^注意：审核检查还有 \d+ 个错误。$/)
    await staff.page.getByRole('button', { name: '确认报送' }).click()
    for (const page of [staff.page, other.page, finance.page]) {
      await expect.poll(() => page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    }
    await expect.poll(() => editable(other.page)).toBe('false')
    expect(await other.page.getByRole('status').textContent()).toContain('已报送')

    // The reviewer's bell counts the 报送 as it happens (no reload, no refocus); opening it shows it and marks it read.
    await expect.poll(() => finance.page.getByTestId('unread').textContent(), { timeout: 10_000 }).toBe('1')
    await finance.page.getByTestId('bell').click()
    expect(await finance.page.locator('.bell-list').textContent()).toContain('报送')
    await expect.poll(() => finance.page.getByTestId('unread').count()).toBe(0)
    await finance.page.getByTestId('bell').click()

    await finance.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => finance.page.getByTestId('doc-status').textContent()).toBe('审核中')
    // Her own suggestion still open, 审核通过 says so at once, with the errors and what the step does, and asks why it
    // should pass anyway; she thinks better of it.
    await retype(finance.page, 'budgetTotal', 1, '3.50')
    await synced(finance.page)
    await finance.page.getByRole('button', { name: '审核通过', exact: true }).click()
    const reason = finance.page.locator('.workflow-note')
    await expect.poll(() => reason.locator('label').textContent()).toMatch(/^暂不能审核通过：还有 1 处修改建议未接受或拒绝；审核检查还有 \d+ 个错误。如确需审核通过，请写明理由：$/)
    expect(await reason.locator('.consequence').textContent()).toContain('审核通过后，文档定稿')
    expect(await reason.getByRole('button', { name: '确认审核通过' }).isDisabled()).toBe(true)
    expect(await finance.page.getByTestId('confirm-step').count()).toBe(0)
    // A reason too short for the server is said so here, and cannot be sent.
    await finance.page.keyboard.type('同意')
    expect([await reason.getByTestId('note-too-short').textContent(), await reason.getByRole('button', { name: '确认审核通过' }).isDisabled()]).toEqual(['至少写 4 个字', true])
    await finance.page.keyboard.type('，已核实')
    expect([await reason.getByTestId('note-too-short').count(), await reason.getByRole('button', { name: '确认审核通过' }).isDisabled()]).toEqual([0, false])
    await reason.getByRole('button', { name: '取消' }).click()
    await finance.page.getByRole('button', { name: '退回修改' }).click()
    // 退回修改 asks for the 退回意见 first; staff then see it at the top of the document.
    await finance.page.locator('.workflow-note textarea').fill('请核实项目 2 的资金支出计划')
    await finance.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => other.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('退回修改')
    await expect.poll(() => other.page.getByTestId('return-note').textContent()).toContain('请核实项目 2 的资金支出计划')
    await expect.poll(() => editable(other.page)).toBe('true')
    expect([...staff.errors, ...other.errors, ...finance.errors]).toEqual([])
    for (const c of [staff, other, finance]) await c.context.close()
  }, 90_000)

  it('the reviewer drafts the 审核意见 from the checks, edits it, and staff read it when the document comes back', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhao', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'qian', 'reviewer')
    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    await staff.page.getByRole('button', { name: '确认报送' }).click()
    await expect.poll(() => finance.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    await finance.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => finance.page.getByTestId('doc-status').textContent()).toBe('审核中')

    const panel = finance.page.getByTestId('review-opinion')
    await panel.getByRole('button', { name: '根据审核检查起草审核意见' }).click()
    const draft = panel.locator('textarea')
    await expect.poll(() => draft.inputValue()).toContain('审核结论：中')
    expect(await draft.inputValue()).toContain('第 1 行“开展政法队伍教育整顿宣传”、第 3 行')
    await draft.fill(`${await draft.inputValue()}\n另：请补充项目 3 的车辆台数。`)

    // The 审核意见书 in Word says what the reviewer wrote, on the 公文 page.
    const [download] = await Promise.all([finance.page.waitForEvent('download'), panel.getByRole('button', { name: '导出审核意见书（Word）' }).click()])
    expect(download.suggestedFilename()).toBe('关于政法委部门2022年度部门预算绩效目标的审核意见.docx')
    const xml = new TextDecoder().decode(unzipSync(await downloadedBytes(download))['word/document.xml']!)
    expect(xml).toContain('另：请补充项目 3 的车辆台数。')
    expect(xml).toContain('仿宋_GB2312')

    // Or the document itself in Word with the opinion on the pages after it, once the draft is kept on the server.
    await expect.poll(() => panel.getByTestId('opinion-saving').textContent()).toBe('已保存在服务器。')
    await finance.page.getByTestId('export-menu').locator('summary').click()
    const [withOpinion] = await Promise.all([
      finance.page.waitForEvent('download'),
      finance.page.getByTestId('export-menu').getByRole('link', { name: 'Word 文档（附审核意见）' }).click(),
    ])
    const whole = new TextDecoder().decode(unzipSync(await downloadedBytes(withOpinion))['word/document.xml']!)
    expect(whole.indexOf('开展政法队伍教育整顿宣传')).toBeGreaterThan(-1)
    expect(whole.indexOf('另：请补充项目 3 的车辆台数。')).toBeGreaterThan(whole.indexOf('开展政法队伍教育整顿宣传'))
    // The menu closed with the download, as a chosen menu does.
    expect(await finance.page.getByTestId('export-menu').getAttribute('open')).toBeNull()

    // 审核通过 does not start from a draft that asks for resubmission (its 审核结论 is 中): the box is empty and says why.
    await finance.page.getByRole('button', { name: '审核通过', exact: true }).click()
    const reason = finance.page.locator('.workflow-note')
    await reason.waitFor()
    expect(await reason.locator('textarea').inputValue()).toBe('')
    expect(await reason.getByTestId('note-sends-back').textContent()).toBe('审核意见草稿要求修改后重新报送，与审核通过不一致，未带入：请写明审核通过的理由，或改为退回修改')
    // A reason she writes that asks the same is said to contradict the step.
    await finance.page.keyboard.type('请修改后重新报送')
    expect(await reason.getByTestId('note-sends-back').textContent()).toContain('部门会读到它')
    expect(await reason.getByRole('button', { name: '确认审核通过' }).isDisabled()).toBe(true)
    await reason.getByRole('button', { name: '取消' }).click()

    // 退回修改 starts from the draft; staff see it whole.
    await finance.page.getByRole('button', { name: '退回修改' }).click()
    expect(await finance.page.locator('.workflow-note textarea').inputValue()).toContain('另：请补充项目 3 的车辆台数。')
    await finance.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => staff.page.getByTestId('return-note').textContent(), { timeout: 10_000 }).toContain('审核结论：中')
    expect(await staff.page.getByTestId('return-note').textContent()).toContain('另：请补充项目 3 的车辆台数。')
    // The staff's editor offers no review panel.
    expect(await staff.page.getByTestId('review-opinion').count()).toBe(0)
    expect([...staff.errors, ...finance.errors]).toEqual([])
    for (const c of [staff, finance]) await c.context.close()
  }, 90_000)
})
