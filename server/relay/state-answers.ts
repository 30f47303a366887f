/**
 * A room's answers to sync step 1, kept while the document stays as it is.
 * A joiner's answer can be the whole document (12 ms to encode for a
 * 260k-operation text, and a flood across reconnects asks the same again and
 * again), so each answer is encoded once per state of the document: any
 * change the room takes empties the cache. A room loaded from a compacted
 * store (one snapshot, no log after it) answers a new client with those
 * stored bytes as they are, without encoding anything.
 */
import * as Y from 'yjs'
import { toBase64 } from 'lib0/buffer'
import { encodeSyncStep2 } from '@shared/protocol/message'

/** A few states at a time: the empty one (a new client) and the last few reconnecting ones. */
const ANSWERS_KEPT = 4

/** The state vector of a client that has nothing yet. */
const NOTHING = toBase64(Y.encodeStateVector(new Y.Doc()))

export class StateAnswers {
  private answers = new Map<string, Uint8Array>()

  constructor(private readonly capacity = ANSWERS_KEPT) {}

  /** The sync step 2 frame answering `stateVector`: kept from an earlier request on the same document state, or made by `encode` now and kept. */
  answer(stateVector: Uint8Array, encode: () => Uint8Array): Uint8Array {
    const key = toBase64(stateVector)
    let frame = this.answers.get(key)
    if (!frame) {
      frame = encodeSyncStep2(encode())
      if (this.answers.size >= this.capacity) this.answers.delete(this.answers.keys().next().value!)
      this.answers.set(key, frame)
    }
    return frame
  }

  /**
   * The document as stored, when storage holds it as one compacted update
   * that the document has just been loaded from: that is a new client's
   * answer already. Ignored when more than one piece is stored (merging
   * them would cost what encoding does).
   */
  loaded(stored: readonly Uint8Array[]): void {
    this.answers = new Map()
    if (stored.length === 1) this.answers.set(NOTHING, encodeSyncStep2(stored[0]!))
  }

  /** The document changed: every kept answer is out of date. */
  changed(): void {
    if (this.answers.size > 0) this.answers = new Map()
  }

  /** Answers kept (tests, diagnostics). */
  get size(): number {
    return this.answers.size
  }
}
