/**
 * Display names (姓名) for the logins a response names, so nobody reads
 * "wangfang" where 王芳 is meant — and, where two accounts share a 姓名,
 * with the organisation ("王芳 · 财政局"), so nobody reads one for the
 * other (`server/auth/shown-names.ts`).
 */
import type { User } from '../storage/account-store'
import { ShownNames } from '../auth/shown-names'
import type { Ports } from './ports'

/** Login name → the name to show for the names given (unknown names are left out). */
export async function displayNames(p: Pick<Ports, 'accounts' | 'orgs'>, names: readonly (string | null)[]): Promise<Record<string, string>> {
  return new ShownNames(p.accounts, p.orgs).of(names)
}

/** The name to show for one account, as in a version's name ("审核通过（王芳 · 财政局）"). */
export async function shownName(p: Pick<Ports, 'accounts' | 'orgs'>, user: Pick<User, 'name' | 'displayName'>): Promise<string> {
  return new ShownNames(p.accounts, p.orgs).one(user)
}

/**
 * Display names of everyone the document names: its members and whoever
 * acted on it (a former reviewer's comments keep their name), and `also`
 * — the person asking: a reviewer who reaches the document by her role is
 * no member, and before her first change no actor, yet her own suggestion
 * card must read 王芳, not wangfang.
 */
export async function peopleOf(p: Pick<Ports, 'accounts' | 'orgs' | 'service'>, docId: string, also: readonly string[] = []): Promise<Record<string, string>> {
  const [members, actors] = await Promise.all([p.accounts.membersOf(docId), p.service.actors(docId)])
  return displayNames(p, [...actors, ...members.map((m) => m.name), ...also])
}
