/**
 * Whether this person may change the document now, and if not, why — from
 * the facts, as a pure function, so the editor only ever mirrors what the
 * server enforces.
 */
import type { Role } from '@shared/protocol/role'
import { mayEditDirectly, maySuggest, type Status } from '@shared/review/workflow'
import { SCHEMA_VERSION } from '@shared/schema/schema'
import { T } from '../i18n/zh-CN'
import type { Denial } from '../sync/sync-status'

export interface EditFacts {
  denied: Denial | null
  /** Why the server refused one of our updates, if it did. */
  refusal: string | null
  schemaVersion: number
  role: Role | null
  status: Status
}

/** '' when the editor may be editable (reviewers then in suggestion mode), else the reason shown to the person. */
export function readOnlyReason(facts: EditFacts): string {
  if (facts.denied) return T.deniedReason[facts.denied]
  if (facts.refusal) return T.refused(facts.refusal)
  // An older client would delete nodes it does not know, for everyone: never edit a newer document.
  if (facts.schemaVersion > SCHEMA_VERSION) return T.readOnlyNewerSchema
  if (facts.role === 'viewer') return T.readOnlyViewer
  if (!maySuggest(facts.status)) return T.readOnlyApproved
  if (facts.role === 'reviewer') return ''
  if (!mayEditDirectly(facts.status)) return T.readOnlyStatus(facts.status)
  return ''
}
