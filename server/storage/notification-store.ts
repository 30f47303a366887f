/**
 * The port in-app notifications are kept through, per user: what happened
 * (报送, 退回修改, 审核通过, a reply, an @mention), on which document, when,
 * and whether it has been read.
 */
import type { NoticeKind } from '@shared/api/http-api'

export interface Notice {
  id: number
  userId: number
  at: number
  kind: NoticeKind
  docId: string
  text: string
  read: boolean
}

export type NewNotice = Omit<Notice, 'id' | 'userId' | 'read'>

export interface NotificationStore {
  /** The same notice to each user. */
  notify(userIds: readonly number[], notice: NewNotice): Promise<void>
  /** Newest first, at most `limit`. */
  list(userId: number, limit?: number): Promise<Notice[]>
  unreadCount(userId: number): Promise<number>
  /** Marks the given notices (or all, when none given) as read. */
  markRead(userId: number, ids?: readonly number[]): Promise<void>
  /** Deletes every notice from before `before` (ms); resolves to how many. */
  expire(before: number): Promise<number>
}
