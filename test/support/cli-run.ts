/** The CLI run in-process as a person types it, its printed lines and exit code collected; data in a fresh temporary folder. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../server/cli/run-cli'

export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

export const tmp = (): string => mkdtempSync(join(tmpdir(), 'jixiao-cli-'))
