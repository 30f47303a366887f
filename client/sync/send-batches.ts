/**
 * What this replica tells the others — its document updates and its
 * awareness — sent once a frame, after the frame is painted, instead of
 * inside the keystroke that made them. The stock provider encodes and sends
 * every update on the spot (the socket and the other tabs' BroadcastChannel),
 * so a typed key paid for two sends before its frame; here the updates made
 * in one frame go as one update message (`Y.mergeUpdates`: still the
 * y-websocket protocol, `update := varUint(0) • varUint(2) • varByteArray`)
 * and the awareness changes as one awareness message.
 *
 * The other tabs are told only once one has spoken: each tab opening the
 * document asks on the channel (sync step 1), and the provider answers it
 * with everything it lacks, so a tab that hears nobody need not post every
 * keystroke to an empty channel.
 *
 * `batchSends` takes the provider's update and awareness listeners over
 * (call it before the provider connects); the caller must `dispose()` it.
 * `flush()` sends what waits now (before the page is hidden or left).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as bc from 'lib0/broadcastchannel'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { MESSAGE } from '@shared/protocol/message-type'
import { afterPaint } from '../scheduling/after-paint'

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

export interface SendBatches {
  /** Sends what waits, now. */
  flush(): void
  /** Sends what waits and gives the listeners back to nobody (the provider is being destroyed). */
  dispose(): void
}

/**
 * `origin`s whose updates go at once, alone: a copy read from IndexedDB may hold others' changes, which the
 * server judges apart from one's typing (a refusal of one must not take the other with it).
 */
export function batchSends(provider: WebsocketProvider, immediate: (origin: unknown) => boolean = () => false): SendBatches {
  const { doc, awareness } = provider
  let updates: Uint8Array[] = []
  const changedClients = new Set<number>()
  let cancel: (() => void) | null = null
  let othersHeard = false

  const send = (message: Uint8Array) => {
    const ws = provider.ws
    // lib0's encoder builds its bytes on a plain ArrayBuffer, never a shared one, which is what WebSocket.send takes.
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message as Uint8Array<ArrayBuffer>)
    if (provider.bcconnected && othersHeard) bc.publish(provider.bcChannel, message, provider)
  }
  const sendUpdate = (update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE.sync)
    syncProtocol.writeUpdate(encoder, update)
    send(encoding.toUint8Array(encoder))
  }
  const flush = () => {
    cancel?.()
    cancel = null
    if (updates.length > 0) {
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
      updates = []
      sendUpdate(merged)
    }
    if (changedClients.size > 0) {
      const clients = [...changedClients]
      changedClients.clear()
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE.awareness)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
      send(encoding.toUint8Array(encoder))
    }
  }
  const soon = () => {
    cancel ??= afterPaint(flush)
  }

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    // What the provider itself applied came from the server or another tab, which have it.
    if (origin === provider) return
    if (immediate(origin)) {
      flush()
      sendUpdate(update)
      return
    }
    updates.push(update)
    soon()
  }
  const onAwareness = ({ added, updated, removed }: AwarenessChanges) => {
    for (const id of [...added, ...updated, ...removed]) changedClients.add(id)
    soon()
  }
  doc.off('update', provider._updateHandler)
  awareness.off('update', provider._awarenessUpdateHandler)
  doc.on('update', onUpdate)
  awareness.on('update', onAwareness)

  // Another tab is there once it posts on the channel (the provider posts with itself as the origin).
  const subscriber = provider._bcSubscriber
  provider._bcSubscriber = (data, origin) => {
    if (origin !== provider) othersHeard = true
    subscriber(data, origin)
  }

  return {
    flush,
    dispose() {
      flush()
      doc.off('update', onUpdate)
      awareness.off('update', onAwareness)
    },
  }
}
