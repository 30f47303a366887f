/** `npm run cli`: the command line (`cli.ts`), run from the server's bundle (`bundled-run.ts`). */
import { runBundled } from './bundled-run'

await runBundled(process.argv.slice(2))
