import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sourceFingerprint } from './source-fingerprint'

const SOURCES = ['client', 'shared']

describe('sourceFingerprint', () => {
  const roots: string[] = []
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })))

  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-build-'))
    roots.push(root)
    mkdirSync(join(root, 'client'))
    mkdirSync(join(root, 'shared'))
    writeFileSync(join(root, 'client/main.tsx'), 'export {}')
    writeFileSync(join(root, 'shared/model.ts'), 'export const a = 1')
    return root
  }

  it('changes when a source the build reads changes, and not for tests', () => {
    const root = tree()
    const before = sourceFingerprint(root, SOURCES)
    expect(sourceFingerprint(root, SOURCES)).toBe(before)

    writeFileSync(join(root, 'shared/model.test.ts'), 'it()')
    expect(sourceFingerprint(root, SOURCES)).toBe(before)

    writeFileSync(join(root, 'shared/model.ts'), 'export const a = 2')
    utimesSync(join(root, 'shared/model.ts'), new Date(), new Date(Date.now() + 5000))
    expect(sourceFingerprint(root, SOURCES)).not.toBe(before)
  })

  it('changes when a file is added', () => {
    const root = tree()
    const before = sourceFingerprint(root, SOURCES)
    writeFileSync(join(root, 'client/page.tsx'), 'export {}')
    expect(sourceFingerprint(root, SOURCES)).not.toBe(before)
  })
})
