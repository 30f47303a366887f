/**
 * 导入项目表: projects read from another file added after a document's
 * last project, as content the editor binding can apply as one change.
 */
import type { ProjectText } from './document-text'
import type { NodeJSON } from './node-json'
import { buildProject } from './build-document'
import { NODE } from '../schema/node-names'

export function withProjectsAdded(current: NodeJSON, projects: readonly ProjectText[]): NodeJSON {
  const added = projects.map((project) => buildProject(project))
  return {
    ...current,
    content: (current.content ?? []).map((part) => (part.type === NODE.projectsPart ? { ...part, content: [...(part.content ?? []), ...added] } : part)),
  }
}
