/**
 * How many notices reach one person: the first notice from a sender about
 * a document in a minute goes out at once; the rest of that minute are
 * held and go out as one ("张伟在“…”中又有 12 条批注与你有关"), so a
 * colleague (or a script) writing 600 comments that name a reviewer gives
 * them two notices, not 600. Past `perMinute` notices to one person in a
 * minute from everyone together, the rest are only counted into the
 * merged ones. In memory, per instance: a restart forgets a minute of
 * counts at most.
 */
import type { NoticeKind } from '@shared/api/http-api'

export const NOTICE_WINDOW_MS = 60_000
/** Notices one person receives per minute at most, from everyone together. */
export const NOTICES_PER_MINUTE = 20

export interface HeldNotices {
  userId: number
  sender: string
  docId: string
  /** The kind of the last one held. */
  kind: NoticeKind
  /** How many were held after the first of the window. */
  count: number
}

interface Window {
  startedAt: number
  held: number
}

type SenderWindow = Window & { userId: number; sender: string; docId: string; kind: NoticeKind }

export class NoticeGate {
  private readonly windows = new Map<string, SenderWindow>()
  private readonly perUser = new Map<number, Window>()

  constructor(private readonly perMinute = NOTICES_PER_MINUTE) {}

  /** The recipients to tell now; the others' notices are held for `release`. */
  admit(userIds: readonly number[], sender: string, docId: string, kind: NoticeKind, now: number): number[] {
    return userIds.filter((userId) => {
      const key = `${userId}\u0000${sender}\u0000${docId}`
      const window = this.windows.get(key)
      const user = this.perUser.get(userId)
      const userWindow = user && now - user.startedAt < NOTICE_WINDOW_MS ? user : { startedAt: now, held: 0 }
      this.perUser.set(userId, userWindow)
      if (window && now - window.startedAt < NOTICE_WINDOW_MS) {
        window.held++
        window.kind = kind
        return false
      }
      if (userWindow.held >= this.perMinute) {
        // Over the person's cap: this sender's window opens held.
        this.windows.set(key, { userId, sender, docId, kind, startedAt: now, held: 1 })
        return false
      }
      userWindow.held++
      this.windows.set(key, { userId, sender, docId, kind, startedAt: now, held: 0 })
      return true
    })
  }

  /** The held notices of every window that has ended by `now`, each once; ended windows are forgotten. */
  release(now: number): HeldNotices[] {
    const released: HeldNotices[] = []
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < NOTICE_WINDOW_MS) continue
      this.windows.delete(key)
      if (window.held > 0) released.push({ userId: window.userId, sender: window.sender, docId: window.docId, kind: window.kind, count: window.held })
    }
    for (const [userId, window] of this.perUser) if (now - window.startedAt >= NOTICE_WINDOW_MS) this.perUser.delete(userId)
    return released
  }
}
