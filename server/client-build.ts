/**
 * The editor's build for `npm start`: built only when its sources changed
 * since the last build, so a second start serves at once instead of
 * spending ~12 s rebuilding the same files. The sources' fingerprint (every
 * file's path, size and modification time under client/ and shared/, the
 * Vite config and the lockfile) is kept beside the build; the build's
 * warnings go to a log file, not between the person and the URL they wait for.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT as ROOT } from './repo-root'
import { sourceFingerprint } from './source-fingerprint'

const OUT_DIR = join(ROOT, 'dist/client')
const STAMP = join(OUT_DIR, '.sources')
/** Where the last build's warnings are. */
export const BUILD_LOG = join(ROOT, 'dist/client-build.log')
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

/** Builds the client unless the build on disk was made from these sources; returns whether it built. */
export async function ensureClientBuilt(): Promise<boolean> {
  const fingerprint = sourceFingerprint(ROOT, SOURCES)
  if (existsSync(join(OUT_DIR, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) return false
  const { build, createLogger } = await import('vite')
  const lines: string[] = []
  const logger = createLogger('warn')
  logger.warn = (message) => void lines.push(message)
  logger.warnOnce = logger.warn
  logger.error = (message) => void lines.push(message)
  await build({ configFile: join(ROOT, 'vite.config.ts'), customLogger: logger, logLevel: 'warn' })
  writeFileSync(BUILD_LOG, lines.join('\n'))
  writeFileSync(STAMP, fingerprint)
  return true
}
