/**
 * Reads uploaded files and writes exports off the main thread. Parsing a
 * hostile file can take seconds and gigabytes however careful the
 * importers are (exceljs holds a whole workbook; a table can be built to
 * expand), and the Word writer needs ~20 s and ~600 MB for a document of
 * 500 projects; on the main thread that stalls every user's
 * sync and can take the process down. So each file is read or written in a
 * worker thread with its own heap limit and a time limit: a job past
 * either is refused as too large, the worker is replaced, and the server
 * goes on answering everyone meanwhile.
 *
 * At most `workers` jobs run at once (the machine's cores are the server's
 * too); `waiting` more wait their turn, further ones are refused as busy
 * rather than held in memory. Workers are kept for the next job and do
 * not keep the process alive; `close()` ends them.
 */
import { Worker } from 'node:worker_threads'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import type { DocumentText } from '@shared/model/document-text'
import type { FindingContext } from '@shared/kinds/document-findings'
import type { ReadingName, ReadingOf } from './stored-document-readings'
import type { WorkerAnswer, WorkerJob } from './worker-message'
import type { LoggedUpdate } from '../storage/document-log'
import type { Folded } from '../storage/fold'
import { serverBundle } from '../server-build'

export interface FileWorkerLimits {
  /** Jobs (a file read or written) at once. */
  workers: number
  /** Jobs waiting for a worker; more are refused (FilesBusyError). */
  waiting: number
  /** A worker's heap (old generation), MiB: a job needing more is refused. */
  memoryMb: number
  /** How long one job may take. */
  timeMs: number
  /** What a caller refused as busy is told (the default speaks of imports and exports). */
  busyMessage?: string
}

export const DEFAULT_FILE_WORKER_LIMITS: FileWorkerLimits = { workers: 2, waiting: 8, memoryMb: 1024, timeMs: 90_000 }

/**
 * Readings of large stored documents (checks, summaries, the text a
 * change starts from) have workers of their own, so they never wait behind
 * a 20-second Word export: one at a time (a reading is a second at most),
 * and many may wait, since a list of documents asks for each one's status.
 */
export const DEFAULT_READING_WORKER_LIMITS: FileWorkerLimits = { workers: 1, waiting: 256, memoryMb: 1024, timeMs: 90_000, busyMessage: '服务器正忙，请稍后再试' }

/** An export needed more than a worker's heap or time. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError'
  readonly code = 'file-too-large'
}

export class FilesBusyError extends Error {
  override readonly name = 'FilesBusyError'
  readonly code = 'files-busy'
  constructor(message = '服务器正在处理其他文件（导入或导出），请稍后再试') {
    super(message)
  }
}

/**
 * A worker's entry. The server run from its bundle starts the bundle's own worker, of the same build; run from
 * its sources, it starts the bundle's when that is of these sources (server-build.ts), else the sources through tsx.
 */
const workerEntry = (): URL =>
  !import.meta.url.endsWith('.ts') ? new URL('./file-worker.mjs', import.meta.url)
  : (serverBundle()?.worker ?? new URL('./file-worker-boot.mjs', import.meta.url))

export class FileWorkers {
  private readonly idle: Worker[] = []
  private readonly all = new Set<Worker>()
  private running = 0
  private readonly queue: (() => void)[] = []
  private closed = false

  constructor(private readonly limits: FileWorkerLimits = DEFAULT_FILE_WORKER_LIMITS) {}

  /** The file's text, or the importer's error (`too-large` past a cap, the heap or the time limit). Throws FilesBusyError when too many jobs wait, Error for an importer's bug. */
  async read(bytes: Uint8Array): Promise<ImportResult<DocumentText>> {
    const answer = await this.run({ kind: 'import', bytes }, '读取这个文件')
    if (answer.kind === 'text') return { ok: true, value: answer.text }
    if (answer.kind === 'refused') return { ok: false, error: new ImportError(answer.code, answer.line, answer.detail, answer.place) }
    throw unexpected(answer)
  }

  /** The document in the format (a `FORMATS` id). Throws FileTooLargeError past the heap or time limit, FilesBusyError, or Error for a writer's bug. */
  async write(text: DocumentText, format: string, options: Omit<Extract<WorkerJob, { kind: 'export' }>, 'kind' | 'format' | 'text'>): Promise<Uint8Array | string> {
    const answer = await this.run({ kind: 'export', format, text, ...options }, '生成这个文件')
    if (answer.kind === 'file') return answer.body
    if (answer.kind === 'refused') throw new FileTooLargeError(answer.detail)
    throw unexpected(answer)
  }

  /**
   * A reading of a stored document (`stored-document-readings.ts`), made
   * in a worker: at the project limit it is a second of work. Throws
   * FileTooLargeError past the heap or time limit, FilesBusyError, or Error for a bug.
   */
  async readStored<N extends ReadingName>(reading: N, updates: readonly Uint8Array[], context?: FindingContext): Promise<ReadingOf<N>> {
    const answer = await this.run({ kind: 'read', reading, updates, context }, '读取这份文档')
    if (answer.kind === 'reading') return answer.value as ReadingOf<N>
    if (answer.kind === 'refused') throw new FileTooLargeError(answer.detail)
    throw unexpected(answer)
  }

  /** A compaction's folding of a stored log (`server/storage/fold.ts`). Throws as `readStored` does. */
  async fold(pieces: readonly Uint8Array[], tail: readonly LoggedUpdate[], steps: readonly number[]): Promise<Folded> {
    const answer = await this.run({ kind: 'fold', pieces, tail, steps }, '压缩这份文档的更新日志')
    if (answer.kind === 'folded') return { state: answer.state, activity: answer.activity }
    if (answer.kind === 'refused') throw new FileTooLargeError(answer.detail)
    throw unexpected(answer)
  }

  /** Ends every worker; files being read are refused. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.all].map((w) => w.terminate()))
  }

  private async acquire(): Promise<void> {
    if (this.running < this.limits.workers) {
      this.running++
      return
    }
    if (this.queue.length >= this.limits.waiting) throw new FilesBusyError(this.limits.busyMessage)
    // The slot is handed over by `release`, never given up in between.
    await new Promise<void>((resolve) => this.queue.push(resolve))
  }

  private release(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.running--
  }

  /** A new worker, once it has loaded the importers (which the time limit does not count). */
  private spawn(): Promise<Worker> {
    const worker = new Worker(workerEntry(), { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } })
    this.all.add(worker)
    worker.once('exit', () => this.all.delete(worker))
    // A worker ended for its heap may report it after its job was given up (the time limit): never unhandled.
    worker.on('error', () => {})
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        worker.off('message', onReady)
        worker.off('error', settle)
        worker.off('exit', onExit)
        if (error) reject(error)
        else resolve(worker)
      }
      const onReady = () => settle()
      const onExit = () => settle(new Error('import worker exited while starting'))
      worker.once('message', onReady)
      worker.once('error', settle)
      worker.once('exit', onExit)
    })
  }

  private async run(job: WorkerJob, doing: string): Promise<WorkerAnswer> {
    await this.acquire()
    try {
      return await this.runOn(this.idle.pop() ?? (await this.spawn()), job, doing)
    } finally {
      this.release()
    }
  }

  /** The worker's answer; past the heap or the time limit, a refusal saying so (and the worker is ended). */
  private runOn(worker: Worker, job: WorkerJob, doing: string): Promise<WorkerAnswer> {
    worker.ref()
    return new Promise<WorkerAnswer>((resolve, reject) => {
      const refuse = (detail: string) => resolve({ kind: 'refused', code: 'too-large', line: null, detail, place: null })
      const done = () => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (answer: WorkerAnswer) => {
        done()
        if (this.closed) void worker.terminate()
        else {
          worker.unref()
          this.idle.push(worker)
        }
        resolve(answer)
      }
      const onError = (error: Error & { code?: string }) => {
        done()
        void worker.terminate()
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse(`${doing}所需的内存超过上限（${this.limits.memoryMb} MiB）：文件过大或过于复杂，请拆分后分别处理`)
        else reject(error)
      }
      const onExit = () => {
        done()
        reject(new Error('file worker exited'))
      }
      const timer = setTimeout(() => {
        done()
        void worker.terminate()
        refuse(`${doing}超过 ${Math.max(1, Math.round(this.limits.timeMs / 1000))} 秒仍未完成：文件过大或过于复杂，请拆分后分别处理`)
      }, this.limits.timeMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage(job)
    })
  }
}

const unexpected = (answer: WorkerAnswer) => new Error(`file worker: ${answer.kind === 'bug' ? answer.message : `unexpected ${answer.kind}`}`)
