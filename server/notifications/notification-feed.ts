/**
 * Wakes a person's open pages when notifications were stored for them, on
 * this instance and (over the bus) on every other, so a 报送 or an
 * @mention reaches an open page within a second instead of at the next
 * poll. It carries no notice itself: a woken page asks for its list as
 * before, with its own login, so nothing here needs to be trusted.
 */
import { log } from '../log'
import type { RoomBus } from '../bus/room-bus'

/** Pages one person may hold open at once; more are refused rather than kept (a tab left open per device is far fewer). */
export const MAX_PAGES_PER_USER = 32

export class NotificationFeed {
  private readonly pages = new Map<number, Set<() => void>>()

  constructor(private readonly bus: RoomBus) {
    bus.onDeployment((message) => {
      if (message.kind === 'notified') this.wake(message.userIds)
    })
  }

  /** Calls `wake` whenever `userId` is sent notifications; null when they hold too many pages already. */
  subscribe(userId: number, wake: () => void): (() => void) | null {
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
    this.bus.publishDeployment({ kind: 'notified', userIds: [...userIds] }).catch((error: Error) => log('warn', 'bus-publish-failed', { error: error.message }))
  }

  private wake(userIds: readonly number[]): void {
    for (const id of userIds) for (const wake of this.pages.get(id) ?? []) wake()
  }
}
