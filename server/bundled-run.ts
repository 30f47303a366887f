/**
 * Runs the command line from the server's bundle (`server-build.ts`), built
 * first if its sources changed, in a node process of its own: the launchers
 * (`npm start`, `npm run cli`) run under tsx, whose loader would add seconds
 * to loading even the bundle. Should the bundle fail to build, the command
 * runs in this process from the sources, as before.
 *
 * The child is in this process group, so a terminal's Ctrl+C or hang-up
 * reaches it as it reaches the launcher, and a signal sent to the launcher
 * alone is passed on (`serve` shuts down once however many it gets). It is
 * started over an IPC channel, which `serve` watches: when the launcher
 * ends, however it ends, so does the server. Its output is the command's
 * own, byte for byte, on stdout and stderr alike: the launcher adds
 * nothing, but a failed bundle's warning.
 */
import { spawn } from 'node:child_process'
import { ensureServerBuilt, serverBundle } from './server-build'

export async function runBundled(args: readonly string[]): Promise<void> {
  const bundle = await ensureServerBuilt().then(
    () => serverBundle(),
    (error: unknown) => {
      process.stderr.write(`服务器打包失败，改为从源代码运行：${error instanceof Error ? error.message : String(error)}\n`)
      return null
    },
  )
  if (!bundle) {
    const { PROCESS_IO, runCli } = await import('./cli/run-cli')
    process.exitCode = await runCli(args, PROCESS_IO)
    return
  }
  const child = spawn(process.execPath, ['--enable-source-maps', bundle.cli, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal))
  await new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      process.exitCode = code ?? (signal ? 1 : 0)
      resolve()
    }),
  )
}
