/** Reviewers' drafted opinions in memory (tests). */
import type { OpinionDraft, OpinionDraftStore } from '../opinion-drafts'

export class MemoryOpinionDrafts implements OpinionDraftStore {
  private readonly drafts = new Map<string, OpinionDraft>()

  async get(docId: string, userId: number, round: number): Promise<OpinionDraft | undefined> {
    const draft = this.drafts.get(JSON.stringify([docId, userId, round]))
    return draft && { ...draft }
  }

  async put(docId: string, userId: number, round: number, text: string, at: number): Promise<void> {
    const key = JSON.stringify([docId, userId, round])
    if (text) this.drafts.set(key, { text, at })
    else this.drafts.delete(key)
  }
}
