/**
 * The project limit for edits over the socket: an update may not take a
 * document past MAX_PROJECTS 绩效目标表 (the changes the server makes are
 * held to it in `server-change.ts`). A project can only arrive as a new
 * `project` element, so an update bringing none — every keystroke — costs
 * a scan of its structs and nothing more; one that could pass the limit is
 * tried on the trial replica, so a project moved (deleted and inserted in
 * one update) at the limit still passes. A document already past the
 * limit (stored before it) may shrink, never grow.
 */
import * as Y from 'yjs'
import { MAX_PROJECTS, projectCount, tooManyProjects } from '@shared/model/document-limits'
import { NODE } from '@shared/schema/node-names'
import type { TrialReplica } from '@shared/review/trial-replica'

/** Why the update is refused (Chinese, for the sender), or null when it keeps within the limit. */
/** `items`: the update's new items, as the causal gate decoded them. */
export function projectLimitRefusal(doc: Y.Doc, update: Uint8Array, items: readonly Y.Item[], trial: TrialReplica, limit = MAX_PROJECTS): string | null {
  const arriving = items.filter(
    (s) => s instanceof Y.Item && s.content instanceof Y.ContentType && s.content.type instanceof Y.XmlElement && s.content.type.nodeName === NODE.project,
  ).length
  if (arriving === 0) return null
  const before = projectCount(doc)
  if (before + arriving <= limit) return null
  const allowed = (after: number) => after <= limit || after <= before
  const after = trial.trial((replica) => {
    Y.applyUpdate(replica, update)
    return projectCount(replica)
  }, allowed)
  return allowed(after) ? null : tooManyProjects(after).message.replace(/^文档将有/, '这次修改后文档将有')
}
