import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../../test/support/generate-document'
import { makeRandom } from '../../../test/support/random'
import { sampleText } from '../../../test/support/sample'
import { parsePublishedText } from '../published-text/import'
import { exportXlsx, importXlsx } from './workbook'

describe('Excel workbook', () => {
  it.each([
    ['the sample', () => parsePublishedText(sampleText())],
    ['a generated 30-project document', () => generateDocument(makeRandom(4), 30)],
  ])('round-trips %s: model → xlsx → model', async (_, make) => {
    const text = make()
    const result = await importXlsx(await exportXlsx(text))
    if (!result.ok) throw result.error
    expect(result.value).toEqual(text)
  }, 30_000)

  it('refuses a broken file, and a workbook not laid out by us, saying so', async () => {
    const broken = await importXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(!broken.ok && broken.error.message).toContain('无法打开这个 Excel 文件')
  })
})
