/**
 * The port a reviewer's drafted 审核意见 is kept through: per document, per
 * reviewer, per review round (the round a 报送 opens), on the server, so it
 * survives every workflow step, a reload and another PC. Cleared by the
 * step that used it as its note. Adapters: memory (tests), SQLite,
 * PostgreSQL.
 */
export interface OpinionDraft {
  text: string
  /** When it was last kept (milliseconds). */
  at: number
}

export interface OpinionDraftStore {
  /** The reviewer's draft of that round; undefined when none. */
  get(docId: string, userId: number, round: number): Promise<OpinionDraft | undefined>
  /** Keeps `text` as the reviewer's draft of that round; '' removes it. */
  put(docId: string, userId: number, round: number, text: string, at: number): Promise<void>
}
