import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { staticFiles } from './static-files'

/** A built client of one script, with its compressed copies. */
function builtClient() {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-static-'))
  mkdirSync(join(dir, 'assets'))
  const script = 'console.log("编辑器")'
  writeFileSync(join(dir, 'index.html'), '<!doctype html>')
  writeFileSync(join(dir, 'assets/app-1a2b.js'), script)
  writeFileSync(join(dir, 'assets/app-1a2b.js.br'), brotliCompressSync(script))
  writeFileSync(join(dir, 'assets/app-1a2b.js.gz'), gzipSync(script))
  return { dir, script }
}

const get = (app: ReturnType<typeof staticFiles>, path: string, encoding?: string) =>
  app.request(path, encoding === undefined ? {} : { headers: { 'Accept-Encoding': encoding } })

describe('the built client’s assets', () => {
  it('are sent as the browser takes them, cached for good, and answered from memory once read', async () => {
    const { dir, script } = builtClient()
    const app = staticFiles(dir)
    const brotli = await get(app, '/assets/app-1a2b.js', 'gzip, deflate, br')
    expect([brotli.headers.get('Content-Encoding'), brotli.headers.get('Cache-Control')]).toEqual(['br', 'public, max-age=31536000, immutable'])
    const gzip = await get(app, '/assets/app-1a2b.js', 'gzip')
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip')
    const plain = await get(app, '/assets/app-1a2b.js')
    expect([plain.headers.get('Content-Encoding'), plain.headers.get('Content-Type'), await plain.text()]).toEqual([null, 'text/javascript; charset=utf-8', script])
    // Gone from the disk (a rebuild replaced it), a page already holding its name still gets it, as each encoding.
    rmSync(join(dir, 'assets'), { recursive: true })
    expect(await (await get(app, '/assets/app-1a2b.js')).text()).toBe(script)
    const again = await get(app, '/assets/app-1a2b.js', 'br')
    expect(Buffer.from(await again.arrayBuffer())).toEqual(brotliCompressSync(script))
    expect((await get(app, '/assets/other-3c4d.js')).status).toBe(404)
    rmSync(dir, { recursive: true })
  })

  it('never leaves the assets folder', async () => {
    const { dir } = builtClient()
    const app = staticFiles(join(dir))
    expect((await get(app, '/assets/../index.html')).status).toBe(404)
    expect((await get(app, '/assets/%2e%2e/index.html')).status).toBe(404)
    rmSync(dir, { recursive: true })
  })
})
