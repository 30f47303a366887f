/**
 * Two real server processes on one SQLite data directory: the second
 * refuses to start, saying why, and the first keeps answering logins. A
 * server killed with -9 leaves no lock behind.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openServerData } from '../server/server-data'
import { loginAt } from './support/http-session'
import { cliCommand, spawnServer, type ServerProcess } from './support/server-process'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const running: ServerProcess[] = []
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL')
})

/** `serve` run to its end: exit code and what it printed on stderr. */
const serveToExit = (dataDir: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...cliCommand(), 'serve', '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    // Started after all (the bug): stop it so the test ends, and say so.
    child.stdout.on('data', (d) => String(d).includes('已启动') && child.kill('SIGKILL'))
    child.once('exit', (code) => resolve({ code, stderr }))
  })

describe('one server per SQLite data directory', () => {
  it('a second server on the same directory refuses to start while the first serves', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-lock-'))
    const data = await openServerData({ kind: 'sqlite', dataDir })
    await data.logins.addUser('zhang', 'pw-zhang', '张伟')
    await data.close()
    const first = await spawnServer(dataDir)
    running.push(first)

    const second = await serveToExit(dataDir)
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`另一个服务器正在使用数据目录 ${dataDir}`)
    expect((await loginAt(first.url, 'zhang')).cookie).toMatch(/^jixiao_session=/)

    // Killed without a chance to clean up, the first leaves nothing that stops the next.
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    const next = await spawnServer(dataDir)
    running.push(next)
    expect((await loginAt(next.url, 'zhang')).cookie).toMatch(/^jixiao_session=/)
  })
})
