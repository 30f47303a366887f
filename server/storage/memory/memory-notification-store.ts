/** Notifications in memory: for tests and the contract suite. */
import type { NewNotice, Notice, NotificationStore } from '../notification-store'

export class MemoryNotificationStore implements NotificationStore {
  private notices: Notice[] = []
  private lastId = 0

  async notify(userIds: readonly number[], notice: NewNotice): Promise<void> {
    for (const userId of new Set(userIds)) this.notices.push({ ...notice, id: ++this.lastId, userId, read: false })
  }

  async list(userId: number, limit = 50): Promise<Notice[]> {
    return this.notices.filter((n) => n.userId === userId).sort((a, b) => b.at - a.at || b.id - a.id).slice(0, limit).map((n) => ({ ...n }))
  }

  async unreadCount(userId: number): Promise<number> {
    return this.notices.filter((n) => n.userId === userId && !n.read).length
  }

  async expire(before: number): Promise<number> {
    const kept = this.notices.filter((n) => n.at >= before)
    const expired = this.notices.length - kept.length
    this.notices = kept
    return expired
  }

  async markRead(userId: number, ids?: readonly number[]): Promise<void> {
    for (const n of this.notices) if (n.userId === userId && (!ids || ids.includes(n.id))) n.read = true
  }
}
