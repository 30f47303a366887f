/**
 * What a form of a 自评 or 监控 shows that nobody types: 执行率, the 执行率's
 * 得分, each indicator's 分值 and 得分, 总分 and its grade — taken from the
 * kind's model (`shared/kinds/registry.ts`, scored by
 * `shared/self-evaluation/scoring.ts`), so every export writes what the
 * editor and the checks compute. A figure the model cannot derive is left
 * as written.
 */
import type { DocumentText, ProjectText } from '../../model/document-text'
import { kindOf } from '../../kinds/registry'
import { gradeText } from '../../self-evaluation/full-marks'

export interface DerivedCells {
  /** 执行率 with its %, or as written */
  rate: string
  /** 资金's 分值 and 得分 (自评) */
  fundsPoints: string
  fundsEarned: string
  /** Each indicator's 分值 and 得分 (自评) */
  points: string[]
  earned: string[]
  /** 分值 and 得分 added up, and the grade — or why there is none, 分值 past full marks (自评) */
  pointsTotal: string
  total: string
  grade: string
}

const shown = (n: number | null | undefined): string | null => (typeof n === 'number' && Number.isFinite(n) ? String(Math.round(n * 100) / 100) : null)

interface ModelProject {
  funds?: { rate?: number | null; points?: number | null; earned?: number | null }
  earned?: number | null
  grade?: string | null
  ungraded?: number | null
  indicators: { points?: number | null; earned?: number | null }[]
}

/** The derived cells of each project, in order. */
export function derivedCells(doc: DocumentText): DerivedCells[] {
  const model = kindOf(doc).model(doc) as unknown as { projects: ModelProject[] }
  return doc.projects.map((project: ProjectText, i) => {
    const derived = model.projects[i]!
    const funds = project.funds
    const points = project.indicators.map((indicator, k) => shown(derived.indicators[k]?.points) ?? indicator.score ?? '')
    const fundsPoints = shown(derived.funds?.points) ?? funds?.points ?? ''
    const rate = shown(derived.funds?.rate)
    const sum = [...points, fundsPoints].map(Number)
    return {
      rate: rate !== null ? `${rate}%` : (funds?.rate ?? ''),
      fundsPoints,
      fundsEarned: shown(derived.funds?.earned) ?? funds?.earned ?? '',
      points,
      earned: project.indicators.map((indicator, k) => shown(derived.indicators[k]?.earned) ?? indicator.earned ?? ''),
      pointsTotal: sum.every((n) => Number.isFinite(n)) && points.length > 0 ? String(Math.round(sum.reduce((a, b) => a + b, 0) * 100) / 100) : '',
      total: shown(derived.earned) ?? project.total ?? '',
      // 分值 past full marks: the form says why it has no grade, as the editor does, rather than leave the cell empty.
      grade: gradeText(derived.grade, derived.ungraded),
    }
  })
}
