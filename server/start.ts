/**
 * `npm start`: the editor is built if its sources changed since the last
 * build, and the server bundled likewise (`server-build.ts`); then the
 * server runs (`serve`, with the options given after `--`). It runs from
 * its bundle in a process of its own: tsx's loader, which this process runs
 * under, would add seconds to loading even the bundle. Should the bundle
 * fail to build, the server runs here from its sources, as before.
 */
import { spawn } from 'node:child_process'
import { BUILD_LOG, ensureClientBuilt } from './client-build'
import { ensureServerBuilt, serverBundle } from './server-build'

const started = performance.now()
if (await ensureClientBuilt()) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`已构建编辑器（${seconds} 秒；构建信息见 ${BUILD_LOG}）\n`)
}
const args = ['serve', ...process.argv.slice(2)]
const bundle = await ensureServerBuilt().then(serverBundle, (error: unknown) => {
  process.stderr.write(`服务器打包失败，改为从源代码运行：${error instanceof Error ? error.message : String(error)}\n`)
  return null
})
if (bundle) {
  // Its own process group: a Ctrl+C reaches it once, from here (npm and tsx pass it on too, and a second SIGINT
  // would cut its shutdown short).
  const server = spawn(process.execPath, ['--enable-source-maps', bundle.cli, ...args], { stdio: 'inherit', detached: true })
  let forwarded = false
  const forward = (signal: NodeJS.Signals) => {
    if (!forwarded) server.kill(signal)
    forwarded = true
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  const { runCli } = await import('./cli/run-cli')
  process.exitCode = await runCli(args, {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  })
}
