/**
 * The server as its own process (`cli serve`), for tests that kill it.
 * Resolves once it prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  wsBase: string
}

export function spawnServer(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (match) resolve({ child, url: match[1]!, wsBase: `${match[1]!.replace('http', 'ws')}/sync` })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)))
  })
}
