/** Notifications in memory: for tests and the contract suite. */
import type { NewNotice, Notice, NotificationStore } from '../notification-store'

export class MemoryNotificationStore implements NotificationStore {
  private readonly notices: Notice[] = []

  async notify(userIds: readonly number[], notice: NewNotice): Promise<void> {
    for (const userId of new Set(userIds)) this.notices.push({ ...notice, id: this.notices.length + 1, userId, read: false })
  }

  async list(userId: number, limit = 50): Promise<Notice[]> {
    return this.notices.filter((n) => n.userId === userId).sort((a, b) => b.at - a.at || b.id - a.id).slice(0, limit).map((n) => ({ ...n }))
  }

  async unreadCount(userId: number): Promise<number> {
    return this.notices.filter((n) => n.userId === userId && !n.read).length
  }

  async markRead(userId: number, ids?: readonly number[]): Promise<void> {
    for (const n of this.notices) if (n.userId === userId && (!ids || ids.includes(n.id))) n.read = true
  }
}
