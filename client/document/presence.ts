/**
 * Who else has the document open, from the awareness states. Awareness
 * changes with every caret move; the people present change rarely, and only
 * then does the list change. The listener is removed when the owning Solid
 * scope is disposed.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'

/** Someone with the document open, as their awareness state says. */
export interface Presence {
  clientId: number
  name: string
  color: string
}

const samePresence = (a: readonly Presence[], b: readonly Presence[]) =>
  a.length === b.length && a.every((p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.color === b[i]!.color)

export function createPresence(awareness: Awareness): Accessor<Presence[]> {
  const [present, setPresent] = createSignal<Presence[]>([], { equals: samePresence })
  const onAwareness = () =>
    setPresent(
      [...awareness.getStates()].flatMap(([clientId, state]) => {
        const u = (state as { user?: { name?: string; color?: string } }).user
        return u?.name ? [{ clientId, name: u.name, color: u.color ?? '#888' }] : []
      }),
    )
  awareness.on('change', onAwareness)
  onAwareness() // the connection may have been opened early (doc-connection.ts): whoever it already heard of is here
  onCleanup(() => awareness.off('change', onAwareness))
  return present
}
