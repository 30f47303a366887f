/**
 * The bus between instances on Redis pub/sub (ioredis): one connection
 * publishes, one subscribes, a channel per loaded document and one for
 * the deployment. Pub/sub keeps nothing: what is published while an
 * instance is cut off is gone, which is why only stored updates are
 * published and a reconnect makes every room catch up from storage.
 * While Redis is down, publishes wait in the client's queue and are sent
 * when it is back.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { log } from '../log'
import { decodeBusMessage, encodeBusMessage } from './bus-message'
import type { DeploymentMessage, DocumentMessage, RoomBus, Unsubscribe } from './room-bus'

type Listener = (message: DocumentMessage | DeploymentMessage, from: string) => void

export interface RedisBusOptions {
  url: string
  /** Channel name prefix: deployments (and tests) sharing one Redis keep apart. */
  prefix?: string
}

export class RedisBus implements RoomBus {
  readonly shared = true
  private readonly id = randomUUID()
  private readonly prefix: string
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly reconnectListeners: (() => void)[] = []
  private wasReady = false

  private constructor(options: RedisBusOptions) {
    this.prefix = options.prefix ?? 'jixiao:'
    const settings = { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(50 * attempt, 2000), lazyConnect: true }
    this.publisher = new Redis(options.url, settings)
    this.subscriber = new Redis(options.url, settings)
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => log('warn', 'redis-error', { error: error.message }))
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, bytes: Buffer) => this.deliver(channel.toString(), bytes))
    this.subscriber.on('ready', () => void this.onSubscriberReady())
  }

  /** Connects both connections; rejects with a clear message when Redis cannot be reached. */
  static async connect(options: RedisBusOptions): Promise<RedisBus> {
    const bus = new RedisBus(options)
    try {
      await Promise.all([bus.publisher.connect(), bus.subscriber.connect()])
    } catch (error) {
      bus.publisher.disconnect()
      bus.subscriber.disconnect()
      throw new Error(`无法连接 Redis（${options.url}）：${(error as Error).message}`)
    }
    return bus
  }

  async publish(docId: string, message: DocumentMessage): Promise<number> {
    const channel = this.channel(docId)
    // Redis answers how many subscriptions got the message: this instance's own among them while it listens.
    const reached = await this.publisher.publish(channel, asBuffer(encodeBusMessage(this.id, message)))
    return Math.max(0, reached - (this.listeners.has(channel) ? 1 : 0))
  }

  async subscribe(docId: string, listener: (message: DocumentMessage) => void): Promise<Unsubscribe> {
    const channel = this.channel(docId)
    const wrapped = listener as Listener
    await this.listen(channel, wrapped)
    return async () => {
      const set = this.listeners.get(channel)
      set?.delete(wrapped)
      if (set?.size === 0) {
        this.listeners.delete(channel)
        // While Redis is away the command would wait for it, and a room closing (reset, say) with it, and the next
        // room of the document behind that: the client does not resubscribe to what was dropped meanwhile anyway.
        const unsubscribed = this.subscriber.unsubscribe(channel).catch(() => {})
        if (this.subscriber.status === 'ready') await unsubscribed
      }
    }
  }

  async publishDeployment(message: DeploymentMessage): Promise<void> {
    await this.publisher.publish(`${this.prefix}deployment`, asBuffer(encodeBusMessage(this.id, message)))
  }

  onDeployment(listener: (message: DeploymentMessage, from: string) => void): void {
    void this.listen(`${this.prefix}deployment`, listener as Listener).catch((error: Error) =>
      log('error', 'redis-subscribe-failed', { error: error.message }),
    )
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener)
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
  }

  private channel(docId: string): string {
    return `${this.prefix}doc:${docId}`
  }

  private async listen(channel: string, listener: Listener): Promise<void> {
    const set = this.listeners.get(channel)
    if (set) {
      set.add(listener)
      return
    }
    this.listeners.set(channel, new Set([listener]))
    const subscribed = this.subscriber.subscribe(channel)
    // While Redis is away a room still loads: the subscription is sent when it is back, and the reconnect makes every room catch up.
    if (this.subscriber.status === 'ready') await subscribed
    else subscribed.catch((error: Error) => log('warn', 'redis-subscribe-failed', { channel, error: error.message }))
  }

  private deliver(channel: string, bytes: Buffer): void {
    const decoded = decodeBusMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    if (!decoded) return log('warn', 'bus-message-malformed', { channel, bytes: bytes.length })
    if (decoded.from === this.id) return
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(decoded.message, decoded.from)
  }

  /**
   * After a reconnect the client resubscribes on its own; a PING answered
   * means those subscriptions are in place (Redis answers in order), so a
   * catch-up read after it misses nothing published later.
   */
  private async onSubscriberReady(): Promise<void> {
    if (!this.wasReady) {
      this.wasReady = true
      return
    }
    log('warn', 'redis-reconnected', {})
    await this.subscriber.ping().catch(() => {})
    for (const listener of this.reconnectListeners) listener()
  }
}

/** The encoded bytes as a Buffer without copying them again. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
