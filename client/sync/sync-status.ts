/**
 * What the sync status says, from the facts: a pure function, so it can
 * only say what is true.
 */
import { T } from '../i18n/zh-CN'

export type Denial = 'unauthenticated' | 'forbidden' | 'notFound'

export interface SyncFacts {
  /** The IndexedDB copy has been loaded. */
  local: boolean
  connection: 'connected' | 'connecting' | 'disconnected'
  /** The server's state has been received since the last connect. */
  serverSynced: boolean
  /** Local changes made while not synced with the server (transactions: a count for us, not for people). */
  pending: number
  /** What the browser says of the network: offline is known at once, before the socket notices. */
  browserOnline: boolean
  denied: Denial | null
}

export type SyncState = 'local' | 'syncing' | 'synced' | 'offline' | 'denied'

export function syncState(facts: SyncFacts): SyncState {
  if (facts.denied) return 'denied'
  if (facts.connection === 'connected') return facts.serverSynced && facts.pending === 0 ? 'synced' : 'syncing'
  if (facts.pending > 0 || !facts.browserOnline) return 'offline'
  return facts.local ? 'local' : 'syncing'
}

export function syncLabel(facts: SyncFacts): string {
  const state = syncState(facts)
  switch (state) {
    case 'denied':
      return `${T.status.denied}：${T.deniedReason[facts.denied!]}`
    case 'offline':
      return T.status.offline(facts.pending > 0)
    case 'local':
    case 'syncing':
    case 'synced':
      return T.status[state]
  }
}
