/**
 * What changed between two states of a 绩效文本, as a finance reviewer
 * reads it: projects matched by 项目编码 (then by name), indicator rows
 * matched within their table, each changed field old → new with the
 * characters inserted and deleted, projects and rows added or removed
 * whole, and the budget total before and after. Pure: it compares the
 * documents' texts exactly as written.
 */
import type { DocumentText, IndicatorText, ProjectText } from '../model/document-text'
import { modelFromText } from '../model/derive-model'
import {
  DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, INDICATOR_LEVEL_FIELDS, kindLabelOf, PROJECT_ACHIEVED_FIELD, PROJECT_FIELDS,
  type Field, type FollowUpKind,
} from '../schema/fields'
import { diffText, type TextSegment } from './text-diff'
import { FIELD_LABEL } from '../schema/field-labels'
import { NODE } from '../schema/node-names'
import { attributionOf } from './attributed-content'
import type { Attribution } from './authorship'

/** One changed text: where it is (for a person, in Chinese), old, new, and how. */
export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
  segments: TextSegment[]
  /** Who last changed the field (and whose suggestion it was, if accepted), when the comparison was given the newer side's attribution. */
  lastChange?: Attribution | null
}

/** Rows and projects in the newer document carry their 1-based place there, to jump to. */
export type RowChange =
  | { kind: 'added'; row: IndicatorText; index: number; lastChange?: Attribution | null }
  | { kind: 'removed'; row: IndicatorText }
  | { kind: 'changed'; before: IndicatorText; after: IndicatorText; index: number; fields: FieldChange[] }

export type ProjectChange =
  | { kind: 'added'; name: string; code: string; index: number; lastChange?: Attribution | null }
  | { kind: 'removed'; name: string; code: string }
  | { kind: 'changed'; name: string; code: string; index: number; fields: FieldChange[]; rows: RowChange[] }

export interface DocumentDiff {
  /** Part 1 and the front matter: title, goals, sub-goals, safeguards. */
  narrative: FieldChange[]
  projects: ProjectChange[]
  totals: { before: number | null; after: number | null }
  /** Projects each total leaves out (预算数 empty or not a number): a total that drops one must say so, or it reads as a cut. */
  leftOut: { before: number; after: number }
  /** For a one-line summary: projects touched, and changes (fields, rows, projects added or removed). */
  summary: { projects: number; changes: number; text: string }
}

/**
 * A compared field: the name a change gives its place (a field key the
 * editor finds it by; a 资金 figure by its node, as `earned` is a row's),
 * the field, and its text in a project or row.
 */
export interface Compared<T> {
  field: string
  of: Field
  text: (item: T) => string
}

// Every field of the field table, named as the form itself names it (in a 监控 or 自评: as that kind's form does), so a comparison names a field as the cell does.
// A project's code and name come first: they say which project a change is in.
const IDENTIFYING: readonly string[] = ['code', 'name']
export const COMPARED_PROJECT_FIELDS: readonly Compared<ProjectText>[] = [
  ...[...PROJECT_FIELDS.filter((f) => IDENTIFYING.includes(f.key)), ...PROJECT_FIELDS.filter((f) => !IDENTIFYING.includes(f.key))].map((f) => ({ field: f.key, of: f, text: (p: ProjectText) => p[f.key] })),
  ...DETAIL_FIELDS.map((f) => ({ field: f.key, of: f, text: (p: ProjectText) => p.details?.[f.key] ?? '' })),
  ...FUNDS_FIELDS.map((f) => ({ field: f.node, of: f, text: (p: ProjectText) => p.funds?.[f.key] ?? '' })),
  { field: PROJECT_ACHIEVED_FIELD.key, of: PROJECT_ACHIEVED_FIELD, text: (p: ProjectText) => p.achieved ?? '' },
]

/** A row's target columns: what tells a row apart (a row whose target columns are all the same is the same row). */
const TARGET_ROW_FIELDS = [...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS] as const
/** Every column of a row: its targets, its optional columns (分值, 备注), what a 监控 or 自评 adds. */
export const COMPARED_ROW_FIELDS: readonly Compared<IndicatorText>[] = [...TARGET_ROW_FIELDS, ...INDICATOR_EXTRA_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS].map((f) => ({
  field: f.key,
  of: f,
  text: (r: IndicatorText) => r[f.key] ?? '',
}))

/** What a comparison calls a list's items (Part 1's goals, sub-goals, safeguards; a project's 资金支出计划); an item is `listItemLabel`. */
export const LIST_LABEL = {
  goals: FIELD_LABEL[NODE.goalItem]!,
  subGoals: '分项绩效目标',
  safeguards: FIELD_LABEL[NODE.safeguardItem]!,
  spendingPlan: '资金支出计划',
} as const

/** The i-th (0-based) item of a list, as a comparison names it: "总体绩效目标（第2条）". */
export const listItemLabel = (list: string, index: number): string => `${list}（第${index + 1}条）`

/** The label a comparison of a document of this kind gives a field. */
const labelIn = (kind: string | undefined) => (f: Field): string => (kind === 'monitoring' || kind === 'self-evaluation' ? kindLabelOf(f, kind as FollowUpKind) : undefined) ?? f.label

/**
 * `authors`, when given, is the newer side's attributed twin (the same
 * document read from `attributedContent`): each change then says who made
 * it last. Removed projects and rows have no attribution (the text that
 * would carry it is gone).
 */
export function diffDocuments(before: DocumentText, after: DocumentText, authors?: DocumentText): DocumentDiff {
  const narrative = [
    ...fieldChanges(before, after, [['title', FIELD_LABEL[NODE.docTitle]!], ['subtitle', FIELD_LABEL[NODE.docSubtitle]!], ['preparedBy', FIELD_LABEL[NODE.docPreparer]!], ['reviewedBy', FIELD_LABEL[NODE.docReviewer]!]], authors),
    ...listChanges(before.goals, after.goals, 'goals', LIST_LABEL.goals, authors?.goals),
    ...listChanges(before.subGoals.map(subGoalText), after.subGoals.map(subGoalText), 'subGoals', LIST_LABEL.subGoals, authors?.subGoals.map(subGoalText)),
    ...listChanges(before.safeguards, after.safeguards, 'safeguards', LIST_LABEL.safeguards, authors?.safeguards),
  ]
  const label = labelIn(after.kind)
  const projects = matchProjects(before.projects, after.projects).flatMap(([b, a]): ProjectChange[] => {
    const index = a ? after.projects.indexOf(a) + 1 : 0
    const projectAuthors = a && authors?.projects[index - 1]
    if (!b) return [{ kind: 'added', name: a!.name, code: a!.code, index, ...attributed(projectAuthors && JSON.stringify(projectAuthors)) }]
    if (!a) return [{ kind: 'removed', name: b.name, code: b.code }]
    const planText = (p: ProjectText) => p.spendingPlan.map((e) => `${e.label}：${e.percent}`)
    const fields = [
      ...comparedChanges(b, a, COMPARED_PROJECT_FIELDS, label, projectAuthors),
      ...listChanges(planText(b), planText(a), 'spendingPlan', LIST_LABEL.spendingPlan, projectAuthors && planText(projectAuthors)),
    ]
    const rows = matchRows(b.indicators, a.indicators).flatMap(([rb, ra]): RowChange[] => {
      const rowIndex = ra ? a.indicators.indexOf(ra) + 1 : 0
      const rowAuthors = ra && projectAuthors?.indicators[rowIndex - 1]
      if (!rb) return [{ kind: 'added', row: ra!, index: rowIndex, ...attributed(rowAuthors && JSON.stringify(rowAuthors)) }]
      if (!ra) return [{ kind: 'removed', row: rb }]
      const changed = comparedChanges(rb, ra, COMPARED_ROW_FIELDS, label, rowAuthors)
      return changed.length > 0 ? [{ kind: 'changed', before: rb, after: ra, index: rowIndex, fields: changed }] : []
    })
    return fields.length + rows.length > 0 ? [{ kind: 'changed', name: a.name, code: a.code, index, fields, rows }] : []
  })
  // One 处 is one line the comparison lists: a changed field (a changed row's fields each count), a row or project added or removed.
  const listed = (changes: readonly { kind: string; fields?: readonly unknown[] }[]) => changes.reduce((n, c) => n + (c.kind === 'changed' ? c.fields!.length : 1), 0)
  const changes = narrative.length + projects.reduce((n, p) => n + (p.kind === 'changed' ? p.fields.length + listed(p.rows) : 1), 0)
  return {
    narrative,
    projects,
    totals: { before: total(before), after: total(after) },
    leftOut: { before: uncounted(before), after: uncounted(after) },
    summary: { projects: projects.length, changes, text: changes === 0 ? '没有改动' : `${projects.length} 个项目、${changes} 处改动` },
  }
}

/** Everyone a diff names as the last to change something, or as whose suggestion that change was. */
export function changeAuthors(diff: DocumentDiff): string[] {
  type Attributed = { lastChange?: Attribution | null }
  const rowChanges = (rows: RowChange[]): Attributed[] => rows.flatMap((r): Attributed[] => (r.kind === 'changed' ? r.fields : [r as Attributed]))
  const changes: Attributed[] = [...diff.narrative, ...diff.projects.flatMap((p): Attributed[] => (p.kind === 'changed' ? [...p.fields, ...rowChanges(p.rows)] : [p as Attributed]))]
  return [...new Set(changes.flatMap((c) => [c.lastChange?.by, c.lastChange?.suggestedBy].filter((login): login is string => !!login)))]
}

const subGoalText = (g: { title: string; duty: string; target: string }) => `${g.title}｜职责：${g.duty}｜目标：${g.target}`

/** Each project's 预算数 in 万元 as the model reads it (null: empty, no number, or a merged figure nobody typed). */
const budgetsOf = (doc: DocumentText): (number | null)[] => modelFromText(doc).projects.map((p) => p.budget.total)

const uncounted = (doc: DocumentText): number => budgetsOf(doc).filter((a) => a === null).length

function total(doc: DocumentText): number | null {
  const amounts = budgetsOf(doc)
  return amounts.every((a) => a === null) ? null : Math.round(amounts.reduce<number>((n, a) => n + (a ?? 0), 0) * 10_000) / 10_000
}

/** `{ lastChange }` read from a twin's field, or nothing when there is no twin. */
const attributed = (twinField: string | undefined): { lastChange?: Attribution | null } =>
  twinField === undefined ? {} : { lastChange: attributionOf(twinField) }

function fieldChanges<T>(before: T, after: T, fields: [keyof T, string][], authors?: T): FieldChange[] {
  return fields.flatMap(([field, label]) => {
    const [b, a] = [String(before[field] ?? ''), String(after[field] ?? '')]
    if (b === a) return []
    return [{ field: String(field), label, before: b, after: a, segments: diffText(b, a), ...attributed(authors && String(authors[field] ?? '')) }]
  })
}

/** Changes to the compared fields of a project or row. */
function comparedChanges<T>(before: T, after: T, fields: readonly Compared<T>[], label: (f: Field) => string, authors?: T): FieldChange[] {
  return fields.flatMap(({ field, of, text }) => {
    const [b, a] = [text(before), text(after)]
    if (b === a) return []
    return [{ field, label: label(of), before: b, after: a, segments: diffText(b, a), ...attributed(authors && text(authors)) }]
  })
}

/** Items of a list (goals, safeguards): unchanged ones matched in order, the rest paired up by position between them. */
function listChanges(before: string[], after: string[], field: string, label: string, authors?: string[]): FieldChange[] {
  // Items are numbered as they stand in the newer list (a removed one: where it stood).
  let afterIndex = 0
  return alignInOrder(before, after, (a, b) => a === b).flatMap(([b, a]) => {
    const i = afterIndex
    if (a !== undefined) afterIndex++
    const twin = a === undefined ? undefined : authors?.[i]
    if (b === a) return []
    const change: FieldChange = { field: `${field}[${i}]`, label: listItemLabel(label, i), before: b ?? '', after: a ?? '', segments: diffText(b ?? '', a ?? '') }
    return [authors ? { ...change, lastChange: twin === undefined ? null : attributionOf(twin) } : change]
  })
}

/**
 * Pairs two sequences: equal items (by `same`) matched in order (LCS),
 * and between two matches the leftovers paired by position; what is left
 * over at either side stands alone.
 */
function alignInOrder<T>(before: T[], after: T[], same: (a: T, b: T) => boolean): [T | undefined, T | undefined][] {
  const n = before.length
  const m = after.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = same(before[i]!, after[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const pairs: [T | undefined, T | undefined][] = []
  let [i, j] = [0, 0]
  const gapB: T[] = []
  const gapA: T[] = []
  const flush = () => {
    for (let k = 0; k < Math.max(gapB.length, gapA.length); k++) pairs.push([gapB[k], gapA[k]])
    gapB.length = 0
    gapA.length = 0
  }
  while (i < n || j < m) {
    if (i < n && j < m && same(before[i]!, after[j]!)) {
      flush()
      pairs.push([before[i++], after[j++]])
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) gapB.push(before[i++]!)
    else gapA.push(after[j++]!)
  }
  flush()
  return pairs
}

/** Projects matched by 项目编码 where both have one, then by name, then in order among the rest. */
function matchProjects(before: ProjectText[], after: ProjectText[]): [ProjectText | undefined, ProjectText | undefined][] {
  return matchBy(before, after, [(p) => p.code.trim(), (p) => p.name.trim()])
}

/** Rows matched when identical, then by 三级指标, then by 一级/二级 in order; moved rows are matched, not removed and added. */
function matchRows(before: IndicatorText[], after: IndicatorText[]): [IndicatorText | undefined, IndicatorText | undefined][] {
  return matchBy(before, after, [(r) => TARGET_ROW_FIELDS.map((f) => r[f.key]).join('\u0000'), (r) => r.level3.trim(), (r) => `${r.level1}\u0000${r.level2}`])
}

/**
 * Matches items key by key: each key pairs items with the same non-empty
 * key, first with first; what no key pairs stays unmatched. The result
 * follows `after`'s order, removed items where they stood in `before`.
 */
function matchBy<T>(before: T[], after: T[], keys: ((item: T) => string)[]): [T | undefined, T | undefined][] {
  const partner = new Map<number, number>() // after index → before index
  const taken = new Set<number>()
  for (const key of keys) {
    const free = new Map<string, number[]>()
    before.forEach((item, i) => {
      const k = key(item)
      if (taken.has(i) || !k) return
      free.set(k, [...(free.get(k) ?? []), i])
    })
    after.forEach((item, j) => {
      if (partner.has(j)) return
      const i = free.get(key(item))?.shift()
      if (i === undefined) return
      partner.set(j, i)
      taken.add(i)
    })
  }
  const pairs: [T | undefined, T | undefined][] = []
  let nextBefore = 0
  after.forEach((item, j) => {
    const i = partner.get(j)
    // Removed items that stood before this one's partner come first.
    for (; i !== undefined && nextBefore < i; nextBefore++) if (!taken.has(nextBefore)) pairs.push([before[nextBefore], undefined])
    if (i !== undefined) nextBefore = Math.max(nextBefore, i + 1)
    pairs.push([i === undefined ? undefined : before[i], item])
  })
  for (; nextBefore < before.length; nextBefore++) if (!taken.has(nextBefore)) pairs.push([before[nextBefore], undefined])
  return pairs
}
