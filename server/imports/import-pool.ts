/**
 * Reads uploaded files off the main thread. Parsing a hostile file can
 * take seconds and gigabytes however careful the importers are (exceljs
 * holds a whole workbook; a table can be built to expand); on the main
 * thread that stalls every user's sync and can take the process down. So
 * each file is read in a worker thread with its own heap limit and a time
 * limit: a file past either is refused as too large, the worker is
 * replaced, and the server goes on answering everyone meanwhile.
 *
 * At most `workers` files are read at once (the machine's cores are the
 * server's too); `waiting` more wait their turn, further ones are refused
 * as busy rather than held in memory. Workers are kept for the next file
 * and do not keep the process alive; `close()` ends them.
 */
import { Worker } from 'node:worker_threads'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import type { DocumentText } from '@shared/model/document-text'
import type { WorkerAnswer } from './worker-answer'

export interface ImportPoolLimits {
  /** Files read at once. */
  workers: number
  /** Files waiting for a worker; more are refused (ImportBusyError). */
  waiting: number
  /** A worker's heap (old generation), MiB: a file needing more is refused. */
  memoryMb: number
  /** How long one file may take to read. */
  timeMs: number
}

export const DEFAULT_IMPORT_POOL_LIMITS: ImportPoolLimits = { workers: 2, waiting: 8, memoryMb: 512, timeMs: 30_000 }

export class ImportBusyError extends Error {
  override readonly name = 'ImportBusyError'
  readonly code = 'import-busy'
  constructor() {
    super('服务器正在读取其他文件，请稍后再导入')
  }
}

const WORKER_URL = new URL('./import-worker-boot.mjs', import.meta.url)

export class ImportPool {
  private readonly idle: Worker[] = []
  private readonly all = new Set<Worker>()
  private running = 0
  private readonly queue: (() => void)[] = []
  private closed = false

  constructor(private readonly limits: ImportPoolLimits = DEFAULT_IMPORT_POOL_LIMITS) {}

  /** The file's text, or the importer's error (`too-large` past a cap, the heap or the time limit). Throws ImportBusyError when too many files wait, Error for an importer's bug. */
  async read(bytes: Uint8Array): Promise<ImportResult<DocumentText>> {
    await this.acquire()
    try {
      return await this.readOn(this.idle.pop() ?? (await this.spawn()), bytes)
    } finally {
      this.release()
    }
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
    if (this.queue.length >= this.limits.waiting) throw new ImportBusyError()
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
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } })
    this.all.add(worker)
    worker.once('exit', () => this.all.delete(worker))
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

  private readOn(worker: Worker, bytes: Uint8Array): Promise<ImportResult<DocumentText>> {
    worker.ref()
    return new Promise<ImportResult<DocumentText>>((resolve, reject) => {
      const refuse = (detail: string) => resolve({ ok: false, error: new ImportError('too-large', null, detail) })
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
        if (answer.kind === 'text') resolve({ ok: true, value: answer.text })
        else if (answer.kind === 'refused') resolve({ ok: false, error: new ImportError(answer.code, answer.line, answer.detail, answer.place) })
        else reject(new Error(`importer failed: ${answer.kind === 'bug' ? answer.message : 'answered out of turn'}`))
      }
      const onError = (error: Error & { code?: string }) => {
        done()
        void worker.terminate()
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse(`读取这个文件所需的内存超过上限（${this.limits.memoryMb} MiB）：文件过大或过于复杂，请拆分后分别导入`)
        else reject(error)
      }
      const onExit = () => {
        done()
        reject(new Error('import worker exited'))
      }
      const timer = setTimeout(() => {
        done()
        void worker.terminate()
        refuse(`读取这个文件超过 ${Math.round(this.limits.timeMs / 1000)} 秒仍未完成：文件过大或过于复杂，请拆分后分别导入`)
      }, this.limits.timeMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage(bytes)
    })
  }
}
