/**
 * The PDF a department hands in: the HTML export printed by Chromium, read
 * back with poppler (pdfinfo, pdftotext): A4 pages, page numbers at the
 * foot, every table there in order.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportHtml } from '@shared/formats/html/export'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { sampleText } from '../../support/sample'
import { launch } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

describe('printing the HTML export to PDF', () => {
  it('gives A4 pages, numbered, with every table in order', async () => {
    const text = parsePublishedText(sampleText())
    const page = await browser.newPage()
    await page.setContent(exportHtml(text))
    const pdf = await page.pdf({ preferCSSPageSize: true })
    await page.close()
    const path = join(mkdtempSync(join(tmpdir(), 'jixiao-pdf-')), 'export.pdf')
    writeFileSync(path, pdf)

    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
    expect(pages).toBeGreaterThan(text.projects.length / 2)

    // The machine may lack Chinese fonts: check what is ASCII — codes, figures, page numbers.
    const printed = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    const codes = text.projects.map((p) => printed.indexOf(p.code))
    expect(codes.every((at) => at >= 0)).toBe(true)
    expect(codes).toEqual([...codes].sort((a, b) => a - b))
    for (let n = 1; n <= pages; n++) expect(printed).toMatch(new RegExp(`—\\s*${n}\\s*—`))
  }, 60_000)
})
