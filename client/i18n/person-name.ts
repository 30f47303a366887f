/**
 * How a person is named on screen: by 姓名, never by login. The document's
 * data (suggestions, comments, steps, versions) records logins — what the
 * server checks — and every screen turns them into names here, from the
 * people map the server sends with them.
 */
import type { People } from '@shared/api/http-api'
import { T } from './zh-CN'

/** The 姓名 for `login`; the login itself while the map does not know it yet; null (the server's doing) reads 系统. */
export const personName = (people: People, login: string | null): string => (login === null ? T.system : (people[login] ?? login))
