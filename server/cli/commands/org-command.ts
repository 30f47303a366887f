/**
 * `org add NAME --kind department|finance [--code CODE]`, `org list`,
 * `org member ORG --user NAME --role admin|staff|reviewer|none`,
 * `org assign FINANCE_ORG --department ORG --reviewer NAME [--remove]`,
 * `org deadline FINANCE_ORG --year Y --date YYYY-MM-DD [--remove]`:
 * departments, the finance bureau, their people, and which reviewers
 * review which departments. A running server applies changes to open
 * connections within seconds (its periodic re-check of rights).
 */
import { isOrgKind, isOrgRole, ORG_KIND_LABEL, ORG_ROLE_LABEL, OrgExistsError } from '../../storage/org-store'
import { EXIT, type CliIo, type Command, type ExitCode } from '../command'
import { parseArgs } from '../parse-args'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'
import { openServerData } from '../../server-data'
import { setBureauDeadline } from '../../documents/organisations'
import { Refusal } from '../../documents/refusal'

const fail = (io: CliIo, message: string): ExitCode => {
  io.stderr(message)
  return EXIT.badInput
}

export const orgCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['kind', 'code', 'user', 'role', 'department', 'reviewer', 'year', 'date', ...STORAGE_OPTIONS], ['remove'])
  const opt = (name: string) => args.options[name] as string | undefined
  const name = args.positionals[0]
  const data = await openServerData(storageConfigOf(args.options))
  try {
    switch (sub) {
      case 'add': {
        const kind = opt('kind')
        if (!name || !isOrgKind(kind)) throw new UsageError('org add 需要组织名称和 --kind department|finance')
        try {
          const org = await data.orgs.addOrg({ name, kind, code: opt('code') ?? '' })
          io.stdout(`已创建${ORG_KIND_LABEL[kind]}：${org.name}`)
          return EXIT.ok
        } catch (error) {
          if (error instanceof OrgExistsError) return fail(io, error.message)
          throw error
        }
      }
      case 'list':
        for (const org of await data.orgs.orgs()) {
          const members = await data.orgs.members(org.id)
          io.stdout(`${org.name}\t${ORG_KIND_LABEL[org.kind]}\t${org.code}\t${members.map((m) => `${m.displayName}（${ORG_ROLE_LABEL[m.role]}）`).join('、')}`)
        }
        return EXIT.ok
      case 'member': {
        const role = opt('role')
        const org = name ? await data.orgs.orgByName(name) : undefined
        if (!name || !opt('user') || !(isOrgRole(role) || role === 'none')) throw new UsageError('org member 需要组织名称、--user 和 --role admin|staff|reviewer|none')
        if (!org) return fail(io, `没有这个组织：${name}`)
        if (role === 'staff' && org.kind === 'finance') return fail(io, '财政局的成员角色是 admin 或 reviewer')
        if (role === 'reviewer' && org.kind === 'department') return fail(io, '部门的成员角色是 admin 或 staff')
        const user = await data.accounts.userByName(opt('user')!)
        if (!user) return fail(io, `没有这个用户：${opt('user')}`)
        await data.orgs.setMember(org.id, user.id, role === 'none' ? null : role)
        io.stdout(role === 'none' ? `已把 ${user.name} 移出 ${org.name}` : `${user.name} 现为 ${org.name} 的${ORG_ROLE_LABEL[role]}`)
        return EXIT.ok
      }
      case 'assign': {
        if (!name || !opt('department') || !opt('reviewer')) throw new UsageError('org assign 需要财政局名称、--department 部门 和 --reviewer 用户')
        const [finance, department, reviewer] = await Promise.all([data.orgs.orgByName(name), data.orgs.orgByName(opt('department')!), data.accounts.userByName(opt('reviewer')!)])
        if (finance?.kind !== 'finance') return fail(io, `没有这个财政局：${name}`)
        if (department?.kind !== 'department') return fail(io, `没有这个部门：${opt('department')}`)
        if (!reviewer) return fail(io, `没有这个用户：${opt('reviewer')}`)
        const role = (await data.orgs.membershipsOf(reviewer.id)).find((m) => m.orgId === finance.id)?.role
        if (!role) return fail(io, `${reviewer.name} 不是 ${finance.name} 的成员：先用 org member 加入`)
        const assigned = args.options.remove !== true
        await data.orgs.setAssignment({ financeOrgId: finance.id, departmentOrgId: department.id, userId: reviewer.id }, assigned)
        io.stdout(assigned ? `${reviewer.name} 现负责审核 ${department.name} 的文档` : `${reviewer.name} 不再审核 ${department.name} 的文档`)
        return EXIT.ok
      }
      case 'deadline': {
        const year = Number(opt('year'))
        const date = opt('date')
        if (!name || !Number.isInteger(year) || (!date && args.options.remove !== true)) throw new UsageError('org deadline 需要财政局名称、--year 年度 和 --date YYYY-MM-DD（或 --remove）')
        const finance = await data.orgs.orgByName(name)
        if (finance?.kind !== 'finance') return fail(io, `没有这个财政局：${name}`)
        const removed = args.options.remove === true
        try {
          await setBureauDeadline(data, finance, year, removed ? null : date!)
        } catch (error) {
          if (error instanceof Refusal) return fail(io, `${error.message}：${date}`)
          throw error
        }
        io.stdout(removed ? `已取消 ${year} 年度的报送截止日期` : `${year} 年度报送截止：${date}`)
        return EXIT.ok
      }
      default:
        throw new UsageError('org 的子命令：add、list、member、assign、deadline')
    }
  } finally {
    await data.close()
  }
}
