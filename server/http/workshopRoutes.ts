import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import { json, readJson, refusalStatus, tokenOf } from './httpUtil.js'

const WORKSHOP_PATH = /^\/api\/workshops\/([0-9a-f-]{36})(?:\/(boards|links\/([0-9a-f-]{36})\/(revoke|rotate|expiry)))?$/

/** The origin links are built on: the Host the facilitator used. */
function originOf(request: IncomingMessage): string {
  const proto = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'
  return `${proto}://${request.headers.host ?? 'localhost'}`
}

/**
 * The workshop API: create a workshop (no token: anyone who reaches the
 * server may start one), read it (any valid link), and the facilitator's
 * calls to add boards and revoke, rotate or re-date links. Returns false
 * when the path is not a workshop route.
 */
export async function handleWorkshopRoute(service: WorkshopService, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const method = request.method ?? 'GET'
  if (url.pathname === '/api/workshops' && method === 'POST') {
    const body = (await readJson(request)) as { title?: unknown; language?: unknown } | null
    const title = typeof body?.title === 'string' ? body.title.trim().slice(0, 200) : ''
    if (!title) return json(response, 400, { error: 'title is required' }), true
    if (body?.language !== 'fi' && body?.language !== 'en') return json(response, 400, { error: 'language must be "en" or "fi"' }), true
    json(response, 201, await service.create({ title, language: body.language }, originOf(request)))
    return true
  }
  const match = WORKSHOP_PATH.exec(url.pathname)
  if (!match) return false
  const [, workshopId, sub, linkId, linkAction] = match
  const needsFacilitator = sub !== undefined
  const claims = await service.authorizeApi(workshopId, tokenOf(request, url), needsFacilitator ? 'facilitator' : undefined)
  if (!claims.ok) return json(response, refusalStatus(claims.reason), { error: claims.reason }), true
  const origin = originOf(request)
  if (!sub && method === 'GET') return json(response, 200, await service.describe(workshopId, claims.value, origin)), true
  if (sub === 'boards' && method === 'POST') {
    const body = (await readJson(request)) as { template?: unknown } | null
    return json(response, 201, { boardId: await service.addBoard(workshopId, typeof body?.template === 'string' ? body.template : null) }), true
  }
  if (linkId && method === 'POST') {
    if (linkAction === 'revoke') {
      const isDone = await service.revokeLink(workshopId, linkId)
      return json(response, isDone ? 200 : 404, isDone ? { revoked: linkId } : { error: 'no such link' }), true
    }
    const body = (await readJson(request)) as { expiresAt?: unknown } | null
    if (linkAction === 'expiry' && (typeof body?.expiresAt !== 'number' || !Number.isFinite(body.expiresAt))) return json(response, 400, { error: 'expiresAt must be epoch milliseconds' }), true
    const link = linkAction === 'rotate' ? await service.rotateLink(workshopId, linkId, origin) : await service.setLinkExpiry(workshopId, linkId, body!.expiresAt as number, origin)
    return json(response, link ? 200 : 404, link ?? { error: 'no such link' }), true
  }
  json(response, 405, { error: 'method not allowed' })
  return true
}
