/**
 * Editing keeps an automatic version at most every `autoVersionMs`, naming
 * who edited since the last, and one when the room closes after edits;
 * then the thinning policy drops the automatic versions it no longer keeps.
 * A workflow step keeps a version of its own (named for the step) holding
 * every edit before it: those edits start no automatic one, which would
 * keep the state after the step under the earlier editors' names.
 */
import type * as Y from 'yjs'
import { AUTOMATIC_VERSION, isAutomaticVersion, versionsToThin } from '@shared/history/version-thinning'
import { statusOf } from '@shared/review/workflow'
import { log } from '../log'
import type { DocumentLog } from '../storage/document-log'
import type { AfterStore, StoredBatch } from './after-store'

export class AutomaticVersions implements AfterStore {
  /** Who edited since the last automatic version (login → display name). */
  private editors = new Map<string, string>()
  private lastAt = Date.now()

  constructor(
    private readonly docId: string,
    private readonly log: DocumentLog,
    private readonly doc: Y.Doc,
    private readonly autoVersionMs: number,
    /** The display name of a login that wrote in this room. */
    private readonly displayName: (login: string) => string,
  ) {}

  afterStore({ updates, appended, step }: StoredBatch): void {
    if (!appended) return
    if (step) {
      this.editors.clear()
      this.lastAt = Date.now()
      return
    }
    for (const { by } of updates) if (by) this.editors.set(by, this.displayName(by))
    if (this.editors.size > 0 && Date.now() - this.lastAt >= this.autoVersionMs) void this.save()
  }

  async beforeClose(): Promise<void> {
    if (this.editors.size > 0) await this.save()
  }

  /** Keeps the document as stored now. A failure is logged: it never touches editing. */
  private async save(): Promise<void> {
    const names = [...this.editors.values()].join('、')
    const logins = [...this.editors.keys()].join('、')
    this.editors.clear()
    const now = (this.lastAt = Date.now())
    try {
      // Another instance serving the same document may have kept one for this stretch (of the same stored state) already.
      const recent = (await this.log.versions(this.docId)).some((v) => isAutomaticVersion(v.name) && now - v.createdAt < this.autoVersionMs / 2)
      if (recent) return
      await this.log.saveVersion(this.docId, { name: `${AUTOMATIC_VERSION}（${names}）`, status: statusOf(this.doc), byUser: logins, createdAt: now, note: '' })
      const versions = await this.log.versions(this.docId)
      const thinned = versionsToThin(versions.map((v) => ({ id: v.id, createdAt: v.createdAt, automatic: isAutomaticVersion(v.name) })), now)
      if (thinned.length > 0) await this.log.deleteVersions(this.docId, thinned)
    } catch (error) {
      log('error', 'automatic-version-failed', { docId: this.docId, error: (error as Error).message })
    }
  }
}
