import { describe, expect, it } from 'vitest'
import { zipSync } from 'fflate'
import { importFile } from './registry'
import { IMPORT_LIMITS } from './import-limits'
import { MAX_PROJECTS } from '../model/document-limits'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('import limits', () => {
  it('a rowspan repeated down many rows is refused before the empty cells it leaves are placed', async () => {
    // 2,000 cells spanning 1,000 rows each, then 1,000 rows: two million cells from 30 KB.
    const html = `<table><tr>${'<td rowspan=99999>x'.repeat(2000)}${'<tr>'.repeat(1000)}</table>`
    const result = await importFile(bytes(html))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('too-large')
      expect(result.error.message).toMatch(/单元格/)
    }
  })

  it('a numeric reference past Unicode reads as U+FFFD in a web page, and is refused by name in Word', async () => {
    const page = await importFile(bytes('<html><body><p>&#x110000;&#1114112;&#xD800;</p></body></html>'))
    expect(page.ok).toBe(false)
    if (!page.ok) expect(page.error.code).not.toBe('too-large')
    const docx = zipSync({ 'word/document.xml': bytes('<w:document><w:body><w:p><w:r><w:t>&#x110000;</w:t></w:r></w:p></w:body></w:document>') })
    const word = await importFile(docx)
    expect(word.ok ? null : word.error.message).toMatch(/无效的字符编码/)
  })

  it('a Word file whose XML unpacks past the cap is refused on its declared size', async () => {
    const xml = new Uint8Array(IMPORT_LIMITS.maxUnzippedBytes + 1).fill(0x20)
    const bomb = zipSync({ 'word/document.xml': xml }, { level: 9 })
    expect(bomb.length).toBeLessThan(200_000)
    const result = await importFile(bomb)
    expect(result.ok ? null : result.error.code).toBe('too-large')
  })

  it('text past the cap, and a document of more projects than one may hold, are refused as too large', async () => {
    const long = await importFile(bytes('第一部分'.padEnd(IMPORT_LIMITS.maxTextChars + 1, '。')))
    expect(long.ok ? null : long.error.code).toBe('too-large')
    const { generateDocument } = await import('../../support/generate-document')
    const { makeRandom } = await import('../../support/random')
    const { exportPublishedText } = await import('./published-text/export')
    const many = await importFile(bytes(exportPublishedText(generateDocument(makeRandom(3), MAX_PROJECTS + 1))))
    expect(many.ok ? null : many.error.message).toContain(`最多 ${MAX_PROJECTS} 个`)
  }, 30_000)
})
