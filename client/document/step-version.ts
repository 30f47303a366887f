/**
 * A workflow step reaches every page through the live document before the
 * server has stored the version it keeps (the status first, then the
 * version: on PostgreSQL, or a loaded machine, a page reading its versions
 * as the status arrives gets the list without it — no 退回修改 version to
 * compare with or restore from, no 自上次退回以来的修改). The history panel
 * reads again while the list misses the step's version.
 */
import type { VersionRecord } from '@shared/history/version-record'
import type { StatusRecord } from '@shared/review/workflow'

/** Whether `versions` lack the version kept by the step that set `status` (taken at `status.at`, with its status). */
export function missesStepVersion(versions: readonly VersionRecord[], status: StatusRecord | null): boolean {
  if (!status || !(status.at > 0)) return false
  return !versions.some((v) => v.status === status.value && v.createdAt >= status.at)
}

/** How long to wait before reading again after `attempt` reads that missed it; null: give up (a document from before steps kept versions). */
export const rereadAfter = (attempt: number): number | null => (attempt < 6 ? 100 * 2 ** attempt : null)
