/**
 * `npm start`: the editor is built if its sources changed since the last
 * build, then the server runs (`serve`, with the options given after `--`)
 * from its bundle (`bundled-run.ts`).
 */
import { BUILD_LOG, ensureClientBuilt } from './client-build'
import { runBundled } from './bundled-run'

const started = performance.now()
if (await ensureClientBuilt()) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`已构建编辑器（${seconds} 秒；构建信息见 ${BUILD_LOG}）\n`)
}
await runBundled(['serve', ...process.argv.slice(2)])
