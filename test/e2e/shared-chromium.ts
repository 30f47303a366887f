/**
 * Vitest's global setup for the `browser` project: one Chromium for every
 * e2e file. Starting Chromium is seconds of a loaded 2-core machine, once
 * per file; each file still has its own server and a browser context per
 * user, which is what keeps tests apart (cookies, storage, service worker).
 */
import type { TestProject } from 'vitest/node'
import { launchShared } from '../../support/chromium'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint (see `browser.ts`). */
    chromiumEndpoint: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await launchShared()
  project.provide('chromiumEndpoint', chromium.wsEndpoint())
  return () => chromium.close()
}
