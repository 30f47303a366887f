/** The command line, as the server's bundle runs it (`npm run cli`, `npm start`: `bundled-run.ts`) or tsx from the sources. */
import { PROCESS_IO, runCli } from './cli/run-cli'

// A launcher's IPC channel (`serve` watches it) must not keep a finished command running.
process.channel?.unref()
process.exitCode = await runCli(process.argv.slice(2), PROCESS_IO)
