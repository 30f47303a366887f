/**
 * The checks panel's findings grouped by place, as the panel lists them
 * (`live-checks.ts` keeps them current; `place.ts` follows one to its cell).
 */
import { SEVERITY_ORDER, type Finding } from '@shared/checks/finding'
import { T } from '../i18n/zh-CN'

export interface FindingGroup {
  title: string
  errors: number
  findings: Finding[]
}

/** Findings by place — the whole document and Part 1 first, then each project — errors, then warnings, then notes within each. */
export function findingGroups(findings: readonly Finding[], projectNames: readonly string[]): FindingGroup[] {
  const byPlace = new Map<number | null, Finding[]>()
  for (const f of findings) byPlace.set(f.project, [...(byPlace.get(f.project) ?? []), f])
  return [...byPlace]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([project, list]) => ({
      title: project === null ? '文档总体与第一部分' : `${project}. ${projectNames[project - 1] || T.unnamedProject}`,
      errors: list.filter((f) => f.severity === 'error').length,
      findings: [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.indicator ?? 0) - (b.indicator ?? 0)),
    }))
}
