/**
 * shared/ must run anywhere: it may import only Yjs, lib0, the
 * Tiptap/ProseMirror packages and the isomorphic file-format libraries
 * (docx to write Word files, fflate to unzip them, exceljs for Excel), and no Node built-ins
 * or DOM. Checked two
 * ways: by reading every import, and by loading every module in a plain
 * Node process that has no DOM globals.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SHARED = fileURLToPath(new URL('../shared', import.meta.url))
const ALLOWED = /^(\.{1,2}\/|yjs$|lib0(\/|$)|y-protocols(\/|$)|@tiptap\/(core|pm|y-tiptap)(\/|$)|prosemirror-|docx$|fflate$|exceljs$)/

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })

describe('shared/ is isomorphic', () => {
  const files = sources(SHARED)

  it('imports nothing but relative modules, Yjs, lib0, Tiptap/ProseMirror, docx, fflate and exceljs', () => {
    const offending = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((specifier) => !ALLOWED.test(specifier))
        .map((specifier) => `${relative(SHARED, file)}: ${specifier}`),
    )
    expect(offending).toEqual([])
    expect(files.length).toBeGreaterThan(10)
  })

  it('loads every module in plain Node, with no DOM', () => {
    const script = `
      if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('DOM present')
      for (const file of ${JSON.stringify(files)}) await import(file)
      console.log('loaded')`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(out.trim()).toBe('loaded')
  })
})
