/**
 * `org add NAME --kind department|finance [--code CODE]`, `org list`,
 * `org member ORG --user NAME --role admin|staff|reviewer|none`,
 * `org assign FINANCE_ORG --department ORG --reviewer NAME [--remove]`,
 * `org deadline FINANCE_ORG --year Y --date YYYY-MM-DD [--remove]`:
 * departments, the finance bureau, their people, and which reviewers
 * review which departments, through the operator's use cases
 * (`server/documents/organisations.ts`), whose refusals this words for
 * the command line. A running server applies changes to open connections
 * within seconds (its periodic re-check of rights).
 */
import { isOrgKind, isOrgRole, ORG_KIND_LABEL, ORG_ROLE_LABEL } from '../../storage/org-store'
import { EXIT, type CliIo, type Command, type ExitCode } from '../command'
import { parseArgs } from '../parse-args'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'
import { withOperatorPorts } from '../operator-ports'
import { allOrgs, createOrg, operatorAssignReviewer, operatorSetDeadline, operatorSetMember, RoleNotForKind } from '../../documents/organisations'
import { Refusal } from '../../documents/refusal'

const fail = (io: CliIo, message: string): ExitCode => {
  io.stderr(message)
  return EXIT.badInput
}

/** A use case's refusal, worded for the command line: roles as `--role` takes them, and what to do next. */
function refused(io: CliIo, error: Refusal): ExitCode {
  if (error instanceof RoleNotForKind) return fail(io, error.orgKind === 'finance' ? '财政局的成员角色是 admin 或 reviewer' : '部门的成员角色是 admin 或 staff')
  if (error.code === 'not-a-member') return fail(io, `${error.message}：先用 org member 加入`)
  return fail(io, error.message)
}

export const orgCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['kind', 'code', 'user', 'role', 'department', 'reviewer', 'year', 'date', ...STORAGE_OPTIONS], ['remove'])
  const opt = (name: string) => args.options[name] as string | undefined
  const name = args.positionals[0]
  return withOperatorPorts(storageConfigOf(args.options), async (data) => {
    try {
      switch (sub) {
        case 'add': {
          const kind = opt('kind')
          if (!name || !isOrgKind(kind)) throw new UsageError('org add 需要组织名称和 --kind department|finance')
          const org = await createOrg(data, { name, kind, code: opt('code') ?? '' })
          io.stdout(`已创建${ORG_KIND_LABEL[kind]}：${org.name}`)
          return EXIT.ok
        }
        case 'list':
          for (const org of await allOrgs(data)) {
            io.stdout(`${org.name}\t${ORG_KIND_LABEL[org.kind]}\t${org.code}\t${org.members.map((m) => `${m.displayName}（${ORG_ROLE_LABEL[m.role]}）`).join('、')}`)
          }
          return EXIT.ok
        case 'member': {
          const role = opt('role')
          const user = opt('user')
          if (!name || !user || !(isOrgRole(role) || role === 'none')) throw new UsageError('org member 需要组织名称、--user 和 --role admin|staff|reviewer|none')
          const { org, member } = await operatorSetMember(data, { org: name, user, role: role === 'none' ? null : role })
          io.stdout(role === 'none' ? `已把 ${member.name} 移出 ${org.name}` : `${member.name} 现为 ${org.name} 的${ORG_ROLE_LABEL[role]}`)
          return EXIT.ok
        }
        case 'assign': {
          const [department, reviewer] = [opt('department'), opt('reviewer')]
          if (!name || !department || !reviewer) throw new UsageError('org assign 需要财政局名称、--department 部门 和 --reviewer 用户')
          const assigned = args.options.remove !== true
          const made = await operatorAssignReviewer(data, { bureau: name, department, reviewer, assigned })
          io.stdout(assigned ? `${made.reviewer.name} 现负责审核 ${made.department.name} 的文档` : `${made.reviewer.name} 不再审核 ${made.department.name} 的文档`)
          return EXIT.ok
        }
        case 'deadline': {
          const year = Number(opt('year'))
          const date = opt('date')
          const removed = args.options.remove === true
          if (!name || !Number.isInteger(year) || (!date && !removed)) throw new UsageError('org deadline 需要财政局名称、--year 年度 和 --date YYYY-MM-DD（或 --remove）')
          try {
            await operatorSetDeadline(data, name, year, removed ? null : date!)
          } catch (error) {
            // A date that is none is shown with what was typed.
            if (error instanceof Refusal && error.kind === 'invalid') return fail(io, `${error.message}：${date}`)
            throw error
          }
          io.stdout(removed ? `已取消 ${year} 年度的报送截止日期` : `${year} 年度报送截止：${date}`)
          return EXIT.ok
        }
        default:
          throw new UsageError('org 的子命令：add、list、member、assign、deadline')
      }
    } catch (error) {
      if (error instanceof Refusal) return refused(io, error)
      throw error
    }
  })
}
