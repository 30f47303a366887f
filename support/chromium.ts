/**
 * Debian's Chromium, headless, as the end-to-end tests and `bench client`
 * drive it.
 *
 * The tests run in Chromium's headless shell (Debian's
 * `chromium-headless-shell`: the same Blink, V8, IndexedDB, service
 * workers and offline mode, without the browser's window machinery), which
 * is what Playwright's own headless Chromium is. Measured here on the e2e
 * files, it cost 449 core-seconds where `/usr/bin/chromium --headless`
 * cost 754: the full browser composites and rasters every frame of a page
 * no one looks at, and spends ~0.8 core-s of its browser process on each
 * context. `bench client` times what a person feels, so it keeps the full
 * browser. `CHROMIUM_PATH` overrides both.
 */
import { chromium, type Browser, type BrowserServer } from 'playwright-core'

/** The browser people run: what `bench client` measures. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The tests' browser. */
export const HEADLESS_SHELL = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell'

/** Flags for a closed network and a root user (see the machine notes). */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function launch(executablePath: string = CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath, args: ARGS })
}

/** A Chromium that several processes connect to (`connect`): the e2e files share one instead of each starting its own. */
export function launchShared(executablePath: string = HEADLESS_SHELL): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath, args: ARGS })
}

/** The shared Chromium at `endpoint`; closing what this returns closes its contexts and disconnects, not the browser. */
export function connect(endpoint: string): Promise<Browser> {
  return chromium.connect(endpoint)
}
