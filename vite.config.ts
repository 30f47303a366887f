/**
 * Vite builds the client; Vitest runs the tests in three projects: `node`
 * (shared, server, CLI, integration, on SQLite), `postgres` (the server
 * suites again, on the machine's PostgreSQL: the storage matrix) and
 * `browser` (end-to-end tests that drive Debian's Chromium through
 * playwright-core; they start the real server themselves).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import solid from 'vite-plugin-solid'

/**
 * After a build: every asset compressed once (brotli, gzip) for the server
 * to send as the browser accepts, and `shell.json` listing the scripts and
 * styles for the service worker to keep — the editor is a chunk of its own
 * that index.html does not name, and must open offline all the same.
 */
function shellAssets(): Plugin {
  return {
    name: 'jixiao-shell-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!
      const assets = Object.keys(bundle).filter((file) => file.startsWith('assets/') && /\.(js|css)$/.test(file))
      // The app's own chunks: the entry, what it imports, and all that the app's code loads later (the pages,
      // the panels, the readers and checks that come after the first paint: each must work offline after a
      // reload) — not the file writers the format registry loads on demand (they serve exports, which go
      // through the server anyway).
      const loadedByTheApp = (file: string) => {
        const facade = (bundle[file] as { facadeModuleId?: string | null }).facadeModuleId
        return !!facade && (this.getModuleInfo(facade)?.dynamicImporters ?? []).some((importer) => importer.includes('/client/'))
      }
      const shell = new Set<string>()
      const visit = (file: string) => {
        const chunk = bundle[file]
        if (!chunk || shell.has(file)) return
        shell.add(file)
        if (chunk.type !== 'chunk') return
        chunk.imports.forEach(visit)
        chunk.dynamicImports.filter(loadedByTheApp).forEach(visit)
        chunk.viteMetadata?.importedCss.forEach(visit)
      }
      Object.entries(bundle).filter(([, c]) => c.type === 'chunk' && c.isEntry).forEach(([file]) => visit(file))
      writeFileSync(join(dir, 'shell.json'), JSON.stringify([...shell].map((file) => `/${file}`)))
      for (const file of assets) {
        const data = readFileSync(join(dir, file))
        writeFileSync(join(dir, `${file}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
        writeFileSync(join(dir, `${file}.gz`), gzipSync(data, { level: 9 }))
      }
    },
  }
}

// Tests check behaviour, not speed (benchmarks do that): on a loaded 2-core machine a randomized or
// PostgreSQL test may take several times its usual second, which must not read as a failure.
const TEST_TIMEOUT_MS = 30_000
/** Passwords hashed at a test run's low cost (see server/auth/password.ts): servers the tests spawn inherit it. */
const TEST_ENV = { JIXIAO_TEST_PASSWORD_COST: 'low' }

/**
 * Tests whose storage the store chooser opens (`support/test-server.ts`, `test/support/use-case-ports.ts`:
 * PostgreSQL under `JIXIAO_TEST_STORE=postgres`) run again on PostgreSQL, found by reading what each test
 * imports: a new one runs there by default, and finding none stops the run instead of passing it.
 */
const STORE_CHOOSERS = /['"][./]*(?:test\/)?support\/(?:test-server|use-case-ports)['"]/
/**
 * Store-choosing tests kept off the PostgreSQL project, each with its reason; within a file that runs there,
 * cases decided before the store are `beforeTheStore` (test/support/before-the-store.ts).
 */
const SQLITE_ONLY: Record<string, string> = {
  'test/migrate.test.ts': 'moves a SQLite data directory into PostgreSQL itself',
  'test/multi-instance.test.ts': 'runs its instances on PostgreSQL already',
  'test/notification-events.test.ts': 'runs its two instances on PostgreSQL already; its other case is a 401 before the store',
  'test/crash-recovery.test.ts': 'kills server processes over a SQLite data directory',
  'server/http/api-route.test.ts': 'which routes answer is decided before any store is read',
  'server/http/metrics-access.test.ts': 'who may read /metrics is decided by address and proxy, before any store is read',
  'server/http/sync-upgrade.test.ts': 'what a socket keeps of its upgrade, and which paths upgrade, is decided before any store is read',
  'test/import-attacks.test.ts': 'hostile files are refused while they are read, before anything is stored',
  'test/upload-limits.test.ts': 'uploads are refused before their body is read, let alone stored',
  'test/hostile-input.test.ts': 'frames, floods and connection counts are decided before anything is read',
}

function storeChoosingTests(): string[] {
  const root = fileURLToPath(new URL('.', import.meta.url))
  const found = ['server', 'test']
    .flatMap((dir) => (readdirSync(join(root, dir), { recursive: true }) as string[]).map((file) => `${dir}/${file}`))
    .filter((file) => file.endsWith('.test.ts') && !file.startsWith('test/e2e/') && !(file in SQLITE_ONLY))
    .filter((file) => STORE_CHOOSERS.test(readFileSync(join(root, file), 'utf8')))
    .sort()
  if (found.length === 0) throw new Error('vite.config.ts: no test chooses its store, so nothing would run on PostgreSQL')
  return found
}

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) }

export default defineConfig({
  // The app lives in client/; tests are found from the repository root.
  root: process.env.VITEST ? '.' : 'client',
  // The Solid plugin would switch tests to jsdom; tests run in Node or in real Chromium.
  plugins: process.env.VITEST ? [] : [solid(), shellAssets()],
  resolve: { alias },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The editor chunk and the Excel writer are large by nature and loaded on demand; the plugin timings
    // are a profiling aid. Neither should stand between `npm start` and its URL.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    // `npm run dev`: Vite with hot reload in front of the real server (see server/dev.ts).
    proxy: {
      '/api': `http://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`,
      '/sync': { target: `ws://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`, ws: true },
      '/healthz': `http://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`,
    },
  },
  test: {
    passWithNoTests: false,
    // Vitest's default on 2 cores is one file at a time; most files spend their time waiting (on servers they
    // spawned, PostgreSQL, Redis, Chromium, timers), so three at once keep both cores busy.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          env: TEST_ENV,
          testTimeout: TEST_TIMEOUT_MS,
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'support/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'postgres',
          // Only what reaches the stores runs again here (SQLITE_ONLY says what does not, and why).
          environment: 'node',
          testTimeout: TEST_TIMEOUT_MS,
          include: process.env.VITEST ? storeChoosingTests() : [],
          env: { ...TEST_ENV, JIXIAO_TEST_STORE: 'postgres' },
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          environment: 'node',
          env: TEST_ENV,
          testTimeout: TEST_TIMEOUT_MS,
          include: ['test/e2e/**/*.test.ts'],
          // One Chromium for all the files (each has its own server and contexts): see shared-chromium.ts.
          globalSetup: ['test/e2e/shared-chromium.ts'],
          // The files load the server and Playwright once, not once each (seconds per file on a loaded machine):
          // each file starts servers of its own, and nothing in server/ or support/ keeps state between them.
          isolate: false,
        },
      },
    ],
  },
})
