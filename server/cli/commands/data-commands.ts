/**
 * Commands on a server's data (`--data DIR`, default ./data, or
 * `--store postgres --database-url URL`): accounts, documents, tokens,
 * backup. They open the storage directly, so they work beside a running
 * server (SQLite's WAL allows it; PostgreSQL is shared anyway). A running
 * server notices role and password changes within seconds.
 */
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import type { DocumentText } from '@shared/model/document-text'
import { emptyDocumentText } from '@shared/model/template'
import { isRole } from '@shared/protocol/role'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../../auth/access-token'
import { exportFormats, formatById } from '@shared/formats/registry'
import { openServerData, type ServerData } from '../../server-data'
import { tokenSubject } from '../../storage/account-store'
import { createSuccessor, grantRole, storeNewDocument } from '../../documents/document-lifecycle'
import { createLinkedDocument } from '../../documents/linked-document'
import type { Org } from '../../storage/org-store'
import { nameBureauReviewer } from '../../auth/bureau-reviewer'
import { EXIT, onePath, type CliIo, type Command, type ExitCode } from '../command'
import { parseArgs, type ParsedArgs } from '../parse-args'
import { readDocumentFile } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'

async function withData(args: ParsedArgs, work: (data: ServerData) => Promise<ExitCode> | ExitCode): Promise<ExitCode> {
  const data = await openServerData(storageConfigOf(args.options))
  try {
    return await work(data)
  } finally {
    await data.close()
  }
}

const fail = (io: CliIo, message: string): ExitCode => {
  io.stderr(message)
  return EXIT.badInput
}

/** `user add NAME [--password P] [--display-name N]`, `user passwd NAME [--password P]`, `user remove NAME`, `user list`. */
export const userCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['password', 'display-name', ...STORAGE_OPTIONS], [])
  const name = args.positionals[0]
  return withData(args, async (data) => {
    switch (sub) {
      case 'add': {
        if (!name) throw new UsageError('user add 需要用户名')
        if (await data.accounts.userByName(name)) return fail(io, `用户已存在：${name}`)
        const password = (args.options.password as string | undefined) ?? randomBytes(9).toString('base64url')
        await data.logins.addUser(name, password, (args.options['display-name'] as string | undefined) ?? name)
        io.stdout(args.options.password ? `已创建用户 ${name}` : `已创建用户 ${name}，密码：${password}`)
        return EXIT.ok
      }
      case 'passwd': {
        if (!name) throw new UsageError('user passwd 需要用户名')
        const password = (args.options.password as string | undefined) ?? randomBytes(9).toString('base64url')
        if (!(await data.logins.setPassword(name, password))) return fail(io, `没有这个用户：${name}`)
        io.stdout(args.options.password ? `已修改 ${name} 的密码` : `${name} 的新密码：${password}`)
        return EXIT.ok
      }
      case 'remove':
        if (!name) throw new UsageError('user remove 需要用户名')
        if (!(await data.accounts.removeUser(name))) return fail(io, `没有这个用户：${name}`)
        io.stdout(`已删除用户 ${name}（正在运行的服务器会在其下次连接时拒绝）`)
        return EXIT.ok
      case 'list':
        for (const user of await data.accounts.listUsers()) io.stdout(`${user.name}\t${user.displayName}`)
        return EXIT.ok
      default:
        throw new UsageError('user 的子命令：add、passwd、remove、list')
    }
  })
}

/** Says on stderr (stdout may be a token a script reads) that naming a reviewer made them one of the bureau's. */
function joinedBureau(io: CliIo, name: string, bureau: Org | undefined): void {
  if (bureau) io.stderr(`${name} 已加入${bureau.name}，作为审核人员（审核权限只属于财政局的成员）`)
}

/** `token --doc ID --user NAME --role ROLE`: grants the role if needed and prints a WebSocket token. */
export const tokenCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, ['doc', 'user', 'role', ...STORAGE_OPTIONS], [])
  const { doc, user, role } = args.options
  if (typeof doc !== 'string' || typeof user !== 'string' || typeof role !== 'string') throw new UsageError('token 需要 --doc、--user 和 --role')
  if (!isRole(role)) throw new UsageError(`角色必须是 editor、reviewer、viewer 之一：${role}`)
  return withData(args, async (data) => {
    const account = await data.accounts.userByName(user)
    if (!account) return fail(io, `没有这个用户：${user}（先用 user add 创建）`)
    if (!(await data.documents.get(doc))) return fail(io, `没有这个文档：${doc}`)
    if ((await data.accounts.roleOf(doc, account.id)) !== role) await grantRole(data, doc, account, role, null)
    if (role === 'reviewer') joinedBureau(io, account.name, await nameBureauReviewer(data.orgs, account.id))
    io.stdout(issueToken(data.secret, { ...(await tokenSubject(data.accounts, user))!, doc, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS }))
    return EXIT.ok
  })
}

/** `doc import FILE [--id ID] [--title T] [--owner NAME] [--org DEPARTMENT]`, `doc create`, `doc monitoring ID` / `doc self-evaluation ID [--user NAME] [--as-of 6月]`, `doc list`, `doc share ID --user NAME --role ROLE|none`, `doc export ID --format txt|docx|xlsx|html [--tracked] --out PATH`. */
export const docCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['id', 'title', 'owner', 'org', 'user', 'role', 'format', 'out', 'as-of', 'year', ...STORAGE_OPTIONS], ['tracked', 'keep-budget'])
  const opt = (name: string) => args.options[name] as string | undefined
  return withData(args, async (data) => {
    const owner = opt('owner') ? await data.accounts.userByName(opt('owner')!) : undefined
    if (opt('owner') && !owner) return fail(io, `没有这个用户：${opt('owner')}`)
    const org = opt('org') ? await data.orgs.orgByName(opt('org')!) : undefined
    if (opt('org') && org?.kind !== 'department') return fail(io, `没有这个部门：${opt('org')}`)
    const create = async (text: DocumentText, title: string) => {
      try {
        io.stdout(await storeNewDocument(data, { text, title, by: owner ?? null, org: org?.id, id: opt('id') }))
        return EXIT.ok
      } catch (error) {
        return fail(io, (error as Error).message)
      }
    }
    switch (sub) {
      case 'import': {
        const path = onePath(args.positionals, 'doc import')
        const result = await readDocumentFile(path, data)
        if (!result.ok) return fail(io, `${path}: ${result.error.message}`)
        return create(result.value, opt('title') ?? result.value.subtitle ?? path)
      }
      case 'create': {
        const year = new Date().getFullYear() + 1
        return create(emptyDocumentText(year), opt('title') ?? `${year}年部门预算绩效文本`)
      }
      case 'monitoring':
      case 'self-evaluation': {
        // Made by --user, or the source's owner: the one who edits it (the use case checks).
        const id = onePath(args.positionals, `doc ${sub}`)
        const source = await data.documents.get(id)
        if (!source) return fail(io, `没有这个文档：${id}`)
        const maker = opt('user') ? await data.accounts.userByName(opt('user')!) : source.ownerId === null ? undefined : await data.accounts.userById(source.ownerId)
        if (!maker) return fail(io, opt('user') ? `没有这个用户：${opt('user')}` : `文档 ${id} 没有所有者：请用 --user 指定由谁新建`)
        try {
          const made = await createLinkedDocument(data, maker, id, { kind: sub, asOf: opt('as-of'), org: org?.id })
          io.stdout(made.id)
          return EXIT.ok
        } catch (error) {
          return fail(io, (error as Error).message)
        }
      }
      case 'successor': {
        // 以此为底稿新建下一年度, made by --user or the source's owner (the use case checks they edit it, and the kind).
        const id = onePath(args.positionals, 'doc successor')
        const source = await data.documents.get(id)
        if (!source) return fail(io, `没有这个文档：${id}`)
        const maker = opt('user') ? await data.accounts.userByName(opt('user')!) : source.ownerId === null ? undefined : await data.accounts.userById(source.ownerId)
        if (!maker) return fail(io, opt('user') ? `没有这个用户：${opt('user')}` : `文档 ${id} 没有所有者：请用 --user 指定由谁新建`)
        const year = opt('year')
        if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year 应为四位年份：${year}`)
        try {
          const made = await createSuccessor(data, maker, id, { year: year === undefined ? undefined : Number(year), keepBudget: args.options['keep-budget'] === true, org: org?.id })
          io.stdout(made.id)
          return EXIT.ok
        } catch (error) {
          return fail(io, (error as Error).message)
        }
      }
      case 'list':
        for (const doc of await data.documents.list()) io.stdout(`${doc.id}\t${doc.title}`)
        return EXIT.ok
      case 'share': {
        const id = onePath(args.positionals, 'doc share')
        const user = opt('user') ? await data.accounts.userByName(opt('user')!) : undefined
        const role = opt('role')
        if (!user || !role || !(isRole(role) || role === 'none')) throw new UsageError('doc share 需要 --user 已有用户 和 --role editor|reviewer|viewer|none')
        if (!(await data.documents.get(id))) return fail(io, `没有这个文档：${id}`)
        await grantRole(data, id, user, role === 'none' ? null : role, null)
        if (role === 'reviewer') joinedBureau(io, user.name, await nameBureauReviewer(data.orgs, user.id))
        io.stdout(`已设置 ${user.name} 对 ${id} 的权限：${role}`)
        return EXIT.ok
      }
      case 'export': {
        const id = onePath(args.positionals, 'doc export')
        const format = opt('format') ?? 'txt'
        const chosen = formatById(format)
        if (!chosen?.export) throw new UsageError(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
        if (!(await data.documents.get(id))) return fail(io, `没有这个文档：${id}`)
        const tracked = args.options.tracked === true
        if (tracked && !chosen.tracksChanges) throw new UsageError(`${chosen.label}不能显示修订；--tracked 只用于 docx`)
        const file = await data.service.export(id, { ...chosen, export: chosen.export }, { tracked })
        if (opt('out')) await writeFile(opt('out')!, file.body)
        else if (typeof file.body === 'string') io.stdout(file.body)
        else throw new UsageError(`${chosen.label}是二进制文件，请用 --out 指定输出文件`)
        return EXIT.ok
      }
      default:
        throw new UsageError('doc 的子命令：import、create、successor、monitoring、self-evaluation、list、share、export')
    }
  })
}

/** `backup --out FILE`: a consistent copy of the database, safe while the server runs. */
export const backupCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, ['out', ...STORAGE_OPTIONS], [])
  const out = args.options.out
  if (typeof out !== 'string') throw new UsageError('backup 需要 --out 文件名')
  return withData(args, async (data) => {
    try {
      await data.backup(out)
    } catch (error) {
      return fail(io, `备份失败：${(error as Error).message}`)
    }
    io.stdout(`已备份到 ${out}（恢复：停止服务器，用它替换数据目录中的 jixiao.sqlite）`)
    return EXIT.ok
  })
}
