/**
 * People by the names they are known by: comments, suggestions and the
 * suggestion filter store login names (what the server checks); people
 * read 姓名. The map comes from the server and is kept for offline use.
 */
import { createSignal } from 'solid-js'
import { api } from '../api/http'
import { personName } from '../i18n/person-name'

const storageKey = (docId: string) => `jixiao:people:${docId}`

export function createPeople(docId: string) {
  const cached = localStorage.getItem(storageKey(docId))
  const [people, setPeople] = createSignal<Record<string, string>>(cached ? (JSON.parse(cached) as Record<string, string>) : {})
  const refresh = () =>
    api.people(docId).then(({ people: fresh }) => {
      setPeople(fresh)
      localStorage.setItem(storageKey(docId), JSON.stringify(fresh))
    }, () => {})
  void refresh()
  // Someone new (a reviewer given access after the page opened): ask once for the names again.
  const asked = new Set<string>()
  /** The display name for a login; the login itself until the map knows it. */
  const nameOf = (login: string) => {
    const known = people()[login]
    if (known === undefined && login && !asked.has(login)) {
      asked.add(login)
      queueMicrotask(() => void refresh())
    }
    return personName(people(), login)
  }
  /** Display names of the document's people starting with `prefix` (for @-completion). */
  const namesStarting = (prefix: string) => [...new Set(Object.values(people()))].filter((name) => name.startsWith(prefix)).slice(0, 8)
  return { nameOf, refresh, namesStarting }
}
