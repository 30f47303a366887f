import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { decodeText } from './decode-text'
import { tryImport } from './import-error'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url)))
const refusal = (bytes: Uint8Array) => {
  const result = tryImport(() => decodeText(bytes))
  return result.ok ? null : result.error.message
}

describe('decodeText', () => {
  // Made with iconv from the sample (test/fixtures/formats).
  it.each(['zhengfawei-2022.gb18030.txt', 'zhengfawei-2022.utf16-bom.txt', 'zhengfawei-2022.utf16le.txt', 'zhengfawei-2022.utf16be.txt'])('reads %s as the sample', (name) => {
    expect(decodeText(fixture(name))).toBe(sampleText())
  })

  it('names the files that are not text, and says what to do', () => {
    const zipWith = (entry: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Buffer.from(`....${entry}document.xml`)])
    expect(refusal(zipWith('word/'))).toContain('Word 文档（.docx）')
    expect(refusal(zipWith('xl/'))).toContain('Excel 表格（.xlsx）')
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toContain('.doc/.xls')
    expect(refusal(new Uint8Array(Buffer.from('%PDF-1.7\n')))).toContain('PDF')
    expect(refusal(new Uint8Array([1, 0, 2, 0, 3, 0, 0xff, 0xd8]))).toContain('二进制')
  })
})
