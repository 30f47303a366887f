/** Entry point of `npm run cli` and `npm start`. */
import { runCli } from './cli/run-cli'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})
