/** Display names (姓名) for the logins a response names, so nobody reads "wangfang" where 王芳 is meant. */
import type { Ports } from './ports'

/** Login name → display name for the names given (unknown names are left out). */
export async function displayNames(p: Pick<Ports, 'accounts'>, names: readonly (string | null)[]): Promise<Record<string, string>> {
  const unique = [...new Set(names.filter((n): n is string => !!n))]
  const users = await Promise.all(unique.map((name) => p.accounts.userByName(name)))
  return Object.fromEntries(users.flatMap((u) => (u ? [[u.name, u.displayName]] : [])))
}

/** Display names of everyone the document names: its members and whoever acted on it (a former reviewer's comments keep their name). */
export async function peopleOf(p: Pick<Ports, 'accounts' | 'service'>, docId: string): Promise<Record<string, string>> {
  const [members, actors] = await Promise.all([p.accounts.membersOf(docId), p.service.actors(docId)])
  return { ...(await displayNames(p, actors)), ...Object.fromEntries(members.map((m) => [m.name, m.displayName])) }
}
