/**
 * What `npm test` does before `vitest run`: the client's build, which the
 * e2e files drive, and the server's bundle, which the server processes and
 * file workers the tests start run from (`server/server-build.ts`), each
 * only when what it reads changed since it last ran (stamped with its
 * sources' fingerprint, as `npm start` does). The type check is not
 * here: it runs among the test files (`test/type-check.test.ts`),
 * overlapping the time they wait.
 */
import { BUILD_LOG, ensureClientBuilt } from '../server/client-build'
import { ensureServerBuilt } from '../server/server-build'

/** Runs one build, saying what it did and how long it took; a failure fails `npm test`. */
async function step(name: string, build: () => Promise<boolean>, built: string, unchanged: string): Promise<void> {
  const started = performance.now()
  try {
    const made = await build()
    process.stdout.write(made ? `${name} ${built} (${((performance.now() - started) / 1000).toFixed(1)} s)\n` : `${name} ${unchanged}\n`)
  } catch (error) {
    process.stdout.write(`${name} build failed: ${(error as Error).stack ?? error}\n`)
    process.exitCode = 1
  }
}

await step('client', ensureClientBuilt, `built; warnings in ${BUILD_LOG}`, 'ready (unchanged since its last build)')
await step('server', ensureServerBuilt, 'bundled', 'bundle ready (unchanged since it was made)')
