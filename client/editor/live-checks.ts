/**
 * Keeping the finance checks current as people type: only the tables whose
 * ProseMirror node changed are re-checked (unchanged nodes are the same
 * objects from one state to the next).
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Finding } from '@shared/checks/finding'
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
