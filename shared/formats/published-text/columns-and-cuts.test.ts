/**
 * Two properties of the text importer a user relies on without knowing:
 * indicator columns are read by their names, so every order of them
 * imports the same model (a swapped 指标值 and 绩效指标描述 used to land
 * in the wrong fields), and a file cut at any line either imports with
 * every table complete or fails naming a line — never 0 projects quietly.
 */
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../../support/sample'
import { tryImport } from '../import-error'
import { parsePublishedText } from './import'
import { INDICATOR_HEADER } from './layout'

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

/** The sample with every indicator header and row's cells put in `order` (indexes into the published order). */
function withColumns(text: string, order: readonly number[]): string {
  const blocks = text.split(/\n\n/)
  let inIndicators = false
  return blocks
    .map((block) => {
      const lines = block.split('\n')
      const cells = lines.every((l) => l.startsWith('\t')) ? lines : null
      if (cells && cells.length === INDICATOR_HEADER.length && cells[0] === `\t${INDICATOR_HEADER[0]}`) inIndicators = true
      else if (!cells || cells.length !== INDICATOR_HEADER.length) inIndicators = false
      return inIndicators && cells ? order.map((i) => cells[i]).join('\n') : block
    })
    .join('\n\n')
}

describe('indicator columns by name', () => {
  const text = sampleText().replace(/\r\n/g, '\n')
  const expected = parsePublishedText(text)

  it('every order of the six columns imports the same model', () => {
    const orders = permutations([0, 1, 2, 3, 4, 5])
    expect(orders).toHaveLength(720)
    for (const order of orders) expect(parsePublishedText(withColumns(text, order)), order.join()).toEqual(expected)
  })

  it('a column it cannot name is an error naming it, never a silent shift', () => {
    const renamed = text.replace('\t指标值确定依据', '\t备用列')
    const result = tryImport(() => parsePublishedText(renamed))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^第 \d+ 行：.*“备用列”不是可识别的列名/)
  })

  it('reads the synonyms real forms use', () => {
    const synonyms = text.replaceAll('\t绩效指标描述\n', '\t指标解释\n').replaceAll('\t指标值\n', '\t年度指标值\n')
    expect(parsePublishedText(synonyms)).toEqual(expected)
  })
})

describe('a file cut at any line', () => {
  const lines = sampleText().replace(/\r\n/g, '\n').split('\n')
  const whole = parsePublishedText(lines.join('\n'))

  it('imports with every table complete, or fails naming a line (or saying it is no 绩效文本)', () => {
    let imported = 0
    for (let cut = 1; cut < lines.length; cut++) {
      const result = tryImport(() => parsePublishedText(lines.slice(0, cut).join('\n')))
      if (!result.ok) {
        // Before 第一部分 the file is not recognisably a 绩效文本 at all: that is said of the whole file.
        if (result.error.code !== 'not-budget-document') expect(result.error.line, `cut after line ${cut}: ${result.error.message}`).not.toBeNull()
        continue
      }
      imported++
      const { projects } = result.value
      expect(projects.length, `cut after line ${cut}`).toBeGreaterThan(0)
      // Every table but the last is whole; the last has all its parts and at least one indicator row.
      projects.slice(0, -1).forEach((project, i) => expect(project).toEqual(whole.projects[i]))
      const last = projects.at(-1)!
      expect(last.indicators.length).toBeGreaterThan(0)
      expect(whole.projects[projects.length - 1]!.indicators.slice(0, last.indicators.length)).toEqual(last.indicators)
    }
    expect(imported).toBeGreaterThan(0)
  })

  it('right after 第二部分 is an error, not a document with no projects', () => {
    const at = lines.findIndex((l) => l.trim() === '第二部分')
    const result = tryImport(() => parsePublishedText(lines.slice(0, at + 2).join('\n')))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain('没有任何绩效目标表')
  })
})
