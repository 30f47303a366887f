/**
 * What `npm test` does before `vitest run`: the type check and the client's
 * build (the e2e files drive it), side by side, and each only when what it
 * reads changed since it last ran — `tsc` is incremental
 * (`dist/tsconfig.tsbuildinfo`), and the build is stamped with its sources'
 * fingerprint (`server/client-build.ts`, as `npm start` does), so a second
 * `npm test`, or `npm start` after it, does neither again.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { BUILD_LOG, ensureClientBuilt } from '../server/client-build'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const started = performance.now()
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)

const typeCheck = new Promise<{ ok: boolean; output: string }>((resolve) => {
  const tsc = spawn(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '--noEmit', '--pretty'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  tsc.stdout.on('data', (chunk: Buffer) => (output += chunk))
  tsc.stderr.on('data', (chunk: Buffer) => (output += chunk))
  tsc.on('close', (code) => resolve({ ok: code === 0, output }))
})
const build = ensureClientBuilt().then(
  (built) => ({ ok: true, output: built ? `client built (${seconds()} s; warnings in ${BUILD_LOG})\n` : '' }),
  (error: unknown) => ({ ok: false, output: `client build failed: ${(error as Error).stack ?? error}\n` }),
)
const [checked, builtClient] = await Promise.all([typeCheck, build])
process.stdout.write(builtClient.output)
if (!checked.ok) process.stdout.write(checked.output)
process.stdout.write(`type check ${checked.ok ? 'passed' : 'FAILED'}, client ${builtClient.ok ? 'ready' : 'NOT BUILT'} (${seconds()} s)\n`)
process.exitCode = checked.ok && builtClient.ok ? 0 : 1
