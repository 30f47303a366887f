/**
 * What a build was made from, cheaply: every file's path, size and
 * modification time under the given sources (tests excluded: they are not
 * part of what is built). Kept beside a build, it tells whether the build
 * is still of the sources on disk.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export function sourceFingerprint(root: string, sources: readonly string[]): string {
  const hash = createHash('sha256')
  const visit = (path: string) => {
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.endsWith('.test.ts')) visit(join(path, name))
    } else {
      hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`)
    }
  }
  for (const source of sources) if (existsSync(join(root, source))) visit(join(root, source))
  return hash.digest('hex')
}
