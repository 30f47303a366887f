/**
 * The editor's build for `npm start`: built only when its sources changed
 * since the last build, so a second start serves at once instead of
 * spending ~12 s rebuilding the same files. The sources' fingerprint (every
 * file's path, size and modification time under client/ and shared/, the
 * Vite config and the lockfile) is kept beside the build; the build's
 * warnings go to a log file, not between the person and the URL they wait for.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const OUT_DIR = join(ROOT, 'dist/client')
const STAMP = join(OUT_DIR, '.sources')
/** Where the last build's warnings are. */
export const BUILD_LOG = join(ROOT, 'dist/client-build.log')
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

/** A fingerprint of what the build reads; tests are not part of the app and do not count. */
export function sourceFingerprint(root = ROOT): string {
  const hash = createHash('sha256')
  const visit = (path: string) => {
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.endsWith('.test.ts')) visit(join(path, name))
    } else {
      hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`)
    }
  }
  for (const source of SOURCES) if (existsSync(join(root, source))) visit(join(root, source))
  return hash.digest('hex')
}

/** Builds the client unless the build on disk was made from these sources; returns whether it built. */
export async function ensureClientBuilt(): Promise<boolean> {
  const fingerprint = sourceFingerprint()
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
