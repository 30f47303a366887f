/**
 * 打印 from the editor prints what the HTML export prints — the same A4
 * pages, the same text, the forms with their borders — a clean copy, or
 * with the pending suggestions when the person asks for them.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { exportHtml } from '@shared/formats/html/export'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, openAs, retype, synced } from './browser'

const suite = browserAndServer()

/** The page printed to PDF as the browser prints it, read back: its page count and text. */
async function printed(page: Page): Promise<{ pages: number; text: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-print-')), 'printed.pdf')
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true }))
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }) }
}

describe('打印 from the editor', () => {
  it('prints the HTML export’s pages: a clean copy, or with the suggestions marked', async () => {
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    await retype(finance.page, 'budgetTotal', 1, '3.50')
    await synced(finance.page)
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    // Headless Chromium cannot show the print dialog (a print() never ends): the dialog is counted, the paper is page.pdf().
    await staff.page.addInitScript(() => {
      window.print = () => void document.body.setAttribute('data-print-dialogs', String(Number(document.body.getAttribute('data-print-dialogs') ?? 0) + 1))
    })
    await staff.page.reload()
    await synced(staff.page)
    const dialogs = () => staff.page.locator('body').getAttribute('data-print-dialogs')
    await expect.poll(() => staff.page.locator('span[data-insertion]').count(), { timeout: 10_000 }).toBe(1)

    const menu = staff.page.getByTestId('print-menu')
    await menu.locator('summary').click()
    await menu.getByRole('button', { name: '打印定稿（不含修订）' }).click()
    expect(await dialogs()).toBe('1')
    const clean = await printed(staff.page)

    // The export of the same document, printed the same way.
    const reference = await suite.browser.newPage()
    await reference.setContent(exportHtml(await suite.t.server.data.service.text(DOC_ID)))
    const exported = await printed(reference)
    await reference.close()
    expect(clean.pages).toBe(exported.pages)
    expect(clean.text).toBe(exported.text)
    expect(clean.text).not.toContain('3.50')

    await menu.locator('summary').click()
    await menu.getByRole('button', { name: '打印（显示修订）' }).click()
    expect(await dialogs()).toBe('2')
    const marked = await printed(staff.page)
    expect(marked.text).toContain('3.003.50') // struck 3.00, underlined 3.50
    expect(marked.pages).toBe(exported.pages)
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 120_000)
})
