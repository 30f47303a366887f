/**
 * Vite builds the client; Vitest runs the tests in three projects: `node`
 * (shared, server, CLI, integration, on SQLite), `postgres` (the server
 * suites again, on the machine's PostgreSQL: the storage matrix) and
 * `browser` (end-to-end tests that drive Debian's Chromium through
 * playwright-core; they start the real server themselves).
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import solid from 'vite-plugin-solid'

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) }

export default defineConfig({
  // The app lives in client/; tests are found from the repository root.
  root: process.env.VITEST ? '.' : 'client',
  // The Solid plugin would switch tests to jsdom; tests run in Node or in real Chromium.
  plugins: process.env.VITEST ? [] : [solid()],
  resolve: { alias },
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    // `npm run dev`: Vite with hot reload in front of the real server (see server/dev.ts).
    proxy: {
      '/api': `http://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`,
      '/sync': { target: `ws://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`, ws: true },
      '/healthz': `http://127.0.0.1:${process.env.JIXIAO_API_PORT ?? 8080}`,
    },
  },
  test: {
    passWithNoTests: true,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'postgres',
          environment: 'node',
          include: ['server/http/app.test.ts', 'server/http/attribution.test.ts', 'server/http/orgs.test.ts', 'test/sync-server.test.ts', 'test/integrity.test.ts', 'test/hardening.test.ts', 'test/hostile-input.test.ts'],
          env: { JIXIAO_TEST_STORE: 'postgres' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
        },
      },
    ],
  },
})
