/**
 * 导入项目表: projects read from another file added after a document's
 * last project, as content the editor binding can apply as one change.
 * A new document's blank table (nothing typed in it anywhere) is replaced,
 * not kept as an empty 「1.（未命名项目）」 before the imported ones.
 */
import type { ProjectText } from './document-text'
import type { NodeJSON } from './node-json'
import { BLANK_PROJECT, buildProject } from './build-document'
import { NODE } from '../schema/node-names'

const noAttributes = (node: NodeJSON): boolean =>
  Object.values(node.attrs ?? {}).every((value) => value === null || value === '' || value === undefined) && (node.content ?? []).every(noAttributes)
const textsOf = (node: NodeJSON): string[] => (node.text !== undefined ? [node.text] : (node.content ?? []).flatMap(textsOf))
/** The blank table's own words (单位 万元, the plan's 3月底…): a table that says only these was not written in. */
const BLANK_TEXTS = textsOf(buildProject(BLANK_PROJECT)).join('\n')

/** Whether nothing was put in a table: its words are the blank one's, no 一级/二级 chosen, no suggestion or figure record. */
export const blank = (project: NodeJSON): boolean => noAttributes(project) && textsOf(project).join('\n') === BLANK_TEXTS

export function withProjectsAdded(current: NodeJSON, projects: readonly ProjectText[]): NodeJSON {
  const added = projects.map((project) => buildProject(project))
  const after = (kept: readonly NodeJSON[]) => (kept.every(blank) ? added : [...kept, ...added])
  return {
    ...current,
    content: (current.content ?? []).map((part) => (part.type === NODE.projectsPart ? { ...part, content: after(part.content ?? []) } : part)),
  }
}
