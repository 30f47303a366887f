/**
 * `/metrics` answers loopback only. Behind the documented proxy
 * (`JIXIAO_TRUST_PROXY=1`) every request comes from the loopback proxy, so
 * the address that counts is the one the proxy forwards — the last entry
 * of X-Forwarded-For, which a client cannot write for it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

const metricsStatus = async (forwardedFor?: string) =>
  (await fetch(`${t!.server.url}/metrics`, { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {} })).status

describe('/metrics behind a proxy', () => {
  it('refuses a client the proxy forwards from another machine, even one claiming loopback', async () => {
    t = await startTestServer({ guard: { trustProxy: true } })
    expect(await metricsStatus('203.0.113.9')).toBe(403)
    expect(await metricsStatus('127.0.0.1, 203.0.113.9')).toBe(403)
    // A monitor on the server itself, or one forwarded from loopback, still reads it.
    expect(await metricsStatus()).toBe(200)
    expect(await metricsStatus('127.0.0.1')).toBe(200)
  })

  it('without a trusted proxy, a forwarded header changes nothing', async () => {
    t = await startTestServer()
    expect(await metricsStatus('203.0.113.9')).toBe(200)
  })
})
