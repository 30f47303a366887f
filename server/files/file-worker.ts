/**
 * The worker thread that reads uploaded files, writes exports and reads
 * stored documents
 * (`FileWorkers` starts it through `file-worker-boot.mjs`): one job per
 * message, answered as plain data — the document's text or the importer's
 * error, or the exported file. What the formats do not expect is sent
 * back as a bug, never thrown here.
 */
import { parentPort } from 'node:worker_threads'
import { formatById, importFile } from '@shared/formats/registry'
import { foldHere } from '../storage/fold'
import { readStored } from './stored-document-readings'
import type { WorkerAnswer, WorkerJob } from './worker-message'

async function run(job: WorkerJob): Promise<WorkerAnswer> {
  if (job.kind === 'import') {
    const result = await importFile(job.bytes)
    return result.ok ? { kind: 'text', text: result.value } : { kind: 'refused', code: result.error.code, line: result.error.line, detail: result.error.detail, place: result.error.place }
  }
  if (job.kind === 'read') return { kind: 'reading', value: readStored(job.reading, job.updates, job.context) }
  if (job.kind === 'fold') return { kind: 'folded', ...(await foldHere(job.pieces, job.tail, job.steps)) }
  const write = formatById(job.format)?.export
  if (!write) return { kind: 'bug', message: `no export for ${job.format}` }
  return { kind: 'file', body: await write(job.text, { tracked: job.tracked, nameOf: (login) => job.names[login] ?? login, ...(job.opinion ? { opinion: job.opinion } : {}) }) }
}

parentPort!.on('message', (job: WorkerJob) => {
  run(job)
    .catch((error: unknown): WorkerAnswer => ({ kind: 'bug', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((answer) => parentPort!.postMessage(answer))
})

// Loaded (TypeScript compiled, formats imported): a job's time limit starts from here.
parentPort!.postMessage({ kind: 'ready' } satisfies WorkerAnswer)
