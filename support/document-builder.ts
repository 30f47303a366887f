/**
 * Test documents written as what they contain, in the spirit of
 * ProseMirror's test-builder:
 *
 *   doc(part1({ goals: ['一'] }), project({ budgetTotal: '10' }, indicator({ level3: '门诊人次' })))
 *
 * Every builder fills what it is not told with what a blank document has,
 * and the document goes through the real `buildDocument` (and, for
 * `ydoc`, the real `createYDocument`), so a test document is made exactly
 * as an imported or templated one. Use `documentText` when a test wants
 * the text itself (an importer's or exporter's input).
 */
import type * as Y from 'yjs'
import { BLANK_PROJECT, buildDocument } from '@shared/model/build-document'
import type { DocumentText, IndicatorText, ProjectText, SpendingEntryText, SubGoalText } from '@shared/model/document-text'
import type { NodeJSON } from '@shared/model/node-json'
import { createYDocument } from '@shared/model/y-document'

/** Part 1 (部门整体) and the title block; what is not given is empty. */
export interface Part1 {
  readonly part1: true
  title: string
  subtitle: string
  preparedBy: string
  reviewedBy: string
  goals: string[]
  subGoals: SubGoalText[]
  safeguards: string[]
}

export const part1 = (fields: Partial<Omit<Part1, 'part1'>> = {}): Part1 => ({
  part1: true,
  title: '',
  subtitle: '2024年部门预算绩效文本',
  preparedBy: '',
  reviewedBy: '',
  goals: [],
  subGoals: [],
  safeguards: [],
  ...fields,
})

export const subGoal = (fields: Partial<SubGoalText> = {}): SubGoalText => ({ title: '', duty: '', target: '', ...fields })

/** One spending-plan entry: `spending('6月底', '50')`. */
export const spending = (label: string, percent = ''): SpendingEntryText => ({ label, percent })

/** An indicator row; 一级/二级 default to 产出指标 › 数量指标, the first of the framework. */
export const indicator = (fields: Partial<IndicatorText> = {}): IndicatorText => ({
  level1: '产出指标',
  level2: '数量指标',
  level3: '',
  description: '',
  value: '',
  basis: '',
  ...fields,
})

/** A target table: a blank project (万元, the four usual spending dates) with `fields` and these rows. */
export const project = (fields: Partial<Omit<ProjectText, 'indicators'>> = {}, ...indicators: IndicatorText[]): ProjectText => ({
  ...BLANK_PROJECT,
  spendingPlan: BLANK_PROJECT.spendingPlan.map((entry) => ({ ...entry })),
  ...fields,
  indicators,
})

const isPart1 = (part: Part1 | ProjectText): part is Part1 => 'part1' in part

/** The text of a document made of an optional Part 1 and projects, in order. */
export function documentText(...parts: (Part1 | ProjectText)[]): DocumentText {
  const { part1: _, ...first } = parts.find(isPart1) ?? part1()
  return { ...first, projects: parts.filter((part): part is ProjectText => !isPart1(part)) }
}

/** The document's ProseMirror JSON, made by `buildDocument`. */
export const doc = (...parts: (Part1 | ProjectText)[]): NodeJSON => buildDocument(documentText(...parts))

/** A new Y.Doc holding the document, made as an import or a template makes one. */
export const ydoc = (...parts: (Part1 | ProjectText)[]): Y.Doc => createYDocument(doc(...parts))
