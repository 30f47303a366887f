/**
 * The in-process bus. On its own it connects one instance to nobody —
 * the default, where there is one server. Instances built on the same
 * `LocalBusHub` (tests) hear each other as they would over Redis, message
 * bytes included.
 */
import { randomUUID } from 'node:crypto'
import { decodeBusMessage, encodeBusMessage } from './bus-message'
import type { DeploymentMessage, DocumentMessage, RoomBus, Unsubscribe } from './room-bus'

type Listener = (bytes: Uint8Array) => void

/** A subscription on the hub, and the bus it belongs to. */
interface Subscription {
  bus: string
  listener: Listener
}

export class LocalBusHub {
  private readonly channels = new Map<string, Set<Subscription>>()

  /** Returns how many buses other than `from` listen on `channel`. */
  publish(channel: string, bytes: Uint8Array, from: string): number {
    const subscriptions = [...(this.channels.get(channel) ?? [])]
    // Delivered on a later turn, as a network bus would: a publisher never re-enters itself.
    for (const { listener } of subscriptions) queueMicrotask(() => listener(bytes))
    return new Set(subscriptions.map((s) => s.bus).filter((bus) => bus !== from)).size
  }

  /** The channels someone listens on (diagnostics, tests: an unloaded document's is gone). */
  channelNames(): string[] {
    return [...this.channels.keys()]
  }

  listen(channel: string, bus: string, listener: Listener): () => void {
    const subscriptions = this.channels.get(channel) ?? new Set()
    const subscription = { bus, listener }
    subscriptions.add(subscription)
    this.channels.set(channel, subscriptions)
    return () => {
      subscriptions.delete(subscription)
      if (subscriptions.size === 0) this.channels.delete(channel)
    }
  }
}

const DEPLOYMENT = '*'

export class LocalBus implements RoomBus {
  private readonly id = randomUUID()
  private readonly closers = new Set<() => void>()
  private readonly hub: LocalBusHub
  readonly shared: boolean

  /** Without a hub, a bus of one. */
  constructor(hub?: LocalBusHub) {
    this.hub = hub ?? new LocalBusHub()
    this.shared = hub !== undefined
  }

  async publish(docId: string, message: DocumentMessage): Promise<number> {
    return this.hub.publish(`doc:${docId}`, encodeBusMessage(this.id, message), this.id)
  }

  async subscribe(docId: string, listener: (message: DocumentMessage) => void): Promise<Unsubscribe> {
    const close = this.listen(`doc:${docId}`, (message) => listener(message as DocumentMessage))
    return async () => close()
  }

  async publishDeployment(message: DeploymentMessage): Promise<void> {
    this.hub.publish(DEPLOYMENT, encodeBusMessage(this.id, message), this.id)
  }

  onDeployment(listener: (message: DeploymentMessage, from: string) => void): void {
    this.listen(DEPLOYMENT, (message, from) => listener(message as DeploymentMessage, from))
  }

  onReconnect(): void {
    // An in-process bus never disconnects.
  }

  async close(): Promise<void> {
    for (const close of this.closers) close()
    this.closers.clear()
  }

  private listen(channel: string, listener: (message: DocumentMessage | DeploymentMessage, from: string) => void): () => void {
    const stop = this.hub.listen(channel, this.id, (bytes) => {
      const decoded = decodeBusMessage(bytes)
      if (decoded && decoded.from !== this.id) listener(decoded.message, decoded.from)
    })
    const close = () => {
      stop()
      this.closers.delete(close)
    }
    this.closers.add(close)
    return close
  }
}
