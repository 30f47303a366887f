/**
 * What one room allows: how big its log may grow before compaction, how
 * big an update and the stored document may be, how many refusals a
 * connection gets, and how often editing keeps an automatic version. The
 * relay's options extend these; tests lower them.
 */
import { UPDATE_LIMITS, type UpdateLimits } from '@shared/review/incoming-update'
import { MAX_DOCUMENT_BYTES } from '@shared/model/document-limits'
import type { CompactionLimits } from './compaction-trigger'
import { IDLE_TRIM_MS } from './idle-trim'

export interface RoomLimits {
  compaction: CompactionLimits
  update: UpdateLimits
  /**
   * The stored document (snapshot and log) may not grow past this: well
   * under a connection's send buffer cap, so every client can still load it.
   */
  documentBytes: number
  /** Refused updates a connection may send before it is closed. */
  refusalsPerConnection: number
  /** Editing keeps an automatic version at most this often, and one when the room closes after edits. */
  autoVersionMs: number
  /** With no update for this long, the room drops what it built for editing (`idle-trim.ts`). */
  idleTrimMs: number
  /**
   * A loading room that can answer joiners from storage waits this long,
   * at most, for a message that needs the document before building it.
   */
  buildWaitMs: number
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  compaction: { updates: 1000, bytes: 4 * 1024 * 1024 },
  update: UPDATE_LIMITS,
  documentBytes: MAX_DOCUMENT_BYTES,
  refusalsPerConnection: 20,
  autoVersionMs: 30 * 60_000,
  idleTrimMs: IDLE_TRIM_MS,
  buildWaitMs: 50,
}
