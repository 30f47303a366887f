/**
 * The type check is part of `npm test`, and runs as one of its files rather
 * than before them: on a clean clone `tsc` reads every declaration anew
 * (~30 s of one core), time the other files mostly spend waiting on
 * servers, PostgreSQL and Chromium, so it overlaps them instead of delaying
 * them. A type error anywhere `tsconfig.json` includes fails the run.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSC = fileURLToPath(import.meta.resolve('typescript/bin/tsc'))

it('the project type-checks (tsc --noEmit -p .)', async () => {
  const output = await new Promise<string>((resolve) => {
    // tsc reports its errors on stdout and exits non-zero; both are what the test reads.
    execFile(process.execPath, [TSC, '--noEmit', '-p', '.'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}`.trim() || String(error) : ''),
    )
  })
  expect(output).toBe('')
}, 600_000)
