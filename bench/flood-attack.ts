/**
 * The attacker of `bench flood`, in its own process: `flood-attack.ts PORT
 * TOKEN MS`. For MS milliseconds, 64 loops send wrong-password logins and 20
 * loops open a socket with TOKEN, push 100 messages and drop it
 * (`FLOOD_KIND=login|reconnect` for one kind alone). Loopback only. Prints
 * one JSON line with what it sent.
 */
import WebSocket from 'ws'
import { encodeAwareness } from '@shared/protocol/message'
import { childArgs, report } from './support/child'

const [portArg, token, durationArg] = childArgs() as [string, string, string]
const port = Number(portArg)
const until = Date.now() + Number(durationArg)
let logins = 0
let connections = 0

async function loginLoop(n: number): Promise<void> {
  while (Date.now() < until) {
    await fetch(`http://127.0.0.1:${port}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `guess${n % 8}`, password: String(Math.random()) }),
    }).then((r) => r.text(), () => '')
    logins++
  }
}

async function reconnectLoop(): Promise<void> {
  while (Date.now() < until) {
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/doc?token=${token}`)
      ws.on('open', () => {
        connections++
        for (let i = 0; i < 100; i++) ws.send(encodeAwareness(new Uint8Array([0])))
      })
      ws.on('close', () => resolve())
      ws.on('error', () => resolve())
      setTimeout(() => ws.terminate(), 200)
    })
  }
}

const kind = process.env.FLOOD_KIND ?? 'both'
await Promise.all([...Array.from({ length: kind === 'reconnect' ? 0 : 64 }, (_, n) => loginLoop(n)), ...Array.from({ length: kind === 'login' ? 0 : 20 }, reconnectLoop)])
report({ logins, connections })
