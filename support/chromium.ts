/** Debian's Chromium, headless, as the end-to-end tests and `bench client` drive it. */
import { chromium, type Browser, type BrowserServer } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const OPTIONS = {
  executablePath: CHROMIUM,
  // Flags for a closed network and a root user (see the machine notes).
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

export function launch(): Promise<Browser> {
  return chromium.launch(OPTIONS)
}

/** A Chromium that several processes connect to (`connect`): the e2e files share one instead of each starting its own. */
export function launchShared(): Promise<BrowserServer> {
  return chromium.launchServer(OPTIONS)
}

/** The shared Chromium at `endpoint`; closing what this returns closes its contexts and disconnects, not the browser. */
export function connect(endpoint: string): Promise<Browser> {
  return chromium.connect(endpoint)
}
