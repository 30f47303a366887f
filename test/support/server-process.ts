/**
 * The server as its own process (`cli serve`), for tests that kill it.
 * Resolves once it prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { serverBundle } from '../../server/server-build'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  wsBase: string
  /** Everything it printed so far (its log lines included). */
  output(): string
}

/** Node's arguments for the command line: its bundle when that is current (server-build.ts), as a start from the sources through tsx costs seconds. */
export function cliCommand(): string[] {
  const bundle = serverBundle()
  return bundle ? ['--enable-source-maps', bundle.cli] : ['--import', 'tsx', 'server/cli.ts']
}

/**
 * `serve` on a SQLite data directory, or with the given options (`--store postgres …`, `--bus redis …`).
 * `ipc`: started over an IPC channel, as `npm start` starts it.
 */
export function spawnServer(dataDirOrArgs: string | string[], env: NodeJS.ProcessEnv = {}, { ipc = false } = {}): Promise<ServerProcess> {
  const args = typeof dataDirOrArgs === 'string' ? ['--data', dataDirOrArgs] : dataDirOrArgs
  const child = spawn(process.execPath, [...cliCommand(), 'serve', ...args, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
    env: { ...process.env, ...env },
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (match) resolve({ child, url: match[1]!, wsBase: `${match[1]!.replace('http', 'ws')}/sync`, output: () => out + err })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)))
  })
}
