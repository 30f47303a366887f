/**
 * How a server ends, and how it refuses to begin. A real process stops
 * once, however many signals ask (a terminal's Ctrl+C reaches it directly
 * and through `npm start`), and stops when the launcher that started it over
 * IPC is gone, however that ended. A port another program holds is said
 * plainly, and the data directory is left free for the next start.
 */
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PortInUseError } from '../server/port-in-use'
import { startServer } from '../server/server'
import { spawnServer, type ServerProcess } from './support/server-process'

const running: ServerProcess[] = []
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL')
})

const dataDir = () => mkdtempSync(join(tmpdir(), 'jixiao-stop-'))
const exitOf = (server: ServerProcess) => new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)))
const shutdownsIn = (output: string) => output.split('\n').filter((line) => line.includes('"event":"shutdown"'))

describe('a server process stops', () => {
  it('once, and cleanly, when two Ctrl+C arrive together', async () => {
    const server = await spawnServer(dataDir(), {}, { ipc: true })
    running.push(server)
    const exited = exitOf(server)
    server.child.kill('SIGINT')
    server.child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(shutdownsIn(server.output())).toEqual([expect.stringContaining('"signal":"SIGINT"')])
  }, 60_000)

  it('when its launcher is gone, however it ended', async () => {
    const server = await spawnServer(dataDir(), {}, { ipc: true })
    running.push(server)
    const exited = exitOf(server)
    // What the launcher's end (even a kill -9) is to the server: its IPC channel closes.
    server.child.disconnect()
    expect(await exited).toBe(0)
    expect(shutdownsIn(server.output())).toEqual([expect.stringContaining('"signal":"launcher-exit"')])
  }, 60_000)
})

describe('a port another program holds', () => {
  let holder: Server | undefined
  afterEach(() => void holder?.close())

  it('is refused in words, and the data directory is free for the next start', async () => {
    holder = createServer()
    await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', resolve))
    const taken = (holder.address() as { port: number }).port
    const dir = dataDir()
    const refused = await startServer({ dataDir: dir, port: taken, host: '127.0.0.1' }).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(PortInUseError)
    expect((refused as Error).message).toBe(`端口 ${taken}（127.0.0.1）已被另一个程序占用，本服务器不启动。请先停止那个程序，或用 --port 指定另一个端口。`)
    const next = await startServer({ dataDir: dir, port: 0 })
    await next.close()
  }, 60_000)
})
