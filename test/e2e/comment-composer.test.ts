/**
 * 添加批注 far down a long document (the last project of 100): the
 * composer opens beside the selection, takes the keystrokes (none reach the
 * document as a suggestion), and posting leaves the reader where they were.
 */
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { browserAndServer, openAs, selectField } from './browser'

const suite = browserAndServer()
const DOC = 'p100'

describe('the comment composer', () => {
  it('opens beside a selection in the last of 100 projects, takes focus, and posting keeps the place', async () => {
    await suite.t.server.data.service.create(generateDocument(makeRandom(100), 100), { id: DOC, title: '一百个项目', ownerId: null })
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'wang', 'reviewer', DOC)
    const viewport = page.viewportSize()!
    // A table this far down is drawn once the person scrolls to it.
    const last = page.locator('section[data-node="project"]').nth(99)
    await last.scrollIntoViewIfNeeded()
    const goal = last.locator('[data-field="projectGoal"] .value').first()
    await goal.scrollIntoViewIfNeeded()
    await selectField(page, 'projectGoal', goal)
    const before = (await goal.boundingBox())!
    expect(before.y).toBeGreaterThan(0)
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(20_000)

    await page.getByRole('button', { name: '添加批注' }).click()
    const composer = page.getByTestId('comment-composer')
    const box = (await composer.boundingBox())!
    // In view, beside the selected text.
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
    expect(Math.abs(box.y - (before.y + before.height))).toBeLessThan(300)

    // The next keystrokes are the comment, not a suggestion in the document.
    await page.keyboard.type('请写明目标的数量')
    expect(await composer.locator('textarea').inputValue()).toBe('请写明目标的数量')
    expect(await page.locator('.ProseMirror span[data-insertion]').count()).toBe(0)

    // Posted with Ctrl+Enter, without reaching for the mouse.
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator('.thread .text').first().textContent(), { timeout: 10_000 }).toBe('请写明目标的数量')
    // The reader is where they were.
    const after = (await goal.boundingBox())!
    expect(Math.abs(after.y - before.y)).toBeLessThan(40)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it('has the focus before the next key is handled, so a fast typist’s first character is the comment’s', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'wang', 'reviewer', DOC)
    await selectField(page, 'projectGoal', 0)
    // The click and what the page does before it handles anything else (the next key press waits behind it).
    const focused = await page.getByRole('button', { name: '添加批注' }).evaluate(async (button: HTMLElement) => {
      button.click()
      await Promise.resolve()
      const active = document.activeElement
      return active?.tagName === 'TEXTAREA' && !!active.closest('[data-testid=comment-composer]')
    })
    expect(focused).toBe(true)
    await page.keyboard.type('请核实')
    expect(await page.getByTestId('comment-composer').locator('textarea').inputValue()).toBe('请核实')
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})
