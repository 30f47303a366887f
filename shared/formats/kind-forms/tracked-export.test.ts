import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { generateKindDocument } from '../../../support/generate-kind-document'
import { makeRandom } from '../../../support/random'
import { buildDocument } from '../../model/build-document'
import type { NodeJSON } from '../../model/node-json'
import { readDocument } from '../../model/read-document'
import { MARK, NODE } from '../../schema/node-names'
import { exportDocx } from '../docx/export'
import { exportHtml } from '../html/export'
import { trackedContent } from '../tracked-text'

/** A 自评 with 王芳's suggestion pending on the first 实际完成值: “700人” → “720人”. */
function withSuggestion() {
  const text = generateKindDocument(makeRandom(3), 'self-evaluation', 1)
  text.projects[0]!.indicators[0]!.actual = '700人'
  const doc = buildDocument(text) as NodeJSON
  const visit = (node: NodeJSON): boolean => {
    if (node.type === NODE.indicatorActual) {
      const info = (id: string) => ({ id, author: 'wangfang', time: 1_700_000_000_000 })
      node.content = [
        { type: 'text', text: '700人', marks: [{ type: MARK.deletion, attrs: info('d') }] },
        { type: 'text', text: '720人', marks: [{ type: MARK.insertion, attrs: info('i') }] },
      ]
      return true
    }
    return (node.content ?? []).some(visit)
  }
  expect(visit(doc)).toBe(true)
  return { doc, kind: text.kind }
}

describe('the kinds’ forms with suggestions pending', () => {
  it('Word and HTML show them as tracked changes in the form; the clean copy keeps the agreed text', async () => {
    const { doc, kind } = withSuggestion()
    const nameOf = (login: string) => (login === 'wangfang' ? '王芳' : login)
    const tracked = { ...readDocument(trackedContent(doc)), kind }
    const html = exportHtml(tracked, { tracked: true, nameOf })
    expect(html).toContain('项目支出绩效自评表')
    expect(html).toMatch(/<del title="王芳 [^"]+">700人<\/del><ins title="王芳 [^"]+">720人<\/ins>/)
    const xml = new TextDecoder().decode(unzipSync(await exportDocx(tracked, { tracked: true, nameOf }))['word/document.xml']!)
    expect(xml).toMatch(/<w:del [^>]*w:author="王芳"[^>]*>.*?700人/)
    expect(xml).toMatch(/<w:ins [^>]*w:author="王芳"[^>]*>.*?720人/)
    const clean = exportHtml({ ...readDocument(doc), kind })
    expect(clean).toContain('>700人<')
    expect(clean).not.toContain('720人')
  })
})
