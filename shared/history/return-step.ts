/**
 * The version a 退回修改 step kept: where "自上次退回以来的修改" starts.
 * Not the last version whose status reads 退回修改 — while a document is
 * returned, staff keep named versions, 自动保存 takes its own and a restore
 * keeps one, all with that status, and starting from any of them would
 * hide the changes made before it.
 */
import type { ActivityEntry } from './activity'
import type { VersionRecord } from './version-record'

/**
 * The version kept by the latest step that returned the document, found
 * through the step's record: by the id it names, or — for steps recorded
 * before steps named their version — the version of that status taken at
 * that very moment. Undefined when the document was never returned.
 */
export function returnStepVersion(entries: readonly ActivityEntry[], versions: readonly VersionRecord[], returned: string): VersionRecord | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const { at, event } = entries[i]!
    if (event.kind !== 'workflow' || event.to !== returned) continue
    const kept = event.versionId !== undefined ? versions.find((v) => v.id === event.versionId) : versions.find((v) => v.createdAt === at && v.status === returned)
    if (kept) return kept
  }
  return undefined
}
