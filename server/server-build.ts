/**
 * The server's bundle: server/ and shared/ as one file for the command line
 * and the server (`dist/server-cli.mjs`) and one for the file workers
 * (`dist/file-worker.mjs`), packages left to Node. Run from its TypeScript
 * through tsx, a process or worker thread spends ~1.5 core-seconds loading
 * the server (every module resolved and transformed through the loader's
 * thread); the bundle loads in about a quarter of that. The tests start
 * dozens of server processes and worker threads, and `npm start` waits on
 * it before its URL.
 *
 * Built by `npm start` and `npm run cli` (`bundled-run.ts`) and before the
 * tests, only when the sources changed (`source-fingerprint.ts`, the
 * fingerprint kept beside the bundle). A bundle not of the sources on disk
 * is never used: until it is rebuilt, everything runs from the sources, as
 * it does without one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT as ROOT } from './repo-root'
import { sourceFingerprint } from './source-fingerprint'

const OUT_DIR = join(ROOT, 'dist')
const STAMP = join(OUT_DIR, 'server.sources')
const SOURCES = ['server', 'shared', 'tsconfig.json', 'package-lock.json']
const ENTRIES = { 'server-cli': 'server/cli.ts', 'file-worker': 'server/files/file-worker.ts' } as const

export interface ServerBundle {
  /** The command line (`cli.ts`), to run with node. */
  readonly cli: string
  /** A file worker's entry (`file-worker.ts`). */
  readonly worker: URL
}

const bundleAt = (name: keyof typeof ENTRIES) => join(OUT_DIR, `${name}.mjs`)
const isCurrent = (fingerprint: string) =>
  existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint && Object.keys(ENTRIES).every((name) => existsSync(bundleAt(name as keyof typeof ENTRIES)))

/** Bundles the server unless the bundle on disk was made from these sources; returns whether it built. */
export async function ensureServerBuilt(): Promise<boolean> {
  const fingerprint = sourceFingerprint(ROOT, SOURCES)
  if (isCurrent(fingerprint)) return false
  // Built aside and moved into place, the stamp last: two commands started together on a fresh clone each build,
  // and neither may run the other's half-written file. Aside at dist/'s depth, so the source maps' paths hold.
  const aside = mkdtempSync(join(ROOT, '.server-build-'))
  try {
    await bundleServer(aside)
    mkdirSync(OUT_DIR, { recursive: true })
    for (const name of readdirSync(aside)) renameSync(join(aside, name), join(OUT_DIR, name))
    writeFileSync(join(aside, 'server.sources'), fingerprint)
    renameSync(join(aside, 'server.sources'), STAMP)
  } finally {
    rmSync(aside, { recursive: true, force: true })
  }
  current = undefined
  return true
}

/**
 * Writes the bundle's two files into `outDir` (or, given `entries`, those: a benchmark's server process is run as
 * ours is). Paths the server finds from its own place (`repo-root.ts`) hold only one level below the repository.
 */
export async function bundleServer(outDir: string, entries: Record<string, string> = ENTRIES): Promise<void> {
  const { build } = await import('esbuild')
  await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { '@shared': join(ROOT, 'shared') },
    sourcemap: 'linked',
    logLevel: 'silent',
  })
}

let current: ServerBundle | null | undefined

/** The bundle, when it is of the sources on disk (looked at once per process); null to run from the sources. */
export function serverBundle(): ServerBundle | null {
  if (current === undefined) {
    current = isCurrent(sourceFingerprint(ROOT, SOURCES)) ? { cli: bundleAt('server-cli'), worker: pathToFileURL(bundleAt('file-worker')) } : null
  }
  return current
}
