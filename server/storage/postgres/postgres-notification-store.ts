/** Notifications on PostgreSQL, shared by every instance. */
import { StorageError, storageWork } from '../storage-error'
import type { NewNotice, Notice, NotificationStore } from '../notification-store'
import type { Pool } from './postgres-database'

export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: Pool) {}

  async notify(userIds: readonly number[], notice: NewNotice): Promise<void> {
    const ids = [...new Set(userIds)]
    if (ids.length === 0) return
    await work('保存通知', () =>
      this.pool.query('INSERT INTO notifications (user_id, at, kind, doc_id, text) SELECT u, $2, $3, $4, $5 FROM unnest($1::int[]) AS u', [ids, notice.at, notice.kind, notice.docId, notice.text]),
    )
  }

  async list(userId: number, limit = 50): Promise<Notice[]> {
    return work('读取通知', async () =>
      (await this.pool.query<Notice>('SELECT id, user_id AS "userId", at, kind, doc_id AS "docId", text, read_at IS NOT NULL AS read FROM notifications WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [userId, limit])).rows,
    )
  }

  async unreadCount(userId: number): Promise<number> {
    return work('读取通知', async () => Number((await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId])).rows[0]!.n))
  }

  async expire(before: number): Promise<number> {
    return work('清理通知', async () => (await this.pool.query('DELETE FROM notifications WHERE at < $1', [before])).rowCount ?? 0)
  }

  async markRead(userId: number, ids?: readonly number[]): Promise<void> {
    await work('标记通知已读', () =>
      ids
        ? this.pool.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = ANY($3::bigint[]) AND read_at IS NULL', [Date.now(), userId, [...ids]])
        : this.pool.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL', [Date.now(), userId]),
    )
  }
}

/** Storage work whose failures become StorageError with what was being done. */
const work = <T>(doing: string, run: () => T): T => storageWork(doing, run, StorageError)
