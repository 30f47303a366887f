import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SAMPLE_PATH } from '../support/sample'
import { run } from '../test/support/cli-run'
import { REPO_ROOT } from './repo-root'
import { bundleServer } from './server-build'
import type { WorkerAnswer } from './files/worker-message'

/** What a worker answers first and then to one job. */
function answersOf(entry: string, job: unknown): Promise<WorkerAnswer[]> {
  const worker = new Worker(entry)
  const answers: WorkerAnswer[] = []
  return new Promise((resolve, reject) => {
    worker.on('error', reject)
    worker.on('message', (answer: WorkerAnswer) => {
      answers.push(answer)
      if (answer.kind === 'ready') worker.postMessage(job)
      else void worker.terminate().then(() => resolve(answers))
    })
  })
}

describe('the server’s bundle', () => {
  it('runs the command line and a file worker as the sources do', async () => {
    // Inside the repository, where the packages it leaves to Node are found.
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true })
    const out = mkdtempSync(join(REPO_ROOT, 'dist', 'bundle-test-'))
    onTestFinished(() => rmSync(out, { recursive: true, force: true }))
    await bundleServer(out)

    const bundled = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [join(out, 'server-cli.mjs'), 'import', SAMPLE_PATH, '--json'], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    )
    const fromSources = await run('import', SAMPLE_PATH, '--json')
    expect(bundled).toMatchObject({ code: fromSources.code, stderr: fromSources.stderr })
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(fromSources.stdout))

    const answers = await answersOf(join(out, 'file-worker.mjs'), { kind: 'import', bytes: new Uint8Array(readFileSync(SAMPLE_PATH)) })
    expect(answers.map((a) => a.kind)).toEqual(['ready', 'text'])
    expect((answers[1] as WorkerAnswer & { kind: 'text' }).text.projects).toHaveLength(11)
  }, 60_000)
})
