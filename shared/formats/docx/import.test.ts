import { readFileSync } from 'node:fs'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../../support/generate-document'
import { makeRandom } from '../../../support/random'
import { sampleText } from '../../../support/sample'
import { parsePublishedText } from '../published-text/import'
import { exportDocx } from './export'
import { importDocx, readBody } from './import'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/${name}`, import.meta.url)))

describe('Word import', () => {
  it('reads a Word file laid out like the sample — saved by LibreOffice — to the same model as the text', () => {
    const result = importDocx(fixture('zhengfawei-2022.libreoffice.docx'))
    expect(result.ok && result.value).toEqual(parsePublishedText(sampleText()))
  })

  it.each([
    ['the sample', () => parsePublishedText(sampleText())],
    ['a generated 40-project document', () => generateDocument(makeRandom(21), 40)],
  ])('round-trips %s: model → docx → model', async (_, make) => {
    const text = make()
    const result = importDocx(await exportDocx(text))
    expect(result.ok && result.value).toEqual(text)
  })

  it('honours gridSpan and vMerge, keeps inserted and drops deleted tracked text', () => {
    const xml = `<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>一级</w:t></w:r></w:p></w:tc><w:tc><w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">值 &amp; 单位</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>下</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>段落</w:t></w:r></w:p></w:body>`
    expect(readBody(xml)).toEqual([
      { kind: 'table', rows: [['一级', '新值 & 单位'], ['', '下']] },
      { kind: 'paragraph', text: '段落' },
    ])
  })

  it('says a file still has tracked changes nobody decided: they are read as if accepted', async () => {
    const files = unzipSync(await exportDocx(parsePublishedText(sampleText())))
    const xml = strFromU8(files['word/document.xml']!)
    // A reviewer's suggestion left in the file, as our own 含修订 export writes one: 10.00 → 12.00.
    const tracked = xml.replace('<w:t xml:space="preserve">10.00</w:t>', '<w:t xml:space="preserve"></w:t></w:r><w:del w:id="1" w:author="王芳"><w:r><w:delText>10.00</w:delText></w:r></w:del><w:ins w:id="2" w:author="王芳"><w:r><w:t>12.00</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"></w:t>')
    expect(tracked).not.toBe(xml)
    const result = importDocx(zipSync({ ...files, 'word/document.xml': strToU8(tracked) }))
    if (!result.ok) throw result.error
    expect(result.value.projects[0]!.budgetTotal).toBe('12.00')
    expect(result.value.unread).toEqual(['文件中有未接受或拒绝的修订（插入 1 处、删除 1 处），已按全部接受后的文字导入：请核对；如有不同意的修订，请在原文件中拒绝后重新导入'])
    const clean = importDocx(await exportDocx(parsePublishedText(sampleText())))
    expect(clean.ok && clean.value.unread).toBeUndefined()
  })

  it('leaves hidden text out, and says how much there was', () => {
    const notes: string[] = []
    const xml = `<w:body><w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>预算数 </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>8.00</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>10.00</w:t></w:r></w:p></w:body>`
    expect(readBody(xml, notes)).toEqual([{ kind: 'paragraph', text: '预算数 10.00' }])
    expect(notes).toEqual(['文件中有 4 个字设为隐藏，未导入：如需导入，请在 Word 或 WPS 中取消隐藏后重新导入'])
  })

  it('refuses a broken file and a zip that is no Word document, saying so', () => {
    const broken = importDocx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(!broken.ok && broken.error.message).toContain('无法打开这个 Word 文件')
  })
})
