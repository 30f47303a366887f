/**
 * `serve [--port N] [--data DIR] [--host H] [--store sqlite|postgres
 * --database-url URL] [--bus local|redis --redis-url URL]` (also
 * `npm start`): runs the server until SIGTERM/SIGINT/SIGHUP (or, started
 * over IPC, until its launcher is gone), then shuts down gracefully. On
 * fresh storage it seeds the demo and prints the logins. Refuses (exit 1)
 * a SQLite data directory another server is serving, and a port another
 * program holds.
 */
import { issueToken } from '../../auth/access-token'
import { DEMO_DOCUMENT_ID, seedDemo } from '../../demo/seed-demo'
import { log } from '../../log'
import { guardFromEnvironment, startServer, type RunningServer } from '../../server'
import { DataDirLockedError } from '../../storage/sqlite/data-dir-lock'
import { PortInUseError } from '../../port-in-use'
import { tokenSubject } from '../../storage/account-store'
import { EXIT, type Command } from '../command'
import { parseArgs } from '../parse-args'
import { BUS_OPTIONS, busConfigOf, dataDirOf, STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'

export const DEFAULT_PORT = 8080

export const serveCommand: Command = async (argv, io) => {
  const { options } = parseArgs(argv, ['port', 'host', ...STORAGE_OPTIONS, ...BUS_OPTIONS], [])
  const port = Number(options.port ?? process.env.PORT ?? DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口无效：${options.port}`)
  const dataDir = dataDirOf(options)
  const host = (options.host as string | undefined) ?? process.env.HOST ?? '127.0.0.1'
  const bus = busConfigOf(options)

  let server: RunningServer
  try {
    server = await startServer({ dataDir, store: storageConfigOf(options), bus, port, host, ...guardFromEnvironment() })
  } catch (error) {
    if (!(error instanceof DataDirLockedError || error instanceof PortInUseError)) throw error
    io.stderr(error.message)
    return EXIT.badInput
  }
  // Listened for from the start: a Ctrl+C while the demo is seeded and the logins print stops the server once
  // they are done, as one after.
  let printedAll!: () => void
  const printed = new Promise<void>((resolve) => (printedAll = resolve))
  const stopped = new Promise<void>((resolve) => {
    // One shutdown, whatever asks for it and how often: a Ctrl+C reaches this process both from the terminal and
    // through the launcher (`npm start`), and a second signal must not cut the first one's shutdown short.
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) return
      stopping = true
      log('info', 'shutdown', { signal })
      void printed.then(() => server.close()).then(resolve)
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal))
    // Started by a launcher over IPC (`npm start`, `npm run cli`: bundled-run.ts): when it is gone, however it ended, so is this.
    if (process.channel) process.once('disconnect', () => stop('launcher-exit'))
  })
  const logins = await seedDemo(server.data, dataDir)
  const wsBase = server.url.replace(/^http/, 'ws')
  io.stdout(`绩效 Jixiao 已启动：${server.url}/   （数据：${server.data.description}${bus.kind === 'redis' ? `；实例间经 Redis ${bus.url}` : ''}）`)
  if (logins.length > 0) {
    io.stdout(`\n演示账号（密码也保存在 ${dataDir}/demo-logins.txt）：`)
    for (const login of logins) {
      const subject = await tokenSubject(server.data.accounts, login.name)
      if (!subject) continue
      io.stdout(`  ${login.displayName}（${login.what}）  用户名 ${login.name}  密码 ${login.password}`)
      // Each person's sync address for a document they may open (文旅局's staff: their own); the bureau's 管理员 opens none.
      if (login.role === null) continue
      const doc = login.document ?? DEMO_DOCUMENT_ID
      const token = issueToken(server.data.secret, { ...subject, doc, exp: Date.now() + 7 * 24 * 3600 * 1000 })
      io.stdout(`    同步地址：${wsBase}/sync/${doc}?token=${token}`)
    }
  }
  io.stdout('\n按 Ctrl+C 停止。')
  printedAll()

  await stopped
  return EXIT.ok
}
