/**
 * Service worker: keeps the app shell and every same-origin static file the
 * app loaded, so a board that was open once reopens with the server stopped
 * (its data comes from IndexedDB). Pages are network-first; hashed assets and
 * tldraw's files are cache-first. The sync socket and the API are never cached.
 */
/* The project compiles against the DOM library; these are the few service-worker types used here. */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Promise<Response> | Response): void
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown
  readonly ports: readonly MessagePort[]
}
interface WorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void
}
const worker = self as unknown as WorkerScope

const CACHE = 'kuilu-app-v1'
const SHELL = '/index.html'
const NEVER_CACHED = ['/sync/', '/api/', '/new', '/healthz', '/metrics']

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(SHELL))
      .then(() => worker.skipWaiting()),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(worker.clients.claim())
})

worker.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: string[] }
  if (data?.type !== 'precache' || !Array.isArray(data.urls)) return
  const urls = data.urls.filter(isCacheable)
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.allSettled(urls.map((url) => (url.startsWith('/b/') ? undefined : cache.add(url)))))
      .then(() => event.ports[0]?.postMessage({ type: 'precached', count: urls.length })),
  )
})

worker.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET' || !isCacheable(request.url)) return
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request))
    return
  }
  event.respondWith(cacheFirst(request))
})

function isCacheable(url: string): boolean {
  const parsed = new URL(url, worker.location.origin)
  return parsed.origin === worker.location.origin && !NEVER_CACHED.some((prefix) => parsed.pathname.startsWith(prefix))
}

async function networkFirstShell(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(SHELL, response.clone())
    return response
  } catch {
    return (await cache.match(SHELL)) ?? Response.error()
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}
