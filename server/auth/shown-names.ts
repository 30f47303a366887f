/**
 * How a person's 姓名 is shown wherever others read it — versions,
 * activity, comment and suggestion cards, notifications, the queue — and
 * which 姓名 nobody may take.
 *
 * Display names are chosen freely, so two accounts may share one. Where
 * they do, each is shown with its organisation ("王芳 · 财政局"; an
 * account in none with its login name, "王芳 · wangfang2"), so that nobody
 * reads a department account as the bureau's reviewer. And a 姓名 that a
 * member of another organisation already uses is refused outright:
 * setting one's own, or a 管理员 opening an account. Names are compared
 * as a reader would see them: width-folded (NFKC), with spaces and
 * invisible characters removed ("王 芳", "王芳\u200b" are 王芳) — and a
 * name dressed up with an organisation's name or brackets and dots is the
 * name underneath ("王芳（财政局）", "王芳 · 财政局" and "财政局王芳" are
 * 王芳 too: a reader takes them for the bureau's 王芳).
 */
import type { AccountStore, User } from '../storage/account-store'
import type { OrgStore } from '../storage/org-store'

/** What a reader sees of a 姓名. */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(/[\s\p{Cf}]/gu, '')

export const NAME_SEPARATOR = ' · '

/** What may dress a name without making it another: brackets, dots, dashes, colons and the like. */
const DRESSING = /[()（）［］[\]【】〔〕<>《》〈〉{}「」『』·•・.。\-_—–~～:：,，、/|\\]/gu

/** Words of a role that, beside a name, read as that person acting in it ("王芳 审核", "王芳审核员"), longest first. */
const ROLE_WORDS = ['审核人员', '编制人员', '审核员', '管理员', '审核']

/** The name a reader takes `name` for once organisation names, role words and dressing are set aside ('' when nothing else is left). */
export function nameUnderneath(name: string, orgNames: readonly string[]): string {
  let key = nameKey(name)
  for (const org of orgNames.map(nameKey).filter((o) => o.length > 0).sort((a, b) => b.length - a.length)) key = key.split(org).join('')
  for (const word of ROLE_WORDS) key = key.split(word).join('')
  return key.replace(DRESSING, '')
}

export class ShownNames {
  constructor(
    private readonly accounts: Pick<AccountStore, 'listUsers'>,
    private readonly orgs: Pick<OrgStore, 'orgs' | 'membershipsOf'>,
  ) {}

  /** Login name → the name to show, for the logins given (unknown ones are left out). */
  async of(logins: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
    const wanted = new Set(logins.filter((n): n is string => !!n))
    if (wanted.size === 0) return {}
    const users = await this.accounts.listUsers()
    const sharing = new Map<string, number>()
    for (const u of users) sharing.set(nameKey(u.displayName), (sharing.get(nameKey(u.displayName)) ?? 0) + 1)
    const orgNames = new Map((await this.orgs.orgs()).map((o) => [o.id, o.name]))
    const shown: Record<string, string> = {}
    for (const user of users) {
      if (!wanted.has(user.name)) continue
      shown[user.name] = (sharing.get(nameKey(user.displayName)) ?? 0) > 1 ? `${user.displayName}${NAME_SEPARATOR}${await this.homeOf(user, orgNames)}` : user.displayName
    }
    return shown
  }

  /** The name to show for one account. */
  async one(user: Pick<User, 'name' | 'displayName'>): Promise<string> {
    return (await this.of([user.name]))[user.name] ?? user.displayName
  }

  /**
   * The organisation whose member `displayName` would impersonate, for an
   * account (`self`, if it exists) that belongs to `ownOrgs`; undefined
   * when the name is free to take.
   */
  async impersonated(displayName: string, ownOrgs: readonly number[], self?: number): Promise<string | undefined> {
    const orgNames = new Map((await this.orgs.orgs()).map((o) => [o.id, o.name]))
    // Nothing but another organisation's name and a role ("财政局审核人员") speaks for that organisation.
    if (nameUnderneath(displayName, [...orgNames.values()]) === '') {
      const named = [...orgNames].find(([id, org]) => !ownOrgs.includes(id) && nameKey(displayName).includes(nameKey(org)))
      if (named) return named[1]
    }
    const underneath = (name: string) => nameUnderneath(name, [...orgNames.values()]) || nameKey(name)
    const key = underneath(displayName)
    for (const user of await this.accounts.listUsers()) {
      if (user.id === self || underneath(user.displayName) !== key) continue
      const elsewhere = (await this.orgs.membershipsOf(user.id)).find((m) => !ownOrgs.includes(m.orgId))
      if (elsewhere) return orgNames.get(elsewhere.orgId)
    }
    return undefined
  }

  private async homeOf(user: User, orgNames: Map<number, string>): Promise<string> {
    const homes = (await this.orgs.membershipsOf(user.id)).map((m) => orgNames.get(m.orgId)).filter((n): n is string => !!n)
    return homes.length > 0 ? homes.join('、') : user.name
  }
}

/** Why a 姓名 is refused, in Chinese, with what to do instead. */
export const impersonationMessage = (displayName: string, org: string): string => {
  // The example is the name without the organisation's and a digit: 「王芳财政局2」 (the name as typed, plus 2) still
  // read as the bureau's. Role words stay: they may be part of a real name (「钱审核」 is not 「钱」).
  const bare = nameUnderneath(displayName, [org]) && nameKey(displayName).split(nameKey(org)).join('').replace(DRESSING, '')
  return `“${displayName}”会被看作${org}成员的姓名，不能使用（加上单位名称、职务或括号也一样）：请用本人的姓名${bare ? `；确有同名，请在姓名后加数字区分，如“${bare}2”` : ''}`
}
