/**
 * What `npm test` does before `vitest run`: the client's build, which the
 * e2e files drive, and only when what it reads changed since it last ran
 * (stamped with its sources' fingerprint in `server/client-build.ts`, as
 * `npm start` does). The type check is not here: it runs among the test
 * files (`test/type-check.test.ts`), overlapping the time they wait.
 */
import { BUILD_LOG, ensureClientBuilt } from '../server/client-build'

const started = performance.now()
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)

try {
  const built = await ensureClientBuilt()
  process.stdout.write(built ? `client built (${seconds()} s; warnings in ${BUILD_LOG})\n` : 'client ready (unchanged since its last build)\n')
} catch (error) {
  process.stdout.write(`client build failed: ${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
}
