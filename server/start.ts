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
const bundling = performance.now()
const bundle = await ensureServerBuilt().then((built) => {
  if (built) process.stdout.write(`已打包服务器（${((performance.now() - bundling) / 1000).toFixed(1)} 秒）\n`)
  return serverBundle()
}, (error: unknown) => {
  process.stderr.write(`服务器打包失败，改为从源代码运行：${error instanceof Error ? error.message : String(error)}\n`)
  return null
})
if (bundle) {
  // In this process group, so a terminal's Ctrl+C or hang-up reaches it as it reaches this process; over IPC, so
  // that it stops when this process ends however it ends (`serve` watches the channel). A signal sent to this
  // process alone is passed on; the server shuts down once however many it gets.
  const server = spawn(process.execPath, ['--enable-source-maps', bundle.cli, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  const { runCli } = await import('./cli/run-cli')
  process.exitCode = await runCli(args, {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  })
}
