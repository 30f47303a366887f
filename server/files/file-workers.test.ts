/**
 * The import pool with real worker threads and real files: a file past the
 * heap or the time limit is refused and its worker replaced, and too many
 * files at once are refused as busy.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { DEFAULT_FILE_WORKER_LIMITS, FilesBusyError, FileWorkers } from './file-workers'

const sampleDocx = () => new Uint8Array(readFileSync(new URL('../../test/fixtures/formats/zhengfawei-2022.libreoffice.docx', import.meta.url)))
/** A valid text of `projects` 绩效目标表: over 1,000 it is read whole, then refused. */
const textOf = (projects: number) => new TextEncoder().encode(exportPublishedText(generateDocument(makeRandom(7), projects)))

let pool: FileWorkers
afterEach(async () => {
  await pool?.close()
})

describe('import pool', () => {
  it('reads a Word file in a worker, and the next one on the same worker', async () => {
    pool = new FileWorkers()
    for (let i = 0; i < 2; i++) {
      const result = await pool.read(sampleDocx())
      expect(result.ok && result.value.projects.length).toBeGreaterThan(0)
    }
  })

  it('a file needing more than the worker’s heap is refused as too large; the next file is read', async () => {
    pool = new FileWorkers({ ...DEFAULT_FILE_WORKER_LIMITS, memoryMb: 64 })
    // 450,000 cells (under the cell cap): their strings and places need far more than 64 MiB.
    const html = new TextEncoder().encode(`<table>${'<tr><td>指标<td>计划<td>≥90%'.repeat(150_000)}</table>`)
    const refused = await pool.read(html)
    expect(refused.ok ? null : refused.error.message).toMatch(/内存超过上限（64 MiB）/)
    expect((await pool.read(sampleDocx())).ok).toBe(true)
  }, 60_000)

  it('a file taking longer than the time limit is refused as too large', async () => {
    // A limit no real parse of 450 projects can keep, whatever the machine: how fast a machine parses is not the point.
    // (That the pool goes on reading after a worker is ended is the heap test's second half: the same replacement.)
    pool = new FileWorkers({ ...DEFAULT_FILE_WORKER_LIMITS, timeMs: 5 })
    const refused = await pool.read(textOf(450))
    expect(refused.ok ? null : refused.error.message).toMatch(/超过 1 秒仍未完成/)
  }, 60_000)

  it('files beyond the workers and the waiting line are refused as busy', async () => {
    pool = new FileWorkers({ ...DEFAULT_FILE_WORKER_LIMITS, workers: 1, waiting: 1 })
    const reads = [pool.read(sampleDocx()), pool.read(sampleDocx())]
    await expect(pool.read(sampleDocx())).rejects.toBeInstanceOf(FilesBusyError)
    expect((await Promise.all(reads)).every((r) => r.ok)).toBe(true)
  })
})
