/**
 * A long document (past the count where tables far from the window are
 * drawn only when scrolled near) used as a person uses it: scroll far down
 * and type in a table, jump there from the outline, find with Ctrl+F a word
 * in a table not drawn, see a colleague's edit in a table not drawn once
 * scrolled to it, and find it all again after an offline reload.
 *
 * And a short one (the sample), which opens with the tables of its first
 * screen and draws the rest right after: its last table is typed in and a
 * colleague sees it, as ever.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { textAt } from '../../support/document-place'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { sampleText } from '../../support/sample'
import { synced as providerSynced } from '../../support/test-server'
import { browserAndServer, fieldText, openAs, synced, typeAt } from './browser'

const suite = browserAndServer({ offline: true })

const PROJECTS = 120
const DOC = 'long'
/** The tables the person works in (0-based), far from each other and from the top. */
const TYPED = 80
const JUMPED = 100
const FOUND = 30
const COLLEAGUE = 112
const WORD = '独一份的查找词'

const table = (page: Page, n: number) => page.locator('section[data-node="project"]').nth(n)
const cell = (section: Locator, name: string) => section.locator(`[data-field="${name}"] .value`).first()
/** A table is drawn when its cells are on the page; a frame far from the window has none. */
const drawn = async (section: Locator) => (await section.locator('[data-field]').count()) > 0
/** Whether a person sees the element: some of it inside the window. */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect()
    return box.height > 0 && box.bottom > 0 && box.top < innerHeight
  })

describe('a long document', () => {
  it('is scrolled, typed in, jumped through, searched and kept offline as a short one is', async () => {
    const text = generateDocument(makeRandom(29), PROJECTS)
    text.projects[FOUND]!.usage = `本项目资金${WORD}用于日常运转`
    await suite.t.server.data.service.create(text, { id: DOC, title: '长文档', ownerId: null })
    const zhang = await openAs(suite.browser, suite.t, 'zhang', 'editor', DOC)
    const { page } = zhang
    await expect.poll(() => page.locator('section[data-node="project"]').count(), { timeout: 20_000 }).toBe(PROJECTS)
    expect(await drawn(table(page, TYPED))).toBe(false)

    // Scrolls far down to a table and types in its 项目名称.
    await table(page, TYPED).scrollIntoViewIfNeeded()
    const name = cell(table(page, TYPED), 'projectName')
    // As in every e2e: click, see the caret is in the cell (click again if not), then type.
    await typeAt(page, 'end', 'projectName', name, '（已改）')
    await expect.poll(() => name.textContent()).toBe(`${text.projects[TYPED]!.name}（已改）`)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC)).projects[TYPED]!.name, { timeout: 10_000 }).toBe(`${text.projects[TYPED]!.name}（已改）`)
    // Tab goes on to the next cell (its start), and types there.
    await page.keyboard.press('Tab')
    await page.keyboard.type('9')
    const budget = cell(table(page, TYPED), 'budgetTotal')
    await expect.poll(() => budget.textContent()).toBe(`9${text.projects[TYPED]!.budgetTotal}`)

    // The outline takes them to a table not drawn yet: it is drawn, at the top of the window, with the cursor in it.
    expect(await drawn(table(page, JUMPED))).toBe(false)
    // Its entry is reached by scrolling the outline, which stays beside the table they are in: the page does not move.
    const entry = page.locator('nav.outline ol > li > a').nth(JUMPED)
    const pageAt = await page.evaluate(() => scrollY)
    await entry.scrollIntoViewIfNeeded()
    expect([await onScreen(entry), await page.evaluate(() => scrollY)]).toEqual([true, pageAt])
    await entry.click()
    await expect.poll(() => onScreen(cell(table(page, JUMPED), 'projectName')), { timeout: 10_000 }).toBe(true)
    expect(await cell(table(page, JUMPED), 'projectName').textContent()).toBe(text.projects[JUMPED]!.name)
    // The cursor went with them, to the table's first cell: what they type lands there.
    await page.keyboard.type('跳')
    await expect.poll(() => cell(table(page, JUMPED), 'unitCode').textContent()).toBe(`跳${text.projects[JUMPED]!.unitCode}`)

    // Ctrl+F opens 查找替换 (not the browser's find, which would miss tables not drawn) and finds the word in one.
    expect(await drawn(table(page, FOUND))).toBe(false)
    await page.keyboard.press('Control+f')
    const findField = page.getByRole('search').getByLabel('查找内容')
    await expect.poll(() => findField.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type(WORD)
    await page.keyboard.press('Enter')
    const usage = cell(table(page, FOUND), 'fundUsage')
    await expect.poll(() => onScreen(usage), { timeout: 10_000 }).toBe(true)
    expect(await page.getByRole('search').getByRole('status').textContent()).toBe('第 1/1 处')
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(WORD)

    // A colleague writes in a table zhang has not drawn; he sees it when he scrolls there.
    const li = await suite.t.client('li', 'editor', { doc: DOC })
    await providerSynced(li)
    textAt(li.doc, { project: COLLEAGUE, field: 'goal' }).insert(0, '（李补充）')
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC)).projects[COLLEAGUE]!.goal, { timeout: 10_000 }).toMatch(/^（李补充）/)
    expect(await drawn(table(page, COLLEAGUE))).toBe(false)
    await table(page, COLLEAGUE).scrollIntoViewIfNeeded()
    await expect.poll(() => cell(table(page, COLLEAGUE), 'projectGoal').textContent(), { timeout: 10_000 }).toMatch(/^（李补充）/)
    // His writing in Part 1, above every table, moves them all: the table zhang looks at stays drawn, and he types on.
    textAt(li.doc, { goal: 0 }).insert(0, '（李）')
    await expect.poll(() => page.locator('[data-field="goalItem"] .value').first().textContent(), { timeout: 10_000 }).toMatch(/^（李）/)
    expect(await drawn(table(page, COLLEAGUE))).toBe(true)
    const goal = cell(table(page, COLLEAGUE), 'projectGoal')
    await typeAt(page, 'end', 'projectGoal', goal, '（张）')
    await expect.poll(() => goal.textContent()).toMatch(/（张）$/)
    li.destroy()

    // Offline, a reload brings the document back from the browser's own copy, edits and all.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)
    await zhang.context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.locator('section[data-node="project"]').count(), { timeout: 20_000 }).toBe(PROJECTS)
    await table(page, TYPED).scrollIntoViewIfNeeded()
    await expect.poll(() => cell(table(page, TYPED), 'projectName').textContent(), { timeout: 10_000 }).toBe(`${text.projects[TYPED]!.name}（已改）`)
    await table(page, COLLEAGUE).scrollIntoViewIfNeeded()
    await expect.poll(() => cell(table(page, COLLEAGUE), 'projectGoal').textContent(), { timeout: 10_000 }).toMatch(/^（李补充）/)
    expect(zhang.errors).toEqual([])
    await zhang.context.close()
  }, 180_000)
})

/**
 * Kept in the page: after each painted frame (in the task after the animation frame, as the page's own work
 * after a paint runs), whether the editor's last table was on the page as a frame, not drawn, and the values
 * the editor's root took in `data-drawn`.
 */
const PAINTED = () => {
  const w = window as unknown as { __lastWasFrame: boolean; __drawn: string[] }
  w.__lastWasFrame = false
  w.__drawn = []
  const look = () => {
    const tables = document.querySelectorAll<HTMLElement>('section[data-node="project"]')
    const last = tables[tables.length - 1]
    if (last && last.dataset.placeholder !== undefined) w.__lastWasFrame = true
    const state = document.querySelector<HTMLElement>('.ProseMirror')?.dataset.drawn
    if (state && w.__drawn.at(-1) !== state) w.__drawn.push(state)
    if (state !== 'all') requestAnimationFrame(() => setTimeout(look))
  }
  requestAnimationFrame(() => setTimeout(look))
}

describe('a short document', () => {
  it('opens with the tables of its first screen, draws the rest after, and its last table is typed in and seen by a colleague', async () => {
    const sample = parsePublishedText(sampleText())
    const last = sample.projects.length - 1
    const zhang = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const { page } = zhang
    // Opened again, with the page watching what each frame shows.
    await zhang.context.addInitScript(PAINTED)
    await page.reload()
    await synced(page)
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __lastWasFrame: boolean; __drawn: string[] }
      return { __lastWasFrame: w.__lastWasFrame, __drawn: w.__drawn }
    })
    // The first screen was painted before the last table was drawn; then every table was, for good.
    expect(seen.__lastWasFrame).toBe(true)
    expect(seen.__drawn).toEqual(['first-screen', 'all'])
    expect(await page.locator('section[data-node="project"]').count()).toBe(sample.projects.length)
    expect(await page.locator('section[data-node="project"][data-placeholder]').count()).toBe(0)
    expect(await cell(table(page, 0), 'projectName').textContent()).toBe(sample.projects[0]!.name)

    // Down to the last table, and typed in.
    await table(page, last).scrollIntoViewIfNeeded()
    const name = cell(table(page, last), 'projectName')
    await typeAt(page, 'end', 'projectName', name, '（终）')
    await expect.poll(() => name.textContent()).toBe(`${sample.projects[last]!.name}（终）`)

    // A colleague opening it finds it there, in the last table, its cells where the page has them.
    const li = await openAs(suite.browser, suite.t, 'li', 'editor')
    await expect.poll(() => fieldText(li.page, 'projectName', last), { timeout: 10_000 }).toBe(`${sample.projects[last]!.name}（终）`)
    expect(await fieldText(li.page, 'projectName', 0)).toBe(sample.projects[0]!.name)
    expect([...zhang.errors, ...li.errors]).toEqual([])
    await zhang.context.close()
    await li.context.close()
  }, 120_000)
})
