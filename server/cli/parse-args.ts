/**
 * Command-line arguments: positionals and `--name value` / `--flag`
 * options. Which options take a value is declared by the caller, so that
 * `--json FILE` is never read as `--json=FILE`.
 */
import { UsageError } from './usage-error'

export interface ParsedArgs {
  positionals: string[]
  options: Record<string, string | true>
}

export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const positionals: string[] = []
  const options: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      positionals.push(arg)
      continue
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
    if (valued.includes(name)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value === '') throw new UsageError(`选项 --${name} 需要一个值`)
      options[name] = value
    } else if (flags.includes(name) && inline === undefined) {
      options[name] = true
    } else {
      throw new UsageError(`未知选项 --${name}`)
    }
  }
  return { positionals, options }
}
