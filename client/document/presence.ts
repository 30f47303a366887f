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

/**
 * The people the awareness states name, each once: one person may hold several states (two tabs, or a
 * reconnection the server has not yet seen the old socket of), and the bar shows people, not connections.
 * A person is their name with their colour (made from the login name), so two accounts that show the same
 * name are two.
 */
export function peopleOf(states: Iterable<[number, unknown]>): Presence[] {
  const seen = new Set<string>()
  return [...states].flatMap(([clientId, state]) => {
    const u = (state as { user?: { name?: string; color?: string } } | null)?.user
    if (!u?.name) return []
    const person = { clientId, name: u.name, color: u.color ?? '#888' }
    const key = `${person.name}\u0000${person.color}`
    if (seen.has(key)) return []
    seen.add(key)
    return [person]
  })
}

export function createPresence(awareness: Awareness): Accessor<Presence[]> {
  const [present, setPresent] = createSignal<Presence[]>([], { equals: samePresence })
  const onAwareness = () => setPresent(peopleOf(awareness.getStates()))
  awareness.on('change', onAwareness)
  onAwareness() // the connection may have been opened early (doc-connection.ts): whoever it already heard of is here
  onCleanup(() => awareness.off('change', onAwareness))
  return present
}
