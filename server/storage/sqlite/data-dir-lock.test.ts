/** The data directory's lock within one process: held until released, then free again. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './data-dir-lock'

describe('lockDataDir', () => {
  it('refuses a second holder until the first releases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-lock-'))
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    first.release()
    lockDataDir(dir).release()
  })
})
