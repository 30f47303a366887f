/**
 * Serves the built client (dist/client): the page, its hashed assets
 * (cached for good, sent compressed as built) and the service worker with
 * its list of assets (never cached, so updates reach people). Without a build, `/` says how to make one.
 *
 * A hashed asset never changes under its name, so the server reads it from
 * disk once and answers later requests from memory (every page opening asks
 * for a dozen; the whole client, compressed copies included, is a few MB).
 */
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { Hono } from 'hono'
import { REPO_ROOT } from '../repo-root'

export const CLIENT_DIR = join(REPO_ROOT, 'dist/client')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export function staticFiles(dir = CLIENT_DIR): Hono {
  const app = new Hono()
  /** The file, or its copy compressed at build time (`.br`, `.gz`) when the browser takes that encoding. */
  const send = async (path: string, cacheControl: string, acceptEncoding = '') => {
    const encoding = (['br', 'gzip'] as const).find((e) => acceptEncoding.includes(e) && existsSync(`${path}.${e === 'br' ? 'br' : 'gz'}`))
    const body = await readFile(encoding ? `${path}.${encoding === 'br' ? 'br' : 'gz'}` : path)
    const headers: Record<string, string> = { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' }
    if (encoding) headers['Content-Encoding'] = encoding
    return new Response(body, { headers })
  }
  app.get('/', async (c) => {
    const index = join(dir, 'index.html')
    if (!existsSync(index)) {
      return c.html('<!doctype html><meta charset="utf-8"><title>绩效</title><p>编辑器尚未构建：请先运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。</p>', 503)
    }
    return send(index, 'no-cache')
  })
  app.get('/sw.js', (c) => (existsSync(join(dir, 'sw.js')) ? send(join(dir, 'sw.js'), 'no-cache') : c.notFound()))
  app.get('/shell.json', (c) => (existsSync(join(dir, 'shell.json')) ? send(join(dir, 'shell.json'), 'no-cache') : c.notFound()))
  /** Asset bodies read so far, by path and the encoding sent. */
  const assets = new Map<string, { body: ArrayBuffer; headers: Record<string, string> }>()
  app.get('/assets/*', async (c) => {
    const path = normalize(join(dir, c.req.path))
    const accepts = c.req.header('Accept-Encoding') ?? ''
    const key = `${path}\n${accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : ''}`
    const kept = assets.get(key)
    if (kept) return new Response(kept.body, { headers: kept.headers })
    if (!path.startsWith(join(dir, 'assets')) || !statSync(path, { throwIfNoEntry: false })?.isFile()) return c.notFound()
    const response = await send(path, 'public, max-age=31536000, immutable', accepts)
    const body = await response.arrayBuffer()
    const headers = Object.fromEntries(response.headers)
    assets.set(key, { body, headers })
    return new Response(body, { headers })
  })
  return app
}
