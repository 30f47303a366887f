/** Notifications on the embedded SQLite database. */
import { StorageError, storageWork } from '../storage-error'
import type { NewNotice, Notice, NotificationStore } from '../notification-store'
import type { Db } from './sqlite-database'

interface Row extends Omit<Notice, 'read'> {
  read: number
}

export class SqliteNotificationStore implements NotificationStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare('INSERT INTO notifications (user_id, at, kind, doc_id, text) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare('SELECT id, user_id AS userId, at, kind, doc_id AS docId, text, read_at IS NOT NULL AS read FROM notifications WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?'),
      unread: db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL'),
      readAll: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL'),
      readOne: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL'),
      expire: db.prepare('DELETE FROM notifications WHERE at < ?'),
    }
  }

  async notify(userIds: readonly number[], notice: NewNotice): Promise<void> {
    work('保存通知', () => this.db.transaction(() => {
      for (const userId of new Set(userIds)) this.statements.insert.run(userId, notice.at, notice.kind, notice.docId, notice.text)
    })())
  }

  async list(userId: number, limit = 50): Promise<Notice[]> {
    return work('读取通知', () => (this.statements.list.all(userId, limit) as Row[]).map((r) => ({ ...r, read: r.read === 1 })))
  }

  async unreadCount(userId: number): Promise<number> {
    return work('读取通知', () => (this.statements.unread.get(userId) as { n: number }).n)
  }

  async expire(before: number): Promise<number> {
    return work('清理通知', () => this.statements.expire.run(before).changes)
  }

  async markRead(userId: number, ids?: readonly number[]): Promise<void> {
    const now = Date.now()
    work('标记通知已读', () => this.db.transaction(() => {
      if (!ids) this.statements.readAll.run(now, userId)
      else for (const id of ids) this.statements.readOne.run(now, userId, id)
    })())
  }
}

/** Storage work whose failures become StorageError with what was being done. */
const work = <T>(doing: string, run: () => T): T => storageWork(doing, run, StorageError)
