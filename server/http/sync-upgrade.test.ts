/**
 * A WebSocket keeps nothing of the request that opened it: with Hono's
 * helper the upgrade's request (Hono's context, the Fetch request and its
 * headers, Node's IncomingMessage) stayed alive as long as the socket,
 * ~8 KiB a connection. And an upgrade that is not to `/sync/:docId` gets
 * an HTTP answer, not a socket.
 */
import { request as httpRequest, Server, type IncomingMessage } from 'node:http'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../../support/test-server'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** Every upgrade request the process's HTTP servers are given from now, held weakly. */
function watchUpgrades(): { requests: WeakRef<IncomingMessage>[]; stop(): void } {
  const requests: WeakRef<IncomingMessage>[] = []
  const emit = Server.prototype.emit
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === 'upgrade') requests.push(new WeakRef(args[0] as IncomingMessage))
    return (emit as (event: string, ...args: unknown[]) => boolean).call(this, event, ...args)
  } as typeof emit
  return { requests, stop: () => void (Server.prototype.emit = emit) }
}

describe('WebSocket upgrades', () => {
  it('an open socket lets go of the request that opened it', async () => {
    t = await startTestServer()
    const upgrades = watchUpgrades()
    try {
      const providers = [await t.client('zhang', 'editor'), await t.client('li', 'editor')]
      await Promise.all(providers.map(synced))
      expect(upgrades.requests).toHaveLength(2)
      await until(() => {
        gc()
        return upgrades.requests.every((request) => request.deref() === undefined)
      }, 'the upgrade requests collected while their sockets are open')
      expect(providers.every((p) => p.wsconnected)).toBe(true)
    } finally {
      upgrades.stop()
    }
  })

  it('an upgrade anywhere but /sync/:docId is answered 404, and a sync path without a WebSocket upgrade 400', async () => {
    t = await startTestServer()
    const statusOf = (path: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${t.wsBase.replace(/\/sync$/, '')}${path}`, { headers })
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
        ws.on('open', () => reject(new Error(`${path} opened a socket`)))
        ws.on('error', () => {})
      })
    expect(await statusOf('/api/docs')).toBe(404)
    expect(await statusOf(`/sync/${DOC_ID}/more`)).toBe(404)
    const otherProtocol = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${t.server.url}/sync/${DOC_ID}`, { headers: { Connection: 'Upgrade', Upgrade: 'h2c' } }, (response) => resolve(response.statusCode ?? 0))
      request.on('error', reject)
      request.end()
    })
    expect(otherProtocol).toBe(400)
  })
})
