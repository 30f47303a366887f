/**
 * Answers to a connection's sync step 1 (its state vector): what the room
 * has that it lacks. One can cost the whole document to encode, so a
 * connection gets a few answers in a window (an honest client asks once
 * per connection) and is closed past that; and while the document is
 * unchanged the last few answers are kept, since a flood of reconnects
 * asks the same again and again. A room loaded from a compacted store (one
 * snapshot, no log after it) answers a new client with the stored bytes as
 * they are, without encoding anything.
 */
import * as Y from 'yjs'
import { toBase64 } from 'lib0/buffer'
import { CLOSE } from '@shared/protocol/close-code'
import { encodeSyncStep2 } from '@shared/protocol/message'
import { ProtocolError } from '@shared/protocol/protocol-error'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { Session } from './session'

const STATE_ANSWERS_PER_WINDOW = 5
const STATE_ANSWER_WINDOW_MS = 10_000
const STATE_ANSWERS_CACHED = 4

/** The state vector of a client that has nothing yet. */
const NOTHING = toBase64(Y.encodeStateVector(new Y.Doc()))

export class StateAnswers {
  /** Answer frames by state vector (base64), oldest first. */
  private cached = new Map<string, Uint8Array>()

  constructor(
    private readonly docId: string,
    private readonly doc: Y.Doc,
    private readonly metrics: Metrics,
    /** An answer was kept (the room then drops it once quiet). */
    private readonly kept: () => void = () => {},
  ) {}

  /**
   * The answer frame for `session`, or null when it asked too often (it is
   * then closed). Throws ProtocolError when the state vector cannot be read.
   */
  answer(session: Session, stateVector: Uint8Array): Uint8Array | null {
    checkStateVector(stateVector)
    const now = Date.now()
    session.stateAnswers = session.stateAnswers.filter((t) => t > now - STATE_ANSWER_WINDOW_MS)
    if (session.stateAnswers.length >= STATE_ANSWERS_PER_WINDOW) {
      this.metrics.reject('rate-limit')
      log('warn', 'state-request-flood', { docId: this.docId, user: session.identity.userName })
      session.close(CLOSE.rateLimited)
      return null
    }
    session.stateAnswers.push(now)
    const key = toBase64(stateVector)
    let frame = this.cached.get(key)
    if (!frame) {
      frame = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))
      // A few states at a time: the empty one (a new client) and the last few reconnecting ones.
      if (this.cached.size >= STATE_ANSWERS_CACHED) this.cached.delete(this.cached.keys().next().value!)
      this.cached.set(key, frame)
      this.kept()
    }
    return frame
  }

  /**
   * The document as stored, just read: when storage holds it as one
   * compacted update, that is a new client's answer already — before the
   * document is even built from it. Ignored when more than one piece is
   * stored (merging them costs what encoding does). Returns whether an
   * answer was kept.
   */
  loaded(stored: readonly Uint8Array[]): boolean {
    this.cached = new Map()
    if (stored.length !== 1) return false
    this.cached.set(NOTHING, encodeSyncStep2(stored[0]!))
    this.kept()
    return true
  }

  /** Whether the answer to this state vector is kept: it can be given without the document. */
  has(stateVector: Uint8Array): boolean {
    return this.cached.has(toBase64(stateVector))
  }

  /** The document changed: every kept answer is out of date. */
  changed(): void {
    if (this.cached.size > 0) this.cached = new Map()
  }

  /** Answers kept (tests, diagnostics). */
  get size(): number {
    return this.cached.size
  }
}

function checkStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector)
  } catch {
    throw new ProtocolError('truncated', 'state vector cannot be decoded')
  }
}
