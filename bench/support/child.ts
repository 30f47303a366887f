/**
 * Runs one measurement in a fresh Node process, so that one case's JIT
 * state, heap and peak RSS never colour another's. The child prints one
 * JSON line last; that is the result.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export async function inChild<T>(script: URL, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script.pathname, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  })
  const last = stdout.trim().split('\n').at(-1)!
  return JSON.parse(last) as T
}

/** In a child: the arguments after the script. */
export const childArgs = (): string[] => process.argv.slice(2)

export const report = (result: unknown) => process.stdout.write(`${JSON.stringify(result)}\n`)
