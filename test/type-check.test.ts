/**
 * The type check is part of `npm test`, and runs as one of its files rather
 * than before them, so it overlaps them instead of delaying them. It is
 * TypeScript 7's native compiler: on a clean clone it checks the project in
 * ~6 s where TypeScript 5 took ~100 s of one core. A type error anywhere
 * `tsconfig.json` includes fails the run.
 */
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// The package exports no path to its command; its bin entry sits beside package.json.
const TSC = join(dirname(fileURLToPath(import.meta.resolve('typescript/package.json'))), 'bin/tsc')

it('the project type-checks (tsc --noEmit -p .)', async () => {
  const output = await new Promise<string>((resolve) => {
    // tsc reports its errors on stdout and exits non-zero; both are what the test reads.
    execFile(process.execPath, [TSC, '--noEmit', '-p', '.'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}`.trim() || String(error) : ''),
    )
  })
  expect(output).toBe('')
}, 600_000)
