import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { createBoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { RoomRegistry } from '../rooms/RoomRegistry.js'
import type { DocStorage } from '../storage/DocStorage.js'
import { serveStatic } from './serveStatic.js'

/** What the HTTP routes read and write. */
export interface HttpDeps {
  storage: DocStorage
  registry: RoomRegistry
  log: Logger
  /** The built client (vite's outDir); null serves no client, as in API-only tests. */
  distDir: string | null
  connectionCount: () => number
}

/** The JSON API, health and metrics, and the built client with SPA fallback for /b/<id>. */
export function createHttpHandler(deps: HttpDeps) {
  const { storage, registry, log, distDir } = deps
  const startedAt = Date.now()

  const createBoard = async (): Promise<string> => {
    const id = createBoardId()
    await storage.createBoard(id, Date.now())
    log.info('board created', { room: id })
    return id
  }

  const routes = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const method = request.method ?? 'GET'
    if (method === 'GET' && path === '/healthz') {
      return json(response, 200, { ok: true, storage: storage.kind, uptimeMs: Date.now() - startedAt })
    }
    if (method === 'GET' && path === '/metrics') {
      const memory = process.memoryUsage()
      return json(response, 200, { rooms: registry.size, connections: deps.connectionCount(), heapUsed: memory.heapUsed, rss: memory.rss })
    }
    if (method === 'GET' && path === '/new') {
      const id = await createBoard()
      response.writeHead(302, { location: `/b/${id}`, 'cache-control': 'no-store' })
      return void response.end()
    }
    if (method === 'POST' && path === '/api/boards') {
      return json(response, 201, { id: await createBoard() })
    }
    if (path.startsWith('/api/')) return json(response, 404, { error: 'not found' })
    if (method !== 'GET' && method !== 'HEAD') return json(response, 405, { error: 'method not allowed' })
    if (distDir === null) return json(response, 404, { error: 'not found' })
    if (path !== '/' && serveStatic(distDir, path, response)) return
    if (path === '/' || path.startsWith('/b/')) {
      if (serveStatic(distDir, '/index.html', response)) return
      return json(response, 503, { error: `client not built: run npm run build (looked in ${join(distDir, 'index.html')})` })
    }
    return json(response, 404, { error: 'not found' })
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    routes(request, response, path).catch((error) => {
      log.error('request failed', { path, error: String(error) })
      if (!response.headersSent) json(response, 500, { error: 'internal error' })
      else response.destroy()
    })
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}
