import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { createBoardId } from '../../shared/schema/boardId.js'
import { isTemplateName, TEMPLATE_NAMES, type TemplateLanguage, type TemplateName } from '../../shared/templates/templates.js'
import { templateUpdate } from '../boards/seedFromTemplate.js'
import type { Logger } from '../log.js'
import type { RoomRegistry } from '../rooms/RoomRegistry.js'
import type { DocStorage } from '../storage/DocStorage.js'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import type { WorkshopStore } from '../workshops/WorkshopStore.js'
import { handleExportRoute } from './exportRoutes.js'
import { json, readJson } from './httpUtil.js'
import { serveStatic } from './serveStatic.js'
import { handleWorkshopRoute } from './workshopRoutes.js'

/** What the HTTP routes read and write. */
export interface HttpDeps {
  storage: DocStorage
  registry: RoomRegistry
  log: Logger
  /** The built client (vite's outDir); null serves no client, as in API-only tests. */
  distDir: string | null
  connectionCount: () => number
  /** Null on a server without workshops. */
  workshops: WorkshopService | null
  workshopStore: WorkshopStore | null
}

/** The JSON API, health and metrics, and the built client with SPA fallback for /b/<id>. */
export function createHttpHandler(deps: HttpDeps) {
  const { storage, registry, log, distDir } = deps
  const startedAt = Date.now()

  /** Creates a board, seeded from a template when one is named; the seed is committed before the id is handed out. */
  const createBoard = async (template: TemplateName | null, language: TemplateLanguage): Promise<string> => {
    const id = createBoardId()
    await storage.createBoard(id, Date.now())
    if (template) await storage.appendUpdates(id, [templateUpdate(template, language)])
    log.info('board created', { room: id, template: template ?? undefined, language })
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
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams
      const choice = parseTemplateChoice(query.get('template'), query.get('lang'))
      if (!choice.ok) return json(response, 400, { error: choice.reason })
      const id = await createBoard(choice.template, choice.language)
      response.writeHead(302, { location: `/b/${id}`, 'cache-control': 'no-store' })
      return void response.end()
    }
    if (method === 'POST' && path === '/api/boards') {
      const body = (await readJson(request)) as { template?: unknown; language?: unknown } | null
      const choice = parseTemplateChoice(body?.template ?? null, body?.language ?? null)
      if (!choice.ok) return json(response, 400, { error: choice.reason })
      return json(response, 201, { id: await createBoard(choice.template, choice.language) })
    }
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (deps.workshops && (await handleWorkshopRoute(deps.workshops, request, response, url))) return
    if (await handleExportRoute({ docs: storage, workshops: deps.workshopStore, service: deps.workshops }, request, response, url)) return
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

type TemplateChoice = { ok: true; template: TemplateName | null; language: TemplateLanguage } | { ok: false; reason: string }

/** Reads `template` and `lang` of a new board; both optional, both checked. */
function parseTemplateChoice(template: unknown, language: unknown): TemplateChoice {
  if (language !== null && language !== undefined && language !== 'en' && language !== 'fi') {
    return { ok: false, reason: 'language must be "en" or "fi"' }
  }
  const lang: TemplateLanguage = language === 'fi' ? 'fi' : 'en'
  if (template === null || template === undefined || template === '') return { ok: true, template: null, language: lang }
  if (typeof template !== 'string' || !isTemplateName(template)) {
    return { ok: false, reason: `unknown template; use one of: ${TEMPLATE_NAMES.join(', ')}` }
  }
  return { ok: true, template, language: lang }
}

