/**
 * Commands on a server's data (`--data DIR`, default ./data, or
 * `--store postgres --database-url URL`): accounts, documents, tokens,
 * backup. Each calls the use case the HTTP API calls for that job, as the
 * operator (`OPERATOR`, over `withOperatorPorts`), and words its refusal
 * as one line, exit 1. They open the storage directly, so they work beside
 * a running server (SQLite's WAL allows it; PostgreSQL is shared anyway):
 * a running server notices role and password changes within seconds, and
 * catches up on changed documents from storage.
 */
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { exportFormats, formatById } from '@shared/formats/registry'
import { isRole } from '@shared/protocol/role'
import { accountNamed, allAccounts, openAccount, operatorRemoveUser, operatorSetPassword } from '../../documents/accounts'
import { OPERATOR } from '../../documents/actor'
import { allDocuments, createBlank, createImported, createSuccessor, operatorGrant, operatorMaker } from '../../documents/document-lifecycle'
import { exportDocument, operatorAccessToken } from '../../documents/document-reads'
import { isSourceRefusal, sourceText } from '../../documents/imported-file'
import { createLinkedDocument } from '../../documents/linked-document'
import { orgNamed } from '../../documents/organisations'
import { Refusal } from '../../documents/refusal'
import { FileTooLargeError } from '../../files/file-workers'
import { openServerData, type ServerData } from '../../server-data'
import type { Org } from '../../storage/org-store'
import { EXIT, onePath, type CliIo, type Command, type ExitCode } from '../command'
import { withOperatorPorts } from '../operator-ports'
import { parseArgs, type ParsedArgs } from '../parse-args'
import { documentSource } from '../read-document-file'
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

/**
 * A use case's refusal (or a file past a file worker's heap or time), one
 * line on stderr, exit 1; one about the file named `fileOf` names it first.
 */
async function refusedAsBadInput(io: CliIo, work: () => Promise<ExitCode>, fileOf?: string): Promise<ExitCode> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof FileTooLargeError) return fail(io, error.message)
    if (!(error instanceof Refusal)) throw error
    return fail(io, fileOf !== undefined && isSourceRefusal(error) ? `${fileOf}: ${error.message}` : error.message)
  }
}

/** `user add NAME [--password P] [--display-name N]`, `user passwd NAME [--password P]`, `user remove NAME`, `user list`: the account use cases, as the operator. */
export const userCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['password', 'display-name', ...STORAGE_OPTIONS], [])
  const name = args.positionals[0]
  const given = args.options.password as string | undefined
  const password = given ?? randomBytes(9).toString('base64url')
  return withOperatorPorts(storageConfigOf(args.options), (p) =>
    refusedAsBadInput(io, async () => {
      switch (sub) {
        case 'add': {
          if (!name) throw new UsageError('user add 需要用户名')
          await openAccount(p, OPERATOR, { name, password, displayName: (args.options['display-name'] as string | undefined) ?? name })
          io.stdout(given ? `已创建用户 ${name}` : `已创建用户 ${name}，密码：${password}`)
          return EXIT.ok
        }
        case 'passwd': {
          if (!name) throw new UsageError('user passwd 需要用户名')
          await operatorSetPassword(p, name, password)
          io.stdout(given ? `已修改 ${name} 的密码` : `${name} 的新密码：${password}`)
          return EXIT.ok
        }
        case 'remove':
          if (!name) throw new UsageError('user remove 需要用户名')
          await operatorRemoveUser(p, name)
          io.stdout(`已删除用户 ${name}（正在运行的服务器会在其下次连接时拒绝）`)
          return EXIT.ok
        case 'list':
          for (const user of await allAccounts(p)) io.stdout(`${user.name}\t${user.displayName}`)
          return EXIT.ok
        default:
          throw new UsageError('user 的子命令：add、passwd、remove、list')
      }
    }),
  )
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
  return withOperatorPorts(storageConfigOf(args.options), async (p) => {
    try {
      const account = await accountNamed(p, user)
      const { token, joined } = await operatorAccessToken(p, doc, account, role)
      joinedBureau(io, account.name, joined)
      io.stdout(token)
      return EXIT.ok
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      return fail(io, error.code === 'user-not-found' ? `${error.message}（先用 user add 创建）` : error.message)
    }
  })
}

/** `doc import FILE [--id ID] [--title T] [--owner NAME] [--org DEPARTMENT]`, `doc create`, `doc monitoring ID` / `doc self-evaluation ID [--user NAME] [--as-of 6月]`, `doc list`, `doc share ID --user NAME --role ROLE|none`, `doc export ID --format txt|docx|xlsx|html [--tracked] --out PATH`. */
export const docCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  const args = parseArgs(rest, ['id', 'title', 'owner', 'org', 'user', 'role', 'format', 'out', 'as-of', 'year', ...STORAGE_OPTIONS], ['tracked', 'keep-budget'])
  const opt = (name: string) => args.options[name] as string | undefined
  const fileOf = sub === 'import' ? args.positionals[0] : undefined
  return withOperatorPorts(storageConfigOf(args.options), (data) =>
    refusedAsBadInput(
      io,
      async () => {
        const owner = opt('owner') ? await accountNamed(data, opt('owner')!) : undefined
        const org = opt('org') ? await orgNamed(data, opt('org')!, 'department') : undefined
        const madeFor = { owner, org: org?.id, id: opt('id') }
        // Whatever keeps a document from being stored (an id taken, say) is said as it is, as always.
        const stored = async (make: () => Promise<string>) => {
          try {
            io.stdout(await make())
            return EXIT.ok
          } catch (error) {
            return fail(io, (error as Error).message)
          }
        }
        switch (sub) {
          case 'import': {
            const path = onePath(args.positionals, 'doc import')
            const text = await sourceText(data, OPERATOR, await documentSource(path, data))
            const code = await stored(() => createImported(data, OPERATOR, text, { ...madeFor, title: opt('title') ?? text.subtitle }))
            // The id alone on stdout, as before; what the file held that was not read, beside it.
            if (code === EXIT.ok) for (const warning of text.unread ?? []) io.stderr(`注意：${warning}`)
            return code
          }
          case 'create':
            return stored(() => createBlank(data, OPERATOR, { ...madeFor, title: opt('title') }))
          case 'monitoring':
          case 'self-evaluation':
          case 'successor': {
            // Made by --user, or the source's owner: the one who edits it (the use case checks that, and the kind).
            const id = onePath(args.positionals, `doc ${sub}`)
            const maker = await operatorMaker(data, id, opt('user'))
            if (!maker) return fail(io, `文档 ${id} 没有所有者：请用 --user 指定由谁新建`)
            const year = opt('year')
            if (sub === 'successor' && year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year 应为四位年份：${year}`)
            const made =
              sub === 'successor'
                ? await createSuccessor(data, maker, id, { year: year === undefined ? undefined : Number(year), keepBudget: args.options['keep-budget'] === true, org: org?.id })
                : await createLinkedDocument(data, maker, id, { kind: sub, asOf: opt('as-of'), org: org?.id })
            io.stdout(made.id)
            return EXIT.ok
          }
          case 'list':
            for (const doc of await allDocuments(data)) io.stdout(`${doc.id}\t${doc.title}`)
            return EXIT.ok
          case 'share': {
            const id = onePath(args.positionals, 'doc share')
            const user = opt('user') ? await accountNamed(data, opt('user')!).catch((error: unknown) => (error instanceof Refusal ? undefined : Promise.reject(error))) : undefined
            const role = opt('role')
            if (!user || !role || !(isRole(role) || role === 'none')) throw new UsageError('doc share 需要 --user 已有用户 和 --role editor|reviewer|viewer|none')
            joinedBureau(io, user.name, await operatorGrant(data, id, user, role === 'none' ? null : role))
            io.stdout(`已设置 ${user.name} 对 ${id} 的权限：${role}`)
            return EXIT.ok
          }
          case 'export': {
            const id = onePath(args.positionals, 'doc export')
            const format = opt('format') ?? 'txt'
            const chosen = formatById(format)
            if (!chosen?.export) throw new UsageError(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
            const tracked = args.options.tracked === true
            if (tracked && !chosen.tracksChanges) throw new UsageError(`${chosen.label}不能显示修订；--tracked 只用于 docx`)
            const file = await exportDocument(data, OPERATOR, id, format, { tracked, withOpinion: false })
            if (opt('out')) await writeFile(opt('out')!, file.body)
            else if (typeof file.body === 'string') io.stdout(file.body)
            else throw new UsageError(`${chosen.label}是二进制文件，请用 --out 指定输出文件`)
            return EXIT.ok
          }
          default:
            throw new UsageError('doc 的子命令：import、create、successor、monitoring、self-evaluation、list、share、export')
        }
      },
      fileOf,
    ),
  )
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
