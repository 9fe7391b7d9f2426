import type { IncomingMessage, ServerResponse } from 'node:http'
import { createBoardBody, type CreateBoardBody } from '../../shared/protocol/httpBodies.js'
import type { BoardService } from '../boards/BoardService.js'
import type { Logger } from '../log.js'
import type { RoomRegistry } from '../rooms/RoomRegistry.js'
import type { DocStorage } from '../storage/DocStorage.js'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import type { WorkshopStore } from '../workshops/WorkshopStore.js'
import { createCreationLimiter, type CreationLimits } from './creationLimiter.js'
import { handleExportRoute } from './exportRoutes.js'
import { json, readJsonBody, sendRefusal, validated } from './httpUtil.js'
import { setSecurityHeaders } from './securityHeaders.js'
import { serveStatic } from './serveStatic.js'
import { createTaskQueue } from './taskQueue.js'
import { handleWorkshopRoute } from './workshopRoutes.js'

/** Imports waiting for their turn beyond the one that builds; more are refused with 429 rather than held in memory. */
export const MAX_WAITING_IMPORTS = 8

/** What the HTTP routes read and write. */
export interface HttpDeps {
  storage: DocStorage
  /** Creates boards, each in one transaction with its content and workshop. */
  boards: BoardService
  registry: RoomRegistry
  log: Logger
  /** The built client (vite's outDir); null serves no client, as in API-only tests. */
  distDir: string | null
  connectionCount: () => number
  /** Null on a server without workshops. */
  workshops: WorkshopService | null
  workshopStore: WorkshopStore | null
  /** How many boards one address may create (ServerLimits). */
  limits: CreationLimits
}

/** The routes that create a board, each limited per address: `/new`, the board and workshop creation calls, a workshop's new board, and import. */
const CREATION_ROUTES = /^(?:GET \/new|POST \/api\/boards|POST \/api\/boards\/import|POST \/api\/workshops|POST \/api\/workshops\/[0-9a-f-]{36}\/boards)$/

/** The JSON API, health and metrics, and the built client with SPA fallback for /b/<id>; every answer carries the security headers. */
export function createHttpHandler(deps: HttpDeps) {
  const { storage, registry, log, distDir } = deps
  const startedAt = Date.now()
  const limiter = createCreationLimiter(deps.limits)
  const exportDeps = { docs: storage, boards: deps.boards, workshops: deps.workshopStore, service: deps.workshops, imports: createTaskQueue(1, MAX_WAITING_IMPORTS) }

  const routes = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const method = request.method ?? 'GET'
    const path = url.pathname
    if (method === 'GET' && path === '/healthz') return json(response, 200, { ok: true, storage: storage.kind, uptimeMs: Date.now() - startedAt })
    if (method === 'GET' && path === '/metrics') {
      const memory = process.memoryUsage()
      return json(response, 200, { rooms: registry.size, connections: deps.connectionCount(), heapUsed: memory.heapUsed, rss: memory.rss })
    }
    if (CREATION_ROUTES.test(`${method} ${path}`)) {
      const allowance = limiter.take(request.socket.remoteAddress)
      if (!allowance.ok) return sendRefusal(response, { reason: 'rateLimited', params: { retryAfterSeconds: allowance.retryAfterSeconds }, detail: 'too many new boards from this address' })
    }
    if (await handleBoardRoute(deps.boards, request, response, url)) return
    if (deps.workshops && (await handleWorkshopRoute(deps.workshops, request, response, url))) return
    if (await handleExportRoute(exportDeps, request, response, url)) return
    if (path.startsWith('/api/')) return sendRefusal(response, 'notFound')
    serveClient(distDir, method, path, response)
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    setSecurityHeaders(request, response)
    const url = requestUrl(request)
    if (!url) return sendRefusal(response, 'badRequest')
    routes(request, response, url).catch((error) => {
      log.error('request failed', { path: url.pathname, error: String(error) })
      if (!response.headersSent) sendRefusal(response, 'internal')
      else response.destroy()
    })
  }
}

/** `GET /new` (a redirect to a new board) and `POST /api/boards` (its id): open boards, blank or from a template. Returns false for other paths. */
async function handleBoardRoute(boards: BoardService, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const method = request.method ?? 'GET'
  // The seed is committed before the id is handed out.
  const create = ({ template, language }: CreateBoardBody) =>
    boards.create({ content: template ? { kind: 'template', template, language: language ?? 'en' } : { kind: 'empty', language } })
  if (method === 'GET' && url.pathname === '/new') {
    // The home page's links name `template` and `lang`; other parameters (a tracking tag, say) are not ours to refuse.
    const choice = validated(createBoardBody, { template: url.searchParams.get('template') || undefined, language: url.searchParams.get('lang') || undefined })
    if (!choice.ok) return sendRefusal(response, choice), true
    response.writeHead(302, { location: `/b/${await create(choice.value)}`, 'cache-control': 'no-store' })
    return response.end(), true
  }
  if (url.pathname !== '/api/boards') return false
  if (method !== 'POST') return sendRefusal(response, 'methodNotAllowed'), true
  const body = await readJsonBody(request, createBoardBody)
  if (!body.ok) return sendRefusal(response, body), true
  return json(response, 201, { id: await create(body.value) }), true
}

/** The built client: its files, and the app shell for / and /b/<id> (the SPA's own routes); anything else is 404. */
function serveClient(distDir: string | null, method: string, path: string, response: ServerResponse): void {
  if (method !== 'GET' && method !== 'HEAD') return sendRefusal(response, 'methodNotAllowed')
  if (distDir === null) return sendRefusal(response, 'notFound')
  if (path !== '/' && serveStatic(distDir, path, response)) return
  if (path !== '/' && !path.startsWith('/b/')) return sendRefusal(response, 'notFound')
  if (!serveStatic(distDir, '/index.html', response)) sendRefusal(response, 'clientNotBuilt')
}

/** The request's URL, or null when it cannot be parsed (which must answer 400, not throw outside every handler). */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://localhost')
  } catch {
    return null
  }
}
