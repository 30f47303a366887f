/**
 * Keeping the finance checks current as people type: only the tables whose
 * ProseMirror node changed are re-checked (unchanged nodes are the same
 * objects from one state to the next). Findings are grouped for the panel;
 * `place.ts` follows one to its cell.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import { SEVERITY_ORDER, type Finding } from '@shared/checks/finding'
import { IncrementalChecks } from '@shared/checks/run-checks'
import type { BudgetDocument } from '@shared/model/budget-document'
import type { DocumentText } from '@shared/model/document-text'

const projectNodes = (doc: PMNode): PMNode[] => {
  const part = doc.lastChild
  const nodes: PMNode[] = []
  part?.forEach((child) => nodes.push(child))
  return nodes
}

/** Re-checks what changed since the last call: `text` and `model` are what `doc` reads as (derived once per change, by the caller). */
export function makeLiveChecks() {
  const checks = new IncrementalChecks()
  let previous: PMNode[] = []
  return (doc: PMNode, text: DocumentText, model: BudgetDocument): Finding[] => {
    const projects = projectNodes(doc)
    const changed = projects.length === previous.length ? new Set(projects.flatMap((node, i) => (node === previous[i] ? [] : [i]))) : 'all'
    previous = projects
    return checks.update(text, model, changed)
  }
}

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
      title: project === null ? '文档总体与第一部分' : `${project}. ${projectNames[project - 1] || '未命名项目'}`,
      errors: list.filter((f) => f.severity === 'error').length,
      findings: [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.indicator ?? 0) - (b.indicator ?? 0)),
    }))
}
