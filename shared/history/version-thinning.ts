/**
 * Which automatic versions to keep: every one of the last day, one an
 * hour for the week before, one a day after that (the newest of each
 * hour or day). Named and workflow versions are always kept.
 */

/** Automatic versions are named so, and no person may name one so. */
export const AUTOMATIC_VERSION = '自动保存'
export const isAutomaticVersion = (name: string): boolean => name.startsWith(AUTOMATIC_VERSION)

const HOUR = 3600_000
const DAY = 24 * HOUR

export interface DatedVersion {
  id: number
  createdAt: number
  automatic: boolean
}

/** The ids of the automatic versions the policy no longer keeps. */
export function versionsToThin(versions: readonly DatedVersion[], now: number): number[] {
  const kept = new Set<string>()
  const drop: number[] = []
  for (const version of [...versions].filter((v) => v.automatic).sort((a, b) => b.createdAt - a.createdAt)) {
    const age = now - version.createdAt
    if (age < DAY) continue
    const bucket = age < 8 * DAY ? `h${Math.floor(version.createdAt / HOUR)}` : `d${Math.floor(version.createdAt / DAY)}`
    if (kept.has(bucket)) drop.push(version.id)
    else kept.add(bucket)
  }
  return drop
}
