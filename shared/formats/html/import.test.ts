import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../../support/generate-document'
import { makeRandom } from '../../../support/random'
import { sampleText } from '../../../support/sample'
import { parsePublishedText } from '../published-text/import'
import { importFile } from '../registry'
import { exportHtml } from './export'
import { parseHtml, readHtml } from './import'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/${name}`, import.meta.url)))

describe('HTML import', () => {
  it('reads a web page saved by LibreOffice (rowspans, colspans) to the sample’s model', async () => {
    const result = await importFile(fixture('zhengfawei-2022.libreoffice.html'))
    if (!result.ok) throw result.error
    expect(result.value).toEqual(parsePublishedText(sampleText()))
  })

  it.each([
    ['the sample', () => parsePublishedText(sampleText())],
    ['a generated 30-project document', () => generateDocument(makeRandom(12), 30)],
  ])('round-trips %s: model → html → model', (_, make) => {
    const text = make()
    expect(parseHtml(exportHtml(text))).toEqual(text)
  })

  it('reads a hand-written table: rowspans leave empty cells below, colspans are one cell, unclosed cells and rows end at the next', () => {
    const html = `<html><head><title>不读</title><style>td{}</style></head><body><p>前言&nbsp;一句</p>
      <table><tr><th rowspan=3>一级<td colspan="2">甲<td>乙
      <tr><td>丙</td><td>丁</td></tr>
      <tr><td>戊<td>己</tr></table><p>结尾 &amp; 完</p></body></html>`
    expect(readHtml(html)).toEqual([
      { kind: 'paragraph', text: '前言 一句' },
      { kind: 'table', rows: [['一级', '甲', '乙'], ['', '丙', '丁'], ['', '戊', '己']] },
      { kind: 'paragraph', text: '结尾 & 完' },
    ])
  })
})
