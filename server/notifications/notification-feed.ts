/**
 * Wakes a person's open pages when notifications were stored for them, on
 * this instance and (over the bus) on every other, so a 报送 or an
 * @mention reaches an open page within a second instead of at the next
 * poll; and every open page when what a document's 报送截止 is read from
 * changed (a bureau's deadlines, or the departments it reviews), so an open
 * document shows the deadline as it now is. It carries no notice itself: a
 * woken page asks for its list, or its deadline, as before, with its own
 * login, so nothing here needs to be trusted.
 */
import { log } from '../log'
import type { RoomBus } from '../bus/room-bus'

/** Pages one person may hold open at once; more are refused rather than kept (a tab left open per device is far fewer). */
export const MAX_PAGES_PER_USER = 32

/** What a page is woken for: notifications of its person, or deadlines changed (for everyone: a page reads its own). */
export type FeedEvent = 'notified' | 'deadlines'

export class NotificationFeed {
  private readonly pages = new Map<number, Set<(event: FeedEvent) => void>>()

  constructor(private readonly bus: RoomBus) {
    bus.onDeployment((message) => {
      if (message.kind === 'notified') this.wake(message.userIds)
      if (message.kind === 'deadlines') this.wakeAll('deadlines')
    })
  }

  /** Calls `wake` whenever `userId` is sent notifications, or deadlines changed; null when they hold too many pages already. */
  subscribe(userId: number, wake: (event: FeedEvent) => void): (() => void) | null {
    const pages = this.pages.get(userId) ?? new Set()
    if (pages.size >= MAX_PAGES_PER_USER) return null
    pages.add(wake)
    this.pages.set(userId, pages)
    return () => {
      pages.delete(wake)
      if (pages.size === 0) this.pages.delete(userId)
    }
  }

  /** After notices were stored for `userIds`. */
  announce(userIds: readonly number[]): void {
    if (userIds.length === 0) return
    this.wake(userIds)
    this.publish({ kind: 'notified', userIds: [...userIds] })
  }

  /**
   * After a bureau's deadlines or assignments changed. Every open page hears it (a deadline change is rare, and
   * who reads it — the departments' staff, their reviewers, people a document is shared with — is every reader
   * of their documents); only a document's page reads its deadline again.
   */
  announceDeadlines(): void {
    this.wakeAll('deadlines')
    this.publish({ kind: 'deadlines' })
  }

  private publish(message: Parameters<RoomBus['publishDeployment']>[0]): void {
    this.bus.publishDeployment(message).catch((error: Error) => log('warn', 'bus-publish-failed', { error: error.message }))
  }

  private wake(userIds: readonly number[]): void {
    for (const id of userIds) for (const wake of this.pages.get(id) ?? []) wake('notified')
  }

  private wakeAll(event: FeedEvent): void {
    for (const pages of this.pages.values()) for (const wake of pages) wake(event)
  }
}
