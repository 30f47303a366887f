/**
 * The `jixiao` command line (contract in DESIGN.md). Exit codes: 0 done,
 * 1 bad input (one line on stderr saying what and where), 2 usage.
 */
import { writeFile } from 'node:fs/promises'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { modelFromText } from '@shared/model/derive-model'
import { parseArgs } from './parse-args'
import { readDocumentFile } from './read-document-file'
import { UsageError } from './usage-error'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

const USAGE = `用法: npm run -s cli -- <命令>
  import FILE --json                          解析文件并以 JSON 输出文档模型
  export FILE --format txt --out PATH         按指定格式导出（目前支持 txt；html、docx 尚未实现）`

const EXPORT_FORMATS = { txt: 'ready', html: 'planned', docx: 'planned' } as const

type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>

function onePath(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} 需要且只需要一个文件`)
  return positionals[0]!
}

const importCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, [], ['json'])
  const path = onePath(positionals, 'import')
  if (!options.json) throw new UsageError('import 目前只支持 --json 输出')
  const result = await readDocumentFile(path)
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  io.stdout(JSON.stringify(modelFromText(result.value), null, 2))
  return EXIT.ok
}

const exportCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, ['format', 'out'], [])
  const path = onePath(positionals, 'export')
  const format = options.format
  const out = options.out
  if (typeof format !== 'string' || typeof out !== 'string') throw new UsageError('export 需要 --format 和 --out')
  if (!(format in EXPORT_FORMATS)) throw new UsageError(`未知导出格式 ${format}；可选: ${Object.keys(EXPORT_FORMATS).join('、')}`)
  if (EXPORT_FORMATS[format as keyof typeof EXPORT_FORMATS] !== 'ready') {
    throw new UsageError(`导出格式 ${format} 尚未实现（已列入计划）；目前只能导出 txt`)
  }
  const result = await readDocumentFile(path)
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  try {
    await writeFile(out, exportPublishedText(result.value))
  } catch (error) {
    io.stderr(`无法写入 ${out}：${(error as Error).message}`)
    return EXIT.badInput
  }
  return EXIT.ok
}

const COMMANDS: Record<string, Command> = { import: importCommand, export: exportCommand }

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv
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
