import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import type { DocumentText } from '../model/document-text'
import { yearMismatch, yearOfText } from './import-year'

const doc = (subtitle: string, codes: string[] = []): DocumentText => ({
  ...generateDocument(makeRandom(3), codes.length),
  subtitle,
  projects: generateDocument(makeRandom(3), codes.length).projects.map((p, i) => ({ ...p, code: codes[i]! })),
})

describe('the year of imported tables', () => {
  it('must fire: a 2023 form into a 2022 document; tables whose 项目编码 say 2023', () => {
    expect(yearMismatch(doc('2023年雾炮车降尘抑尘服务绩效文本'), doc('2022年部门预算绩效文本'))).toBe('导入的绩效目标表是 2023 年度的，本文档是 2022 年度：请核对是否导入了其他年度的表')
    expect(yearMismatch(doc('', ['13030323P00404010001D']), doc('2022年部门预算绩效文本'))).toMatch(/2023 年度/)
  })

  it('must not fire: the same year, or a year nobody wrote', () => {
    expect(yearMismatch(doc('', ['13030322P00404010001D']), doc('2022年部门预算绩效文本'))).toBeNull()
    expect(yearMismatch(doc('', ['']), doc('2022年部门预算绩效文本'))).toBeNull()
    expect(yearMismatch(doc('', ['13030322P00404010001D', '13030323P00404010002D']), doc('2022年部门预算绩效文本'))).toBeNull()
    expect(yearOfText(doc('部门预算绩效文本'))).toBeNull()
  })
})
