/**
 * Issue 27, "cut tables": one rule for a file that stops inside its table
 * — refused where it stops, never imported with rows silently missing.
 * Every real layout is cut at every line of its indicator table; what
 * still imports must be whole rows that the complete file has too, and
 * never end on a label with no row under it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DocumentText } from '../model/document-text'
import { importPublishedText } from './published-text/import'
import { sampleText } from '../../support/sample'

const regional = (name: string) => readFileSync(new URL(`../../test/fixtures/formats/regional/${name}`, import.meta.url), 'utf8')
const read = (text: string) => importPublishedText(new TextEncoder().encode(text))

const LAYOUTS: Record<string, () => string> = {
  'Xiangtan (cells between |)': () => regional('xiangtan-wupaoche-2023.txt'),
  'Yueyang (a cell a line)': () => regional('hunan-yueyang-gaobiaozhun-nongtian-2022.txt'),
  'Fengjie, completed (runs of spaces)': () =>
    regional('chongqing-fengjie-yunwu-jiagongyuan-2023.txt') + '标 晾晒房数量 1座 10\n效益指标(20-30)分\n社会效益指标 带动群众务工人数 ≥20人 20\n满意度指标(10)分 服务对象满意度指标 群众满意度 ≥95% 10\n',
  'the sample (published layout)': () => sampleText(),
}

const indicators = (doc: DocumentText) => doc.projects.flatMap((p) => p.indicators)

describe('a table cut at any line', () => {
  it.each(Object.keys(LAYOUTS))('%s: refused where it stops, or whole rows only', (name) => {
    const text = LAYOUTS[name]!()
    const full = read(text)
    if (!full.ok) throw full.error
    const lines = text.split('\n')
    const from = lines.findIndex((l) => l.includes('一级指标'))
    let refused = 0
    for (let at = from + 1; at < lines.length; at++) {
      const result = read(lines.slice(0, at).join('\n'))
      if (!result.ok) {
        refused++
        expect(result.error.message, `cut at ${at}`).toMatch(/^第 \d+ 行：/)
        continue
      }
      const rows = indicators(result.value)
      // Whole rows, each as the complete file has it.
      expect(rows, `cut at ${at}`).toEqual(indicators(full.value).slice(0, rows.length))
      // A cut right after an 一级/二级 label, or inside a row, is never taken for the end of the table.
      const lastCell = lines.slice(0, at).filter((l) => l.replace(/[\s|]/g, '') !== '').at(-1)!.replace(/[\s|]/g, '')
      expect(/^(产出|效益|满意度|成本)指标|^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)(指标)?$/.test(lastCell) && !/\d/.test(lastCell), `cut at ${at} after “${lastCell}”`).toBe(false)
    }
    console.log(name, `${refused} of ${lines.length - from - 1} cuts refused`)
  })
})
