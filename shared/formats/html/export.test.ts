import { describe, expect, it } from 'vitest'
import { sampleText } from '../../../support/sample'
import { buildDocument } from '../../model/build-document'
import type { NodeJSON } from '../../model/node-json'
import { readDocument } from '../../model/read-document'
import { MARK, NODE } from '../../schema/node-names'
import { parsePublishedText } from '../published-text/import'
import { trackedContent } from '../tracked-text'
import { exportHtml } from './export'
import { importHtml } from './import'

/** The sample with 王芳's 3.00 → 3.50 pending in project 2's 预算数. */
function withReplacement(): NodeJSON {
  const doc = buildDocument(parsePublishedText(sampleText())) as NodeJSON
  let seen = 0
  const visit = (node: NodeJSON): void => {
    if (node.type === NODE.budgetTotal && seen++ === 1) {
      const info = (id: string) => ({ id, author: 'wangfang', time: 1_700_000_000_000 })
      node.content = [
        { type: 'text', text: '3.00', marks: [{ type: MARK.deletion, attrs: info('d') }] },
        { type: 'text', text: '3.50', marks: [{ type: MARK.insertion, attrs: info('i') }] },
      ]
    }
    node.content?.forEach(visit)
  }
  visit(doc)
  return doc
}

describe('HTML export', () => {
  it('is a clean copy by default, and shows pending suggestions with who made them when tracked', () => {
    const doc = withReplacement()
    const clean = exportHtml(readDocument(doc))
    expect(clean).toContain('>3.00<')
    expect(clean).not.toContain('3.50')
    const tracked = exportHtml(readDocument(trackedContent(doc)), { tracked: true, nameOf: (login) => (login === 'wangfang' ? '王芳' : login) })
    expect(tracked).toMatch(/<del title="王芳 [^"]+">3\.00<\/del><ins title="王芳 [^"]+">3\.50<\/ins>/)
    expect(tracked).not.toMatch(/[\uE010-\uE013]/)
  })

  it('read back, a tracked page is its text with the suggestions as if accepted, and says so', () => {
    // Before, <del> text was read as the page's: the 预算数 came back 「3.003.50」.
    const read = importHtml(new TextEncoder().encode(exportHtml(readDocument(trackedContent(withReplacement())), { tracked: true })))
    if (!read.ok) throw read.error
    expect(read.value.projects[1]!.budgetTotal).toBe('3.50')
    expect(read.value.unread).toEqual(['文件中有未接受或拒绝的修订（插入 1 处、删除 1 处），已按全部接受后的文字导入：请核对；如有不同意的修订，请在原文件中拒绝后重新导入'])
  })
})

describe('HTML export of the kinds that follow the targets', () => {
  it('a 自评 is its forms under the title block: no 第一部分, 一级 merged down its rows, 总分 and grade as computed', async () => {
    const { generateKindDocument } = await import('../../../support/generate-kind-document')
    const { makeRandom } = await import('../../../support/random')
    const { derivedCells } = await import('../kind-forms/derived-cells')
    const doc = generateKindDocument(makeRandom(12), 'self-evaluation', 1)
    const project = doc.projects[0]!
    const html = exportHtml(doc)
    expect(html).not.toContain('第一部分')
    expect(html).toContain(`<h3>1.${project.name}项目支出绩效自评表</h3>`)
    const outputs = project.indicators.filter((i) => i.level1 === project.indicators[0]!.level1).length
    if (outputs > 1) expect(html).toContain(`rowspan="${outputs}" class="c">${project.indicators[0]!.level1}</td>`)
    const { total, grade } = derivedCells(doc)[0]!
    expect(html).toMatch(new RegExp(`<th colspan="8">总分</th><td class="c">[\\d.]+</td><td class="c">${total}</td><td colspan="2" class="c">等级：${grade}</td>`))
  })
})
