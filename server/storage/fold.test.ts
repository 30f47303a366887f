/**
 * A compaction's folding in a real worker thread gives what folding here
 * gives; a large log goes to the workers, a small one stays, and a log
 * that finds every worker busy is folded here rather than left to grow.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_FILE_WORKER_LIMITS, FilesBusyError, FileWorkers } from '../files/file-workers'
import type { LoggedUpdate } from './document-log'
import { foldHere, offThreadFold, type Fold } from './fold'

/** A log of `edits` updates by two people, each a few characters typed into one text. */
function log(edits: number): { pieces: Uint8Array[]; tail: LoggedUpdate[] } {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  const tail: LoggedUpdate[] = []
  for (let i = 0; i < edits; i++) {
    const before = Y.encodeStateVector(doc)
    text.insert(text.length, `第${i}字；`)
    if (i % 7 === 3) text.delete(0, 2)
    tail.push({ update: Y.encodeStateAsUpdate(doc, before), by: i % 2 ? 'zhangwei' : 'lina', at: 1_000 + i * 50 })
  }
  return { pieces: tail.map((u) => u.update), tail }
}

const textOf = (state: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc.getText('t').toString()
}

let pool: FileWorkers
afterEach(async () => {
  await pool?.close()
})

describe('folding a compaction', () => {
  it('in a worker gives the state and the edit sessions that folding here gives', async () => {
    pool = new FileWorkers()
    const { pieces, tail } = log(2_000)
    const here = await foldHere(pieces, tail, [])
    const there = await pool.fold(pieces, tail, [])
    expect(Buffer.from(there.state).equals(Buffer.from(here.state))).toBe(true)
    expect(there.activity).toEqual(here.activity)
    expect(there.activity.map((e) => e.by)).toContain('zhangwei')
    expect(textOf(there.state)).toMatch(/第1999字；$/)
  })

  it('sends a large log to the workers and folds a small one here', async () => {
    pool = new FileWorkers()
    let sent = 0
    const fold = offThreadFold({ fold: (pieces, tail, steps) => (sent++, pool.fold(pieces, tail, steps)) }, (error) => error instanceof FilesBusyError, 4 * 1024)
    const small = log(20)
    expect(textOf((await fold(small.pieces, small.tail, [])).state)).toMatch(/第19字；$/)
    expect(sent).toBe(0)
    const large = log(500)
    expect(textOf((await fold(large.pieces, large.tail, [])).state)).toMatch(/第499字；$/)
    expect(sent).toBe(1)
  })

  it('folds here when every worker is busy', async () => {
    pool = new FileWorkers({ ...DEFAULT_FILE_WORKER_LIMITS, workers: 1, waiting: 0 })
    const fold: Fold = offThreadFold(pool, (error) => error instanceof FilesBusyError, 0)
    const docx = new Uint8Array(readFileSync(new URL('../../test/fixtures/formats/zhengfawei-2022.libreoffice.docx', import.meta.url)))
    const reading = pool.read(docx)
    const { pieces, tail } = log(300)
    expect(textOf((await fold(pieces, tail, [])).state)).toMatch(/第299字；$/)
    expect((await reading).ok).toBe(true)
  })
})
