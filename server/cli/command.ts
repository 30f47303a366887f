/** What every CLI command is: arguments in, an exit code out, output through `io`. */
import { UsageError } from './usage-error'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/** The process's own output, a line per call: what the command line runs with. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
}

export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>

export function onePath(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} 需要且只需要一个文件`)
  return positionals[0]!
}
