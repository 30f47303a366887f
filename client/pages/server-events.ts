/**
 * What the server tells an open page (`/api/notifications/events`,
 * server-sent events): `notified` when notifications were stored for this
 * person, `deadlines` when a bureau's 报送 deadlines or assignments changed,
 * `ready` on every (re)connection (what came while the stream was down is
 * to be read then). One stream per page however many parts listen — the
 * server holds a few per person — opened with the first listener and closed
 * with the last; the browser reconnects it by itself.
 */
import { onCleanup } from 'solid-js'

export type ServerEvent = 'ready' | 'notified' | 'deadlines'

const EVENTS: readonly ServerEvent[] = ['ready', 'notified', 'deadlines']
const listeners = new Map<ServerEvent, Set<() => void>>(EVENTS.map((event) => [event, new Set()]))
let stream: EventSource | null = null

const listening = () => [...listeners.values()].some((set) => set.size > 0)

/** Calls `listener` each time the server sends `event` to this page, while the calling owner lives. */
export function createServerEvent(event: ServerEvent, listener: () => void): void {
  listeners.get(event)!.add(listener)
  if (!stream) {
    stream = new EventSource('/api/notifications/events')
    for (const name of EVENTS) stream.addEventListener(name, () => listeners.get(name)!.forEach((heard) => heard()))
  }
  onCleanup(() => {
    listeners.get(event)!.delete(listener)
    if (!listening()) {
      stream?.close()
      stream = null
    }
  })
}
