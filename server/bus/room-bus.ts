/**
 * The port instances talk to each other through, per document and for
 * the whole deployment. Only stored updates are published, so a message
 * lost on the way (the bus restarted, a subscriber lagged) is never lost
 * work: `onReconnect` tells the relay to catch its rooms up from storage,
 * and a publish that never happened (its instance died just after storing)
 * is made good when the others notice that instance fall silent
 * (heartbeats, `peer-watch.ts`) and catch their rooms up.
 * A bus never delivers an instance its own messages.
 * Adapters: the in-process bus (one instance, the default) and Redis.
 */

import type { ClientBinding } from '../storage/document-log'

/** What crosses between instances about one document. */
export type DocumentMessage =
  /**
   * Updates already stored, in the order they were (one batch): apply and
   * relay, never store again; `clients`: the client ids they bound;
   * `epoch`: the document's epoch once they were stored (moved on by a
   * workflow step).
   */
  | { kind: 'update'; updates: Uint8Array[]; clients?: ClientBinding[]; epoch?: number }
  /**
   * The sender has the document open (it just opened it, or came back to
   * the bus); `missed`: it stored updates it did not publish while it knew
   * of no other instance with the document, so catch up from storage.
   */
  | { kind: 'here'; missed: boolean }
  /** Awareness of the sender's own connections (cursors, names). */
  | { kind: 'awareness'; update: Uint8Array }
  /** Who may open the document changed: recheck its connections. */
  | { kind: 'roles' }
  /** The document was deleted: close its connections. */
  | { kind: 'deleted' }

/** What crosses between instances about everyone. */
export type DeploymentMessage =
  /** Logins ended, passwords changed, or memberships changed: recheck every connection (credential and role). */
  | { kind: 'credentials' }
  /** The sender is running (a heartbeat, `peer-watch.ts`). */
  | { kind: 'alive' }
  /** These users were sent notifications: wake their open pages (`notification-feed.ts`). */
  | { kind: 'notified'; userIds: number[] }
  /** A bureau's 报送 deadlines, or which departments it reviews, changed: wake every open page (`notification-feed.ts`). */
  | { kind: 'deadlines' }

export type Unsubscribe = () => Promise<void>

export interface RoomBus {
  /** Whether other instances may be on this bus (so a room can lag behind what is stored). */
  readonly shared: boolean
  /**
   * Resolves to how many other instances listen on the document (each
   * counted once, whether or not it has the document loaded yet): 0 means
   * nobody else was subscribed when the bus delivered the message.
   */
  publish(docId: string, message: DocumentMessage): Promise<number>
  /** Resolves once messages published after it are delivered to `listener`. */
  subscribe(docId: string, listener: (message: DocumentMessage) => void): Promise<Unsubscribe>
  publishDeployment(message: DeploymentMessage): Promise<void>
  /** `from`: the sending instance's id on this bus. */
  onDeployment(listener: (message: DeploymentMessage, from: string) => void): void
  /** Messages may have been missed (the connection to the bus broke and came back). */
  onReconnect(listener: () => void): void
  close(): Promise<void>
}
