/**
 * 导入项目表: projects read from another file added after a document's
 * last project, as content the editor binding can apply as one change.
 * A new document's blank table (nothing typed in it anywhere) is replaced,
 * not kept as an empty 「1.（未命名项目）」 before the imported ones.
 */
import { Node } from '@tiptap/pm/model'
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { ProjectText } from './document-text'
import type { NodeJSON } from './node-json'
import { BLANK_PROJECT, buildProject } from './build-document'
import { childElement, contentOf, readContent } from './y-document'
import { restoreContent } from '../history/restore-content'
import { documentSchema } from '../schema/schema'
import { NODE } from '../schema/node-names'

const noAttributes = (node: NodeJSON): boolean =>
  Object.values(node.attrs ?? {}).every((value) => value === null || value === '' || value === undefined) && (node.content ?? []).every(noAttributes)
const textsOf = (node: NodeJSON): string[] => (node.text !== undefined ? [node.text] : (node.content ?? []).flatMap(textsOf))
/** The blank table's own words (单位 万元, the plan's 3月底…): a table that says only these was not written in. */
const BLANK_TEXTS = textsOf(buildProject(BLANK_PROJECT)).join('\n')

/** Whether nothing was put in a table: its words are the blank one's, no 一级/二级 chosen, no suggestion or figure record. */
const blank = (project: NodeJSON): boolean => noAttributes(project) && textsOf(project).join('\n') === BLANK_TEXTS

export function withProjectsAdded(current: NodeJSON, projects: readonly ProjectText[]): NodeJSON {
  const added = projects.map((project) => buildProject(project))
  const after = (kept: readonly NodeJSON[]) => (kept.every(blank) ? added : [...kept, ...added])
  return {
    ...current,
    content: (current.content ?? []).map((part) => (part.type === NODE.projectsPart ? { ...part, content: after(part.content ?? []) } : part)),
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
