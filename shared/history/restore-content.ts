/**
 * Puts a version's content back as a new change on top of the document:
 * the binding's own minimal update (`updateYFragment`, what the editor
 * runs on every keystroke) turns today's content into the version's, so
 * text that is the same in both keeps its identity — comments anchored in
 * it stay anchored — and history is never rewritten. Threads and `meta`
 * are not touched. One project's table can be put back alone
 * (`withProjectFrom`), the rest of the document left as it is now; and
 * projects added after the last one (导入项目表, `addProjectsTo`) are
 * written without reading what is there.
 */
import { Node } from '@tiptap/pm/model'
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { blank, withProjectsAdded } from '../model/add-projects'
import { buildProject } from '../model/build-document'
import type { ProjectText } from '../model/document-text'
import type { NodeJSON } from '../model/node-json'
import { childElement, contentOf, readContent } from '../model/y-document'
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

/** A table of the document as the binding reads it. */
const projectJSON = (table: Y.XmlElement): NodeJSON =>
  ({ type: table.nodeName, attrs: table.getAttributes(), content: (yXmlFragmentToProsemirrorJSON(table) as NodeJSON).content ?? [] })

/**
 * `withProjectsAdded`, made in `ydoc` (inside the caller's transaction): each table new, written by the
 * binding's own encoding into an empty element after the last one, so nothing already there is read or compared.
 * Diffing the whole content against it took seconds at a few hundred projects, on the thread every connection
 * shares. A document whose tables are all blank (a new one's) has them replaced, by a diff of that small content.
 */
export function addProjectsTo(ydoc: Y.Doc, projects: readonly ProjectText[]): void {
  const part = childElement(contentOf(ydoc), NODE.projectsPart)
  const tables = (part?.toArray() ?? []).filter((child): child is Y.XmlElement => child instanceof Y.XmlElement)
  if (!part || tables.every((table) => blank(projectJSON(table)))) {
    restoreContent(ydoc, withProjectsAdded(readContent(ydoc), projects))
    return
  }
  for (const project of projects) {
    const table = new Y.XmlElement(NODE.project)
    part.insert(part.length, [table])
    updateYFragment(ydoc, table, Node.fromJSON(documentSchema, buildProject(project)), { mapping: new Map(), isOMark: new Map() })
  }
}
