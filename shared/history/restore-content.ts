/**
 * Puts a version's content back as a new change on top of the document:
 * the binding's own minimal update (`updateYFragment`, what the editor
 * runs on every keystroke) turns today's content into the version's, so
 * text that is the same in both keeps its identity — comments anchored in
 * it stay anchored — and history is never rewritten. Threads and `meta`
 * are not touched. One project's table can be put back alone
 * (`withProjectFrom`), the rest of the document left as it is now.
 */
import { Node } from '@tiptap/pm/model'
import { updateYFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import type { NodeJSON } from '../model/node-json'
import { contentOf } from '../model/y-document'
import { documentSchema } from '../schema/schema'
import { NODE } from '../schema/node-names'
import { readProject } from '../model/read-document'

/** Call inside a transaction with the caller's origin. Throws a RangeError when `content` does not fit the schema. */
export function restoreContent(doc: Y.Doc, content: NodeJSON): void {
  updateYFragment(doc, contentOf(doc), Node.fromJSON(documentSchema, content), { mapping: new Map(), isOMark: new Map() })
}

const projectsOf = (doc: NodeJSON): NodeJSON[] => doc.content?.find((n) => n.type === NODE.projectsPart)?.content ?? []

/** A project's table in a content tree, by 项目编码 (when given and found) or else by 项目名称. */
function findProject(doc: NodeJSON, project: { code: string; name: string }): number {
  const projects = projectsOf(doc).map((node) => readProject(node))
  const byCode = project.code.trim() ? projects.findIndex((p) => p.code.trim() === project.code.trim()) : -1
  return byCode >= 0 ? byCode : projects.findIndex((p) => p.name.trim() === project.name.trim())
}

/**
 * Today's content with one project's table as it was in `version`:
 * replaced where it stands, or added at the end when it was removed since.
 * Null when the version has no such project.
 */
export function withProjectFrom(current: NodeJSON, version: NodeJSON, project: { code: string; name: string }): NodeJSON | null {
  const from = findProject(version, project)
  if (from < 0) return null
  const restored = projectsOf(version)[from]!
  const at = findProject(current, project)
  return {
    ...current,
    content: (current.content ?? []).map((part) => {
      if (part.type !== NODE.projectsPart) return part
      const projects = [...(part.content ?? [])]
      if (at >= 0) projects[at] = restored
      else projects.push(restored)
      return { ...part, content: projects }
    }),
  }
}
