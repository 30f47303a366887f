/**
 * The `jixiao` command line (contract in DESIGN.md). Exit codes: 0 done,
 * 1 bad input (one line on stderr saying what and where), 2 usage.
 */
import { EXIT, type CliIo, type Command, type ExitCode } from './command'
import { checkCommand } from './commands/check-command'
import { backupCommand, docCommand, tokenCommand, userCommand } from './commands/data-commands'
import { exportCommand, importCommand } from './commands/file-commands'
import { migrateCommand } from './commands/migrate-command'
import { orgCommand } from './commands/org-command'
import { serveCommand } from './commands/serve-command'
import { UsageError } from './usage-error'

export { EXIT, PROCESS_IO, type CliIo, type ExitCode } from './command'

const USAGE = `用法: npm run -s cli -- <命令>
  import FILE --json                                  解析文件（文本 .txt、Word .docx、Excel .xlsx）并以 JSON 输出文档模型
  import FILE --into ID                               把文件中的绩效目标表加入已有文档 ID
  export FILE --format txt|docx|xlsx|html --out PATH  导出（Word、Excel、可打印网页或发布文本）
  check FILE [--json] [--opinion]                     财政审核检查：列出问题（--json 输出 JSON；--opinion 起草审核意见）
  check FILE --opinion --out PATH.docx [--date D] [--resubmit-by D] [--basis 办法] [--reviewer 单位]   导出审核意见书（Word）
  serve [--port N] [--data DIR] [--host H]            运行服务器（npm start 即此命令）
  user add NAME [--password P] [--display-name N]     创建账号（另有 passwd、remove、list）
  doc import FILE [--id ID] [--title T] [--owner U] [--org ORG]  把文件存为服务器上的新文档（属于部门 ORG），输出编号
  doc successor ID [--year Y] [--keep-budget] [--user U]  以绩效目标文档 ID 为底稿新建下一年度，输出编号
  doc create|list|share|export …                      其他文档操作（doc export ID --format docx --tracked 导出含修订的 Word）
  token --doc ID --user NAME --role ROLE              授予权限并输出 WebSocket 访问令牌
  org add NAME --kind department|finance [--code C]   创建部门或财政局（另有 list）
  org member ORG --user NAME --role admin|staff|reviewer|none   设置组织成员
  org assign FINANCE_ORG --department ORG --reviewer NAME [--remove]   指定审核人员负责的部门
  org deadline FINANCE_ORG --year Y --date YYYY-MM-DD [--remove]       设置某年度的报送截止日期
  backup --out FILE                                   在线备份数据库（SQLite；PostgreSQL 用 pg_dump）
  migrate --from sqlite:DIR --to postgres:URL         把全部数据迁移到另一存储并逐一核对
以上命令均可加 --data DIR 指定数据目录（默认 ./data），或 --store postgres --database-url URL；
FILE 也可以是数据中的文档编号。serve 另可加 --bus redis --redis-url URL，多个实例共用一个数据库。`

const COMMANDS: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  check: checkCommand,
  serve: serveCommand,
  user: userCommand,
  doc: docCommand,
  token: tokenCommand,
  backup: backupCommand,
  migrate: migrateCommand,
  org: orgCommand,
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE)
    return EXIT.ok
  }
  const command = name === undefined ? undefined : COMMANDS[name]
  try {
    if (!command) throw new UsageError(name === undefined ? '缺少命令' : `未知命令 ${name}`)
    return await command(rest, io)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`${error.message}\n${USAGE}`)
    return EXIT.usage
  }
}
