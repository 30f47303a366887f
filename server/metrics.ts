/**
 * Counters and gauges the server exposes at /metrics in Prometheus text
 * format. One instance per server; the relay and HTTP layer update it.
 */

export type RejectReason =
  | 'malformed'
  | 'permission'
  | 'rate-limit'
  | 'too-many-connections'
  | 'too-large'
  | 'slow-reader'
  | 'storage'
  | 'server-full'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'internal'
  /** An update that would leave pending state: the sender was asked for its full state. */
  | 'incomplete'

export class Metrics {
  connections = 0
  loadedDocuments = 0
  /** Stored updates another instance relayed here, and catch-ups from storage after a gap. */
  peerUpdatesIn = 0
  catchUps = 0
  updatesIn = 0
  updatesOut = 0
  bytesIn = 0
  bytesOut = 0
  storageWrites = 0
  storageWriteSeconds = 0
  storageWriteMaxSeconds = 0
  readonly rejected = new Map<RejectReason, number>()
  /** Updates refused by a rule, by rule. */
  readonly refused = new Map<string, number>()

  refuse(rule: string): void {
    this.refused.set(rule, (this.refused.get(rule) ?? 0) + 1)
  }

  reject(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1)
  }

  async timeStorageWrite<T>(write: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await write()
    } finally {
      const seconds = (performance.now() - start) / 1000
      this.storageWrites++
      this.storageWriteSeconds += seconds
      this.storageWriteMaxSeconds = Math.max(this.storageWriteMaxSeconds, seconds)
    }
  }

  render(): string {
    const lines: string[] = []
    const metric = (name: string, type: 'gauge' | 'counter', help: string, values: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
      for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`)
    }
    metric('jixiao_connections', 'gauge', 'Open WebSocket connections.', [['', this.connections]])
    metric('jixiao_loaded_documents', 'gauge', 'Documents loaded in memory.', [['', this.loadedDocuments]])
    metric('jixiao_updates_received_total', 'counter', 'Document updates received from clients.', [['', this.updatesIn]])
    metric('jixiao_peer_updates_received_total', 'counter', 'Stored updates relayed here by other instances.', [['', this.peerUpdatesIn]])
    metric('jixiao_catch_ups_total', 'counter', 'Rooms caught up from storage after missing a peer update.', [['', this.catchUps]])
    metric('jixiao_updates_sent_total', 'counter', 'Document updates sent to clients.', [['', this.updatesOut]])
    metric('jixiao_received_bytes_total', 'counter', 'Bytes received on WebSockets.', [['', this.bytesIn]])
    metric('jixiao_sent_bytes_total', 'counter', 'Bytes sent on WebSockets.', [['', this.bytesOut]])
    metric('jixiao_storage_write_seconds_sum', 'counter', 'Total time spent writing updates to storage.', [['', this.storageWriteSeconds]])
    metric('jixiao_storage_write_seconds_count', 'counter', 'Number of storage writes.', [['', this.storageWrites]])
    metric('jixiao_storage_write_seconds_max', 'gauge', 'Longest storage write so far.', [['', this.storageWriteMaxSeconds]])
    metric('jixiao_rejected_messages_total', 'counter', 'Messages or connections refused, by reason.',
      [...this.rejected].map(([reason, n]) => [`{reason="${reason}"}`, n]))
    metric('jixiao_refused_updates_total', 'counter', 'Document updates refused by a rule (role, workflow, reviewer, threads, author, client, projects, size, structure), by rule.',
      [...this.refused].map(([rule, n]) => [`{rule="${rule}"}`, n]))
    return `${lines.join('\n')}\n`
  }
}
