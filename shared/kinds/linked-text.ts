/**
 * A 绩效运行监控 or 绩效自评 from an approved targets document: the targets
 * carried verbatim (projects, every indicator row, the 资金支出计划, the
 * goals), each project's 资金 started from its 预算数 (年初 and 全年), and
 * every cell the kind adds empty for the department to fill.
 */
import type { DocumentKind } from '../model/document-kind'
import type { DocumentText, ProjectText } from '../model/document-text'
import { KIND_LAYOUT } from '../model/kind-layout'

export type LinkedKind = Exclude<DocumentKind, 'targets'>

export const LINKED_KINDS: readonly LinkedKind[] = ['monitoring', 'self-evaluation']

export const isLinkedKind = (value: unknown): value is LinkedKind => (LINKED_KINDS as readonly unknown[]).includes(value)

function linkedProject(project: ProjectText, kind: LinkedKind): ProjectText {
  const cells = KIND_LAYOUT[kind].rowCells
  return {
    ...project,
    funds: { initial: project.budgetTotal, budget: project.budgetTotal, executed: '', rate: '', points: '', earned: '' },
    achieved: '',
    indicators: project.indicators.map((indicator) => ({ ...indicator, ...Object.fromEntries(cells.map((cell) => [cell, ''])) })),
  }
}

/** The new document's text; `asOf` is a 监控's 截至月份 ("6月"). */
export function linkedText(source: DocumentText, kind: LinkedKind, asOf?: string): DocumentText {
  const { kind: _targets, asOf: _none, ...targets } = source
  return { ...targets, kind, ...(kind === 'monitoring' ? { asOf: asOf ?? '' } : {}), projects: source.projects.map((project) => linkedProject(project, kind)) }
}
