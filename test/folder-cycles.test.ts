/**
 * No folder of client/, server/ or shared/ imports, directly or through
 * others, a folder that imports it back: the layers stay layers. A folder
 * is a top folder's subfolder with everything below it (`server/storage`
 * holds `server/storage/sqlite`); a file directly in a top folder
 * (`server/log.ts`) stands for itself. Type-only imports count (they are
 * the same dependency, erased later). Tests do not: a test may build its
 * fixtures with a layer above the one it tests.
 *
 * A failure names each import that closes a cycle, to move the module
 * that both sides need (or the one in the wrong layer) to where it belongs.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseSync } from 'vite'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TOPS = ['client', 'server', 'shared']

/** folder → folder it imports → one import that says so (`file → specifier`). */
type FolderGraph = Map<string, Map<string, string>>

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [path] : []
  })

const folderOf = (file: string): string => relative(ROOT, file).split('/').slice(0, 2).join('/')

type Node = { type?: string; source?: Node | null; id?: Node; value?: unknown }

/**
 * Every module a source file names: imports (type-only included), re-exports, dynamic imports and type queries
 * (`import('x').T`) by a string, and modules it augments (`declare module 'x'`).
 */
function specifiersOf(file: string): string[] {
  const found: string[] = []
  const literal = (node: Node | null | undefined) => {
    if (node?.type === 'Literal' && typeof node.value === 'string') found.push(node.value)
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const { source, id, type } = node as Node
    literal(source)
    if (type === 'TSModuleDeclaration') literal(id)
    Object.values(node).forEach(walk)
  }
  walk(parseSync(file, readFileSync(file, 'utf8')).program)
  return found
}

/** The file an import names, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@shared/') ? join(ROOT, 'shared', specifier.slice('@shared/'.length)) : specifier.startsWith('.') ? resolve(dirname(from), specifier) : null
  if (base === null) return null
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
  return found ?? base
}

function folderGraph(): { graph: FolderGraph; files: number } {
  const graph: FolderGraph = new Map()
  const files = TOPS.flatMap((top) => sources(join(ROOT, top)))
  for (const file of files) {
    for (const specifier of specifiersOf(file)) {
      const target = resolveImport(file, specifier)
      if (target === null || !TOPS.includes(relative(ROOT, target).split('/')[0]!)) continue
      const [from, to] = [folderOf(file), folderOf(target)]
      if (from === to) continue
      const out = graph.get(from) ?? new Map<string, string>()
      if (!out.has(to)) out.set(to, `${relative(ROOT, file)} → ${specifier}`)
      graph.set(from, out)
    }
  }
  return { graph, files: files.length }
}

/** Each group of folders that import one another in a ring (Tarjan's strongly connected components), with the imports inside it. */
function cycles(graph: FolderGraph): string[][] {
  const order = new Map<string, number>()
  const lowest = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (folder: string) => {
    order.set(folder, order.size)
    lowest.set(folder, order.get(folder)!)
    stack.push(folder)
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!order.has(next)) {
        visit(next)
        lowest.set(folder, Math.min(lowest.get(folder)!, lowest.get(next)!))
      } else if (stack.includes(next)) lowest.set(folder, Math.min(lowest.get(folder)!, order.get(next)!))
    }
    if (lowest.get(folder) !== order.get(folder)) return
    const ring = stack.splice(stack.indexOf(folder))
    if (ring.length > 1) found.push(ring.flatMap((a) => [...(graph.get(a) ?? [])].filter(([b]) => ring.includes(b)).map(([b, why]) => `${a} → ${b} (${why})`)))
  }
  for (const folder of graph.keys()) if (!order.has(folder)) visit(folder)
  return found
}

describe('folders import one another one way only', () => {
  it('finds a ring of folders, and only a ring', () => {
    const graph: FolderGraph = new Map([
      ['a', new Map([['b', 'a/x.ts → ../b/y']])],
      ['b', new Map([['c', 'b/y.ts → ../c/z']])],
      ['c', new Map([['a', 'c/z.ts → ../a/x'], ['d', 'c/z.ts → ../d/w']])],
      ['d', new Map()],
    ])
    const found = cycles(graph)
    expect(found).toHaveLength(1)
    expect([...found[0]!].sort()).toEqual(['a → b (a/x.ts → ../b/y)', 'b → c (b/y.ts → ../c/z)', 'c → a (c/z.ts → ../a/x)'])
    expect(cycles(new Map([['a', new Map([['b', '']])], ['b', new Map()]]))).toEqual([])
  })

  it('has no cycle among the folders of client/, server/ and shared/', () => {
    const { graph, files } = folderGraph()
    // The graph read what it should: every source file, and the imports between folders.
    expect(files).toBeGreaterThan(300)
    expect([...graph.values()].reduce((n, out) => n + out.size, 0)).toBeGreaterThan(50)
    expect(graph.get('server/http')?.has('server/documents')).toBe(true)
    expect(cycles(graph)).toEqual([])
  })
})
