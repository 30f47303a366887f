/**
 * Who is in a room and where their cursor is: the awareness of the room's
 * connections (and of other instances' connections, heard on the bus).
 * A connection speaks for its own client ids only, its states carry the
 * account it authenticated as, and the room holds a bounded number of
 * states. Changes are sent to every other connection (through the room's
 * group commit, so never ahead of stored updates) and this instance's own
 * are published to the others.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@shared/protocol/awareness-update'
import { CLOSE } from '@shared/protocol/close-code'
import { encodeAwareness } from '@shared/protocol/message'
import { PEER_ORIGIN } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import type { RoomBus } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ClientAccounts } from './client-accounts'
import type { Outgoing } from './group-commit'
import type { Session } from './session'

const COLOR = /^#[0-9a-fA-F]{3,8}$/

/** Awareness client ids one connection may announce (the stock client announces its document's one). */
const CLIENTS_PER_CONNECTION = 2
/** Awareness states a room holds, of every instance's connections: far more people than ever edit one document. */
const AWARENESS_PER_ROOM = 256
const MAX_AWARENESS_BYTES = 16 * 1024
/**
 * How often a connection hears its own awareness back. The stock client drops a socket that hears nothing
 * for 30 s, and a lone typist hears nothing else; echoing every cursor move cost its browser a message per key.
 */
export const ECHO_OWN_EVERY_MS = 10_000

export interface RoomAwarenessPorts {
  docId: string
  doc: Y.Doc
  bus: RoomBus
  metrics: Metrics
  sessions: ReadonlySet<Session>
  refusalsPerConnection: number
  send(outgoing: Outgoing): void
  /** Which account each client id is bound to: a connection announcing an unbound one binds it (stored with the next batch); another instance's binding is learnt, not stored again here. */
  accounts: ClientAccounts
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness
  /** Which connection announced each awareness client id. */
  private readonly owner = new Map<number, Session>()
  /** When each connection last heard its own awareness back. */
  private readonly echoed = new WeakMap<Session, number>()

  constructor(private readonly ports: RoomAwarenessPorts) {
    this.awareness = new awarenessProtocol.Awareness(ports.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.changed(change, origin))
  }

  /** Every state the room holds, as one frame; null when there are none. */
  everyone(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()]
    return clients.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)) : null
  }

  /** Answers a query: every state, even none. */
  answer(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))
  }

  leave(session: Session): void {
    if (session.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...session.clientIds], 'leave')
  }

  /**
   * A connection speaks for its own client ids only: those it announced
   * first (at most `CLIENTS_PER_CONNECTION`; the stock client has one),
   * never one another account's connection holds or another account is
   * bound to (one its own account's older connection holds, it takes over),
   * and while the room holds fewer than `AWARENESS_PER_ROOM` states. The
   * stock provider re-sends every awareness change it hears, others'
   * included: such an echo (no newer clock) is dropped quietly. Anything
   * else is refused with a warning and counts as a refusal, so a flood of
   * invented client ids closes the connection (4422) within a few
   * messages, and no state, binding or awareness meta is kept for them.
   */
  receive(session: Session, update: Uint8Array): void {
    // A cursor and a name are a few hundred bytes; anything near this is not awareness.
    if (update.length > MAX_AWARENESS_BYTES) throw new ProtocolError('too-large', `awareness update of ${update.length} bytes`)
    const user = session.identity.userName
    const own: AwarenessEntry[] = []
    const refused: number[] = []
    let held = session.clientIds.size
    let inRoom = this.awareness.getStates().size
    for (const entry of decodeAwarenessUpdate(update)) {
      const holder = this.owner.get(entry.clientID)
      if (holder === session) {
        own.push(entry)
        continue
      }
      const known = this.awareness.meta.get(entry.clientID)
      if (known && entry.clock <= known.clock) continue
      // The same account's newer state for a client id an older connection holds: a tab whose socket the network
      // dropped without a close (the server still holds it) came back on a new one. The id goes with the tab, so
      // its state is this connection's, and leaves with it — not the old socket's, drawn until that times out.
      if (holder && holder.identity.userName === user && entry.state !== null && held < CLIENTS_PER_CONNECTION) {
        holder.clientIds.delete(entry.clientID)
        this.owner.set(entry.clientID, session)
        session.clientIds.add(entry.clientID)
        own.push(entry)
        held++
        continue
      }
      // A client id new to this connection, or a newer state for another's: it would claim the id.
      const claimable =
        holder === undefined &&
        entry.state !== null &&
        (this.ports.accounts.accountOf(entry.clientID) ?? user) === user &&
        entry.clientID !== this.ports.doc.clientID &&
        held < CLIENTS_PER_CONNECTION &&
        inRoom < AWARENESS_PER_ROOM
      if (!claimable) {
        refused.push(entry.clientID)
        continue
      }
      own.push(entry)
      held++
      inRoom++
    }
    if (refused.length > 0) {
      this.ports.metrics.reject('permission')
      log('warn', 'awareness-of-another-connection', { docId: this.ports.docId, user, clients: refused.slice(0, 10), count: refused.length })
      if (++session.refusals > this.ports.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
    }
    if (own.length === 0) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(own.map((e) => bindToUser(e, session))), session)
  }

  /**
   * Awareness of another instance's connections, which that instance
   * checked and bound to their accounts (`user.id`): the room's cap holds
   * for them too, and their client ids are theirs here as well.
   */
  fromPeer(update: Uint8Array): void {
    try {
      let inRoom = this.awareness.getStates().size
      const kept = decodeAwarenessUpdate(update).filter((entry) => {
        if (this.awareness.getStates().has(entry.clientID)) return true
        if (entry.state === null || inRoom >= AWARENESS_PER_ROOM) return false
        inRoom++
        const account = (entry.state.user as { id?: unknown } | undefined)?.id
        if (typeof account === 'string') this.ports.accounts.learnIfUnbound(entry.clientID, account)
        return true
      })
      if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(kept), PEER_ORIGIN)
    } catch (error) {
      log('error', 'peer-awareness-malformed', { docId: this.ports.docId, error: (error as Error).message })
    }
  }

  destroy(): void {
    this.awareness.destroy()
  }

  /** The connection a change is not sent back to: its sender, unless it last heard its own `ECHO_OWN_EVERY_MS` ago. */
  private notEchoedTo(origin: unknown): number | null {
    const sender = origin as Session
    if (!this.ports.sessions.has(sender)) return null
    const now = Date.now()
    if (now - (this.echoed.get(sender) ?? -Infinity) < ECHO_OWN_EVERY_MS) return sender.id
    this.echoed.set(sender, now)
    return null
  }

  private changed({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    for (const id of added) {
      const session = origin as Session
      if (this.ports.sessions.has(session)) {
        this.owner.set(id, session)
        session.clientIds.add(id)
        // Announced before writing (a colleague seen online, who then goes offline): theirs already, so nobody can squat it.
        this.ports.accounts.bind(id, session.identity.userName)
      }
    }
    const changed = [...added, ...updated, ...removed]
    // Only this instance's own connections are announced to the others: never a state it merely heard, or timed out.
    const own = origin === PEER_ORIGIN ? [] : changed.filter((id) => this.owner.has(id))
    for (const id of removed) {
      this.owner.get(id)?.clientIds.delete(id)
      this.owner.delete(id)
    }
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    this.ports.send({ frame, to: 'all', except: this.notEchoedTo(origin) })
    if (own.length > 0 && this.ports.bus.shared) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, own)
      this.ports.bus.publish(this.ports.docId, { kind: 'awareness', update }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.ports.docId, error: error.message }))
    }
  }
}

/** The awareness state with `user` set to the authenticated user: nobody can appear as someone else. */
function bindToUser(entry: AwarenessEntry, session: Session): AwarenessEntry {
  if (entry.state === null) return entry
  const claimed = (entry.state.user ?? {}) as { color?: unknown }
  const user = {
    id: session.identity.userName,
    name: session.identity.displayName,
    role: session.role,
    ...(typeof claimed.color === 'string' && COLOR.test(claimed.color) ? { color: claimed.color } : {}),
  }
  return { ...entry, state: { ...entry.state, user } }
}
