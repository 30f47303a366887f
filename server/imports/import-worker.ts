/**
 * The worker thread that reads uploaded files (`ImportPool` starts it
 * through `import-worker-boot.mjs`): one file per message, answered with
 * the document's text or the importer's error as plain data. What the
 * importers do not expect is sent back as a bug, never thrown here.
 */
import { parentPort } from 'node:worker_threads'
import { importFile } from '@shared/formats/registry'
import type { WorkerAnswer } from './worker-answer'

parentPort!.on('message', (bytes: Uint8Array) => {
  importFile(bytes).then(
    (result): WorkerAnswer => (result.ok ? { kind: 'text', text: result.value } : { kind: 'refused', code: result.error.code, line: result.error.line, detail: result.error.detail, place: result.error.place }),
    (error: unknown): WorkerAnswer => ({ kind: 'bug', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  ).then((answer) => parentPort!.postMessage(answer))
})

// Loaded (TypeScript compiled, importers imported): a file's time limit starts from here.
parentPort!.postMessage({ kind: 'ready' } satisfies WorkerAnswer)
