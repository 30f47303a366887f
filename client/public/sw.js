/*
 * The service worker: keeps the app shell so that a reload with no network
 * still opens the app; documents themselves live in IndexedDB. Built assets
 * (hashed names) are cache-first; pages are network-first, falling back to
 * the cache.
 *
 * It never answers the API (/api/…) from its cache: one cache serves every
 * account of the browser, and a kept answer would come back as if the server
 * had just sent it (an old list looking live, or another person's). API reads
 * go to the network; offline they fail and the page says so. The document
 * list kept for offline use is the page's, per account (`kept-list.ts`).
 */
// v3: v2 held /api/docs and /api/me, shared by every account; activating this one deletes them.
const CACHE = 'jixiao-shell-v3'
const NETWORK_FIRST = ['/', '/index.html']

/** The page and every script and style of the app (shell.json, written by the build), so the first offline reload already opens a document. */
async function precache() {
  const cache = await caches.open(CACHE)
  const page = await fetch('/')
  const html = await page.clone().text()
  await cache.put('/', page)
  const listed = await fetch('/shell.json').then((r) => (r.ok ? r.json() : []), () => [])
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  await cache.addAll([...new Set([...named, ...listed])])
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  )
})

async function networkFirst(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(request, response.clone())
    return response
  } catch (error) {
    const cached = (await cache.match(request)) ?? (request.mode === 'navigate' ? await cache.match('/') : undefined)
    if (cached) return cached
    throw error
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(event.request))
  else if (event.request.mode === 'navigate' || NETWORK_FIRST.includes(url.pathname)) event.respondWith(networkFirst(event.request))
})
