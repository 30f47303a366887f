/**
 * 打印 of a 自评 from the editor prints its own form — the pages the HTML
 * export writes for it (项目支出绩效自评表, 总分 and grade), not a 绩效目标表;
 * 导出 from the menu downloads its form, which reads back as the document.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { exportHtml } from '@shared/formats/html/export'
import { importFile } from '@shared/formats/registry'
import { browserAndServer, downloadedBytes, openAs, synced } from './browser'

const suite = browserAndServer()

/** The page printed to PDF as the browser prints it, read back as text. */
async function printedText(page: Page): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-print-')), 'printed.pdf')
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true }))
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
}

describe('打印 and 导出 a 自评 from the editor', () => {
  it('prints the 自评表 the HTML export writes; the Word export reads back as the document', async () => {
    const read = await importFile(readFileSync(new URL('../fixtures/formats/kinds/ziping-yanglao-2023.python-docx.docx', import.meta.url)))
    if (!read.ok) throw read.error
    const id = await suite.t.server.data.service.create(read.value, { title: '社区养老服务补助绩效自评', ownerId: null, id: 'ziping' })
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor', id)
    await staff.page.addInitScript(() => {
      window.print = () => void document.body.setAttribute('data-printed', 'yes')
    })
    await staff.page.reload()
    await synced(staff.page)
    const menu = staff.page.getByTestId('print-menu')
    await menu.locator('summary').click()
    await menu.getByRole('button', { name: '打印定稿（不含修订）' }).click()
    await expect.poll(() => staff.page.locator('body').getAttribute('data-printed')).toBe('yes')
    const printed = await printedText(staff.page)

    const reference = await suite.browser.newPage()
    await reference.setContent(exportHtml(await suite.t.server.data.service.text(id)))
    const exported = await printedText(reference)
    await reference.close()
    expect(printed).toContain('项目支出绩效自评表')
    expect(printed).toContain('等级：优')
    // The same words on the same lines (the footer's page number may sit a space apart).
    const words = (text: string) => text.split('\n').map((line) => line.trim().replace(/\s+/g, ' '))
    expect(words(printed)).toEqual(words(exported))

    // 导出 Word from the menu: the 自评表, which reads back as the stored document.
    await staff.page.getByTestId('export-menu').locator('summary').click()
    const [download] = await Promise.all([staff.page.waitForEvent('download'), staff.page.getByTestId('export-menu').getByRole('link', { name: 'Word 文档（.docx）' }).click()])
    const back = await importFile(await downloadedBytes(download))
    const stored = await suite.t.server.data.service.text(id)
    // The form writes the 总分 the model derives, which the document does not store.
    expect(back.ok && back.value).toEqual({ ...stored, projects: stored.projects.map((p) => ({ ...p, total: '96' })) })
    expect(staff.errors).toEqual([])
    await staff.context.close()
  }, 120_000)
})
