/** `npm run bench -- NAME`: runs one benchmark (or lists them). */
export {}
const BENCHMARKS = {
  import: () => import('./import'),
  trace: () => import('./trace'),
  relay: () => import('./relay'),
  checks: () => import('./checks'),
  flood: () => import('./flood'),
  history: () => import('./history'),
  client: () => import('./client'),
  dashboard: () => import('./dashboard'),
  memory: () => import('./memory'),
  opens: () => import('./opens'),
} as const

const name = process.argv[2]
if (!name || !(name in BENCHMARKS)) {
  console.error(`用法: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}>`)
  process.exit(2)
}
const bench = await BENCHMARKS[name as keyof typeof BENCHMARKS]()
await bench.run()
// A bench's peers (servers, pools, a Chromium it left behind) may hold handles open; the figures are printed,
// so the run ends here rather than waiting on them.
process.exit(0)
