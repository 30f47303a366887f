/**
 * A 绩效运行监控 or 绩效自评 from an approved targets document: the targets
 * carried verbatim (projects, every indicator row, the 资金支出计划, each
 * project's 绩效目标), each project's 资金 started from its 预算数 (年初 and
 * 全年), and every cell the kind adds empty for the department to fill.
 * It is a set of project forms, as on paper: the department and year head
 * it as that kind ("2026年度绩效自评"), and the targets' Part 1 narrative
 * (部门整体绩效目标) is not carried — it is not what a 监控 or 自评 reports on.
 */
import type { DocumentKind } from '../model/document-kind'
import type { DocumentText, ProjectText } from '../model/document-text'
import { KIND_LAYOUT } from '../model/kind-layout'
import { parseYear } from '../model/numbers'

export type LinkedKind = Exclude<DocumentKind, 'targets'>

export const LINKED_KINDS: readonly LinkedKind[] = ['monitoring', 'self-evaluation']

export const isLinkedKind = (value: unknown): value is LinkedKind => (LINKED_KINDS as readonly unknown[]).includes(value)

/**
 * A 预算数 written with its unit ("3000元") is carried as written, into the 年初预算数 nobody may change
 * and the 全年预算数 the department may: the cell shows the figure that was approved, in the approved
 * words, and `funds-figures.ts` reads it as the targets' form does (0.3 万元). Writing it here as
 * 万元 instead ("0.3", or "0.30" rounded) would put text nobody approved in a locked cell, and make
 * it differ from the project's 预算数 carried beside it.
 */
function linkedProject(project: ProjectText, kind: LinkedKind): ProjectText {
  const cells = KIND_LAYOUT[kind].rowCells
  return {
    ...project,
    funds: { initial: project.budgetTotal, budget: project.budgetTotal, executed: '', rate: '', points: '', earned: '' },
    achieved: '',
    indicators: project.indicators.map((indicator) => ({ ...indicator, ...Object.fromEntries(cells.map((cell) => [cell, ''])) })),
  }
}

/** What heads each kind's document under the department's name (its year is read from it). */
const HEADING: Record<LinkedKind, string> = { monitoring: '绩效运行监控', 'self-evaluation': '项目支出绩效自评' }

/** The new document's text; `asOf` is a 监控's 截至月份 ("6月"). */
export function linkedText(source: DocumentText, kind: LinkedKind, asOf?: string): DocumentText {
  const { kind: _targets, asOf: _none, goals: _goals, subGoals: _subGoals, safeguards: _safeguards, ...targets } = source
  const year = parseYear(source.subtitle)
  return {
    ...targets,
    kind,
    ...(kind === 'monitoring' ? { asOf: asOf ?? '' } : {}),
    subtitle: `${year === null ? '' : `${year}年度`}${HEADING[kind]}`,
    goals: [],
    subGoals: [],
    safeguards: [],
    projects: source.projects.map((project) => linkedProject(project, kind)),
  }
}
