/**
 * Issue 27, "Measure it": for every real layout in the fixtures, a cell
 * shifted by one — dropped, or a stray one added — gives a refusal or a
 * finding the original does not have, never a different model without a
 * word. A cell is what the layout separates: a line, a `|`, a tab, a run
 * of spaces.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runChecks } from '../checks/run-checks'
import { modelFromText } from '../model/derive-model'
import type { DocumentText } from '../model/document-text'
import { importPublishedText } from './published-text/import'
import { sampleText } from '../../support/sample'

const regional = (name: string) => readFileSync(new URL(`../../test/fixtures/formats/regional/${name}`, import.meta.url), 'utf8')

/** Each real layout, and how it separates one cell from the next. */
const LAYOUTS: Record<string, { text: () => string; separator: string }> = {
  'Xiangtan (cells between |)': { text: () => regional('xiangtan-wupaoche-2023.txt'), separator: ' |\n' },
  'Yueyang (a cell a line)': { text: () => regional('hunan-yueyang-gaobiaozhun-nongtian-2022.txt'), separator: '\n\n' },
  'Fengjie (runs of spaces)': {
    text: () => regional('chongqing-fengjie-yunwu-jiagongyuan-2023.txt') + '标 晾晒房数量 1座 10\n效益指标(20-30)分\n社会效益指标 带动群众务工人数 ≥20人 20\n满意度指标(10)分 服务对象满意度指标 群众满意度 ≥95% 10\n',
    separator: ' ',
  },
  // The published layout: its first table (the others are laid out alike).
  'the sample (a cell a tab-line)': { text: () => sampleText().split('2.政法队伍教育整顿工作经费绩效目标表')[0]!, separator: '\n\t' },
}

/**
 * Shifts no reader can see. Xiangtan lists every 二级, rows or not; with
 * one 二级 label gone its rows read under the empty 二级 before it, a
 * plausible row in the wrong 二级. Only the content says so: the checks'
 * kind rule (misfiled.kind) now catches a 满意度 read under 可持续影响; the
 * 社会效益 row read under 经济效益 is a 满意程度 the rule already reports
 * where it stood, so that shift still goes unseen.
 */
const UNSEEN: Record<string, readonly string[]> = {
  'Xiangtan (cells between |)': ['“社会效益指标”删去'],
}

interface Token {
  start: number
  end: number
}

/** The cells of the text from its indicator header on: runs between tabs, `|`, line ends and runs of spaces. */
function tokens(text: string): Token[] {
  const from = text.indexOf('一级指标')
  const found: Token[] = []
  for (const match of text.slice(from).matchAll(/[^\t|\n \u3000]+/g)) found.push({ start: from + match.index!, end: from + match.index! + match[0].length })
  return found
}

type Outcome = 'refused' | 'same' | 'flagged' | 'silent'

const key = (f: { rule: string; project: number | null; indicator: number | null; severity: string }) => `${f.rule}|${f.project}|${f.indicator}|${f.severity}`

function outcome(original: DocumentText, text: string): Outcome {
  const result = importPublishedText(new TextEncoder().encode(text))
  if (!result.ok) return 'refused'
  if (JSON.stringify(modelFromText(result.value)) === JSON.stringify(modelFromText(original))) return 'same'
  const before = new Set(runChecks(original).filter((f) => f.severity !== 'info').map(key))
  return runChecks(result.value).some((f) => f.severity !== 'info' && !before.has(key(f))) ? 'flagged' : 'silent'
}

/** Every text with one cell dropped, and with one stray cell ("（" as a bracket split off its value) put before each cell. */
function shifted(text: string, separator: string): { how: string; text: string }[] {
  return tokens(text).flatMap((t) => [
    // Dropped with the separator before it, where there is one: the cells after it move up by one.
    { how: `“${text.slice(t.start, t.end)}”删去`, text: text.slice(0, text.slice(0, t.start).endsWith(separator) ? t.start - separator.length : t.start) + text.slice(t.end) },
    { how: `“${text.slice(t.start, t.end)}”前多一格`, text: `${text.slice(0, t.start)}(${separator}${text.slice(t.start)}` },
  ])
}

describe('a cell shifted by one in a real layout', () => {
  it.each(Object.keys(LAYOUTS))('%s: refused or flagged, never a different silent model', (name) => {
    const { text: read, separator } = LAYOUTS[name]!
    const text = read()
    const original = importPublishedText(new TextEncoder().encode(text))
    if (!original.ok) throw original.error
    const counts: Record<Outcome, number> = { refused: 0, same: 0, flagged: 0, silent: 0 }
    const silent: string[] = []
    for (const variant of shifted(text, separator)) {
      const result = outcome(original.value, variant.text)
      counts[result]++
      if (result === 'silent') silent.push(variant.how)
    }
    // What was measured, for the report: how each shift ended.
    console.log(name, JSON.stringify(counts))
    // The checks may come to flag the unseen ones too; nothing else may be silent.
    expect(silent.filter((how) => !(UNSEEN[name] ?? []).includes(how))).toEqual([])
  })
})
