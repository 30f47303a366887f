/**
 * The awareness the caret plugin listens to, told only of changes that
 * concern other people. Its listener answers every awareness change by
 * redrawing all the carets in a transaction of its own; our own caret is
 * not drawn, yet it moves with every typed key, so each key cost a second
 * full dispatch for nothing. Everything else passes to the real awareness.
 */
import type { Awareness } from 'y-protocols/awareness'

interface Changes {
  added: number[]
  updated: number[]
  removed: number[]
}

type ChangeListener = (changes: Changes, origin: unknown) => void

/** Whether a change touches no one but this client. */
export const onlyOwn = (changes: Changes, own: number): boolean =>
  changes.added.length === 0 && changes.removed.length === 0 && changes.updated.every((id) => id === own)

/** `awareness`, with its 'change' event left out when only this client changed. */
export function othersAwareness(awareness: Awareness): Awareness {
  const wrapped = new WeakMap<ChangeListener, ChangeListener>()
  const wrap = (listener: ChangeListener): ChangeListener => {
    let filtered = wrapped.get(listener)
    if (!filtered) {
      filtered = (changes, origin) => {
        if (!onlyOwn(changes, awareness.clientID)) listener(changes, origin)
      }
      wrapped.set(listener, filtered)
    }
    return filtered
  }
  return new Proxy(awareness, {
    get(target, property) {
      if (property === 'on' || property === 'off') {
        return (name: string, listener: ChangeListener) =>
          (target[property] as (name: string, listener: ChangeListener) => void)(name, name === 'change' ? wrap(listener) : listener)
      }
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
