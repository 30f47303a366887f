/**
 * Who hears of what, in the app (the bell): 报送 and 撤回报送 → the reviewers of the
 * document (assigned to its department, or shared by name); 退回修改,
 * 审核通过 and 撤销审核通过 → its staff; a reply → everyone who wrote in the thread; an
 * @mention → the person named (by 姓名 or login). Only people who may open
 * the document are told, and never the one who did it. Replies and
 * mentions pass the `NoticeGate` (one a minute per sender and document,
 * the rest merged; a cap per person); `sweep` sends the merged ones and
 * lets notices older than `NOTICE_LIFETIME_MS` expire.
 */
import { lostPlace, type ActivityEntry, type ActivityEvent, type LostPiece } from '@shared/history/activity'
import type { Role } from '@shared/protocol/role'
import { ShownNames } from '../auth/shown-names'
import { log } from '../log'
import type { ServerData } from '../server-data'
import { NoticeGate } from './notice-gate'

/** Notices are kept this long (read or not): the bell is for what happens now, the activity log keeps the rest. */
export const NOTICE_LIFETIME_MS = 90 * 86_400_000
const EXPIRY_EVERY_MS = 3_600_000
import type { NotificationFeed } from './notification-feed'
import type { NewNotice } from '../storage/notification-store'
import type { DocumentRecord } from '../storage/document-log'

/** A few lost pieces, as a notice names them. */
const lostList = (pieces: readonly LostPiece[]): string =>
  pieces.slice(0, 3).map((p) => `「${p.text.length > 40 ? `${p.text.slice(0, 40)}…` : p.text}」${lostPlace(p)}`).join('、') + (pieces.length > 3 ? `等 ${pieces.length} 处` : '')

type Data = Pick<ServerData, 'accounts' | 'orgs' | 'notifications' | 'permissions' | 'documents'>

export class Notifier {
  private readonly gate = new NoticeGate()
  private expiredAt = 0
  private pending: Promise<void> = Promise.resolve()
  private readonly shown: ShownNames

  /** `feed`: wakes the recipients' open pages (none in tests that read the store only). */
  constructor(
    private readonly data: Data,
    private readonly feed?: NotificationFeed,
  ) {
    this.shown = new ShownNames(data.accounts, data.orgs)
  }

  private async tell(userIds: readonly number[], notice: NewNotice): Promise<void> {
    await this.data.notifications.notify(userIds, notice)
    this.feed?.announce(userIds)
  }

  /** Sends the merged notices of every window that ended by `now`, and (hourly) deletes expired ones. Failures are logged. */
  async sweep(now: number): Promise<void> {
    try {
      for (const held of this.gate.release(now)) {
        const [doc, sender] = await Promise.all([this.data.documents.get(held.docId), this.data.accounts.userByName(held.sender)])
        if (!doc) continue
        const text = `${sender?.displayName ?? held.sender}在“${doc.title}”中又有 ${held.count} 条批注与你有关`
        await this.tell([held.userId], { at: now, kind: held.kind, docId: held.docId, text })
      }
      if (now - this.expiredAt >= EXPIRY_EVERY_MS) {
        this.expiredAt = now
        await this.data.notifications.expire(now - NOTICE_LIFETIME_MS)
      }
    } catch (error) {
      log('warn', 'notify-failed', { error: (error as Error).message })
    }
  }

  /**
   * A bureau's 报送 deadlines, or the departments its reviewers are assigned to, changed: every open document
   * reads its deadline again (nothing is stored: the deadline is not a notice, only what the page shows).
   */
  deadlinesChanged(): void {
    this.feed?.announceDeadlines()
  }

  /** 报送 and 撤回报送 tell reviewers; 退回修改, 审核通过 and 撤销审核通过 tell staff (whose last notice would otherwise still say 审核通过). */
  async workflowStep(docId: string, action: string, label: string, actorId: number, note: string): Promise<void> {
    const audience: Role = action === 'submit' || action === 'withdraw' ? 'reviewer' : 'editor'
    if (!['submit', 'withdraw', 'return', 'approve', 'revoke-approval'].includes(action)) return
    const [doc, actor] = await Promise.all([this.data.documents.get(docId), this.data.accounts.userById(actorId)])
    if (!doc) return
    const recipients = (await this.peopleWithRole(docId, audience)).filter((id) => id !== actorId)
    const text = `${actor ? await this.shown.one(actor) : ''}对“${doc.title}”${label}${note ? `：${note.slice(0, 80)}${note.length > 80 ? '…' : ''}` : ''}`
    await this.tell(recipients, { at: Date.now(), kind: 'workflow', docId, text })
  }

  /** Replies and @mentions in what a room recorded. Failures are logged: notifications never touch editing. */
  activity(docId: string, entries: readonly ActivityEntry[]): Promise<void> {
    // One batch after another: the gate counts them in the order they were recorded.
    this.pending = this.pending.then(() => this.notifyActivity(docId, entries))
    return this.pending
  }

  /** Resolves once every batch of activity handed over so far has been notified (tests, shutdown). */
  settled(): Promise<void> {
    return this.pending
  }

  private async notifyActivity(docId: string, entries: readonly ActivityEntry[]): Promise<void> {
    try {
      const doc = await this.data.documents.get(docId)
      if (!doc) return
      for (const { by, event } of entries) {
        if (event.kind === 'lost') await this.lost(doc, by, event)
        if (event.kind !== 'comment' || !by) continue
        const actor = await this.data.accounts.userByName(by)
        const who = actor ? await this.shown.one(actor) : by
        const mentioned = await this.usersNamed(docId, event.mentions ?? [])
        const participants = event.action === 'replied' ? await this.usersNamed(docId, event.participants ?? []) : []
        const notify = async (ids: number[], kind: 'reply' | 'mention', text: string) => {
          const allowed = []
          for (const id of new Set(ids)) if (id !== actor?.id && (await this.data.permissions.roleOf(docId, id))) allowed.push(id)
          const now = Date.now()
          await this.tell(this.gate.admit(allowed, by, docId, kind, now), { at: now, kind, docId, text })
        }
        await notify(mentioned, 'mention', `${who}在“${doc.title}”的批注中提到了你：${event.text}`)
        await notify(participants.filter((id) => !mentioned.includes(id)), 'reply', `${who}回复了“${doc.title}”中关于“${event.quote}”的批注：${event.text}`)
      }
    } catch (error) {
      log('warn', 'notify-failed', { docId, error: (error as Error).message })
    }
  }

  /**
   * Text that went with a deletion nobody meant it to take: each writer hears of their own words, and the one
   * whose change took them of all of them — with the words, so they can be written again.
   */
  private async lost(doc: DocumentRecord, by: string | null, event: Extract<ActivityEvent, { kind: 'lost' }>): Promise<void> {
    const actor = by ? await this.data.accounts.userByName(by) : undefined
    const now = Date.now()
    const tell = async (userId: number, text: string) => {
      if (await this.data.permissions.roleOf(doc.id, userId)) await this.tell([userId], { at: now, kind: 'lost', docId: doc.id, text })
    }
    const who = actor ? await this.shown.one(actor) : (by ?? '')
    if (event.cause === 'into-deleted') {
      // Each one who had deleted where the words went hears whose words they were, and the writer by whom.
      const deleters: string[] = []
      for (const login of new Set(event.texts.map((t) => t.deletedBy))) {
        const deleter = login ? await this.data.accounts.userByName(login) : undefined
        if (!deleter) continue
        deleters.push(await this.shown.one(deleter))
        const pieces = event.texts.filter((t) => t.deletedBy === login)
        if (deleter.id !== actor?.id) await tell(deleter.id, `${who}在“${doc.title}”中写的${lostList(pieces)}在你删除所在内容之后才送达，已随之删除：请与对方核对`)
      }
      const where = deleters.length > 0 ? `${deleters.join('、')}删除的` : '已被删除的'
      if (actor) await tell(actor.id, `你在“${doc.title}”中写的${lostList(event.texts)}落在${where}内容中，未能保留：请核对后重新填写`)
      return
    }
    const named: string[] = []
    for (const author of new Set(event.texts.map((t) => t.author))) {
      const user = author ? await this.data.accounts.userByName(author) : undefined
      const pieces = event.texts.filter((t) => t.author === author)
      named.push(`${user ? await this.shown.one(user) : '他人'}写的${lostList(pieces)}`)
      if (user && user.id !== actor?.id) await tell(user.id, `${who}在“${doc.title}”中删除的内容里有你写的${lostList(pieces)}，删除时对方未看到这处修改，已随之删除：请核对后重新填写`)
    }
    if (actor) await tell(actor.id, `你在“${doc.title}”中删除的内容里有你删除时未看到的修改，已随之删除：${named.join('；')}`)
  }

  /**
   * Users with `role` on the document: shared by name, and by organisation
   * — each as the permissions have them (the department's member who also
   * reviews it is a reviewer, a former member of the bureau none).
   */
  async peopleWithRole(docId: string, role: Role): Promise<number[]> {
    const candidates = new Set<number>()
    for (const member of await this.data.accounts.membersOf(docId)) {
      const user = await this.data.accounts.userByName(member.name)
      if (user) candidates.add(user.id)
    }
    const org = await this.data.orgs.documentOrg(docId)
    if (org !== undefined) {
      if (role === 'editor') for (const m of await this.data.orgs.members(org)) candidates.add(m.userId)
      if (role === 'reviewer') for (const a of await this.data.orgs.assignments({ departmentOrgId: org })) candidates.add(a.userId)
    }
    const ids: number[] = []
    for (const id of candidates) if ((await this.data.permissions.roleOf(docId, id)) === role) ids.push(id)
    return ids
  }

  /** Users by login or by 姓名, among those who may open the document. */
  private async usersNamed(docId: string, names: readonly string[]): Promise<number[]> {
    if (names.length === 0) return []
    const found: number[] = []
    const everyone = await this.data.accounts.listUsers()
    for (const name of names) {
      for (const user of everyone.filter((u) => u.name === name || u.displayName === name)) {
        if (await this.data.permissions.roleOf(docId, user.id)) found.push(user.id)
      }
    }
    return found
  }
}
