/**
 * `npm run bench -- opens [N]`: what one opening of the sample costs the
 * machine as the end-to-end tests open it (a fresh context, logged in,
 * synced, every table drawn), in core-seconds, in the tests' browser
 * (Debian's Chromium headless shell) and in the full `/usr/bin/chromium
 * --headless`, N opens each (default 8) after one to warm up, the two
 * alternating rounds in one run. The e2e files open a page some 250
 * times: this figure times that is most of what they cost a 2-core
 * machine. Whole-machine CPU (`/proc/stat`), and by process: the browser's
 * own, its GPU and network processes, and this Node process (the test
 * server and Playwright's client); the renderers are what is left.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { CHROMIUM, HEADLESS_SHELL, launch } from '../support/chromium'
import { startTestServer, type TestServer } from '../support/test-server'
import { median, ratio, table } from './support/stats'

/** Busy core-seconds of the whole machine so far. */
function machineBusy(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number)
  return (user! + nice! + system! + irq! + softirq!) / 100
}

/** Core-seconds so far of this process and of the browser's long-lived processes, by kind. */
function byProcess(): Record<string, number> {
  const seconds: Record<string, number> = {}
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').map(Number)
      const kind = Number(pid) === process.pid ? 'test server + Playwright' : !command.includes('chromium') ? null
        : /--type=gpu-process/.test(command) ? 'GPU process' : /network\.mojom/.test(command) ? 'network service' : /--type=/.test(command) ? null : 'browser process'
      if (kind) seconds[kind] = (seconds[kind] ?? 0) + (fields[11]! + fields[12]!) / 100
    } catch {
      // A process gone between listing and reading.
    }
  }
  return seconds
}

async function openOnce(browser: Browser, t: TestServer): Promise<void> {
  const context = await browser.newContext({ baseURL: t.server.url, viewport: { width: 1400, height: 900 } })
  const login = await context.request.post('/api/login', { data: { name: 'bench', password: 'pw-bench' } })
  const page = await context.newPage()
  await page.addInitScript((user) => localStorage.setItem('jixiao:user', JSON.stringify(user)), (await login.json()).user)
  await page.goto('/#/doc/doc')
  await page.waitForSelector('[data-testid=sync-status].synced', { timeout: 30_000 })
  await page.waitForSelector('.ProseMirror:is([data-drawn="all"], [data-drawn="near"])', { timeout: 30_000 })
  await context.close()
}

interface Round {
  perOpen: number
  processes: Record<string, number>
}

async function round(executable: string, t: TestServer, opens: number): Promise<Round> {
  const browser = await launch(executable)
  try {
    await openOnce(browser, t)
    const [busy, processes] = [machineBusy(), byProcess()]
    for (let i = 0; i < opens; i++) await openOnce(browser, t)
    const after = byProcess()
    return {
      perOpen: (machineBusy() - busy) / opens,
      processes: Object.fromEntries(Object.entries(after).map(([kind, s]) => [kind, (s - (processes[kind] ?? 0)) / opens])),
    }
  } finally {
    await browser.close()
  }
}

export async function run(): Promise<void> {
  const opens = Number(process.argv[3] ?? 8)
  const t = await startTestServer()
  await t.grant('bench', 'editor')
  const rounds: { shell: Round[]; full: Round[] } = { shell: [], full: [] }
  try {
    for (let i = 0; i < 2; i++) {
      rounds.shell.push(await round(HEADLESS_SHELL, t, opens))
      rounds.full.push(await round(CHROMIUM, t, opens))
    }
  } finally {
    await t.close()
  }
  const perOpen = (of: Round[]) => median(of.map((r) => r.perOpen))
  const kinds = [...new Set([...rounds.shell, ...rounds.full].flatMap((r) => Object.keys(r.processes)))].sort()
  const kindOf = (of: Round[], kind: string) => median(of.map((r) => r.processes[kind] ?? 0))
  const rendererAndRest = (of: Round[]) => perOpen(of) - kinds.reduce((sum, kind) => sum + kindOf(of, kind), 0)
  console.log(`Opening the sample as an e2e test does, ${opens} opens × 2 rounds each (median of the rounds), core-seconds per open:`)
  console.log(
    table([
      ['', 'headless shell (tests)', 'full Chromium', 'ratio'],
      ['whole machine', perOpen(rounds.shell).toFixed(2), perOpen(rounds.full).toFixed(2), ratio(perOpen(rounds.shell), perOpen(rounds.full))],
      ...kinds.map((kind) => [kind, kindOf(rounds.shell, kind).toFixed(2), kindOf(rounds.full, kind).toFixed(2), ratio(kindOf(rounds.shell, kind), kindOf(rounds.full, kind))]),
      ['renderers and the rest', rendererAndRest(rounds.shell).toFixed(2), rendererAndRest(rounds.full).toFixed(2), ratio(rendererAndRest(rounds.shell), rendererAndRest(rounds.full))],
    ]),
  )
}
