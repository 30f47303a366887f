/**
 * Projects read from a pasted 绩效目标表 added after the document's last
 * project, in one transaction, with the cursor in the first one's 项目名称
 * and the view scrolled to it, so the person sees what was added.
 */
import type { Schema, Slice } from '@tiptap/pm/model'
import { TextSelection, type Command } from '@tiptap/pm/state'
import type { ProjectText } from '@shared/model/document-text'
import { buildProject } from '@shared/model/build-document'
import type { NodeJSON } from '@shared/model/node-json'
import { readProject } from '@shared/model/read-document'
import { NODE } from '@shared/schema/node-names'

/**
 * The projects in a slice copied in an editor (this document or another):
 * those with all their fields — a selection may end inside a project's
 * rows, which then has the rows selected; one starting after a project's
 * first field has not got it. A selection inside one project from its first
 * field to its last is that project.
 */
export function copiedProjects(slice: Slice, schema: Schema): ProjectText[] {
  const project = schema.nodes[NODE.project]!
  if (project.validContent(slice.content)) return [readProject(project.create(null, slice.content).toJSON() as NodeJSON)]
  const projects: ProjectText[] = []
  slice.content.descendants((node) => {
    if (node.type.name !== NODE.project) return true
    if (node.type.validContent(node.content)) projects.push(readProject(node.toJSON() as NodeJSON))
    return false
  })
  return projects
}

export const addProjects =
  (projects: readonly ProjectText[]): Command =>
  (state, dispatch) => {
    if (projects.length === 0 || state.doc.lastChild?.type.name !== NODE.projectsPart) return false
    if (!dispatch) return true
    const at = state.doc.content.size - 1
    const tr = state.tr.insert(at, projects.map((project) => state.schema.nodeFromJSON(buildProject(project))))
    let name = -1
    tr.doc.nodesBetween(at, tr.doc.content.size, (node, pos) => {
      if (name < 0 && node.type.name === NODE.projectName) name = pos + 1 + node.content.size
      return name < 0
    })
    dispatch((name >= 0 ? tr.setSelection(TextSelection.create(tr.doc, name)) : tr).scrollIntoView())
    return true
  }
