import type { IncomingMessage, ServerResponse } from 'node:http'
import { addWorkshopBoardBody, createWorkshopBody, emptyBody, linkExpiryBody } from '../../shared/protocol/httpBodies.js'
import { isBoardId } from '../../shared/schema/boardId.js'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import type { InviteClaims } from '../workshops/inviteTokens.js'
import { json, readJsonBody, sendRefusal, tokenOf } from './httpUtil.js'

const WORKSHOP_PATH = /^\/api\/workshops\/([0-9a-f-]{36})(?:\/(boards|links\/([0-9a-f-]{36})\/(revoke|rotate|expiry)))?$/
const BOARD_WORKSHOP_PATH = /^\/api\/boards\/([^/]+)\/workshop$/

/** The origin links are built on: the Host the facilitator used. */
function originOf(request: IncomingMessage): string {
  const proto = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'
  return `${proto}://${request.headers.host ?? 'localhost'}`
}

/**
 * The workshop API: create a workshop (no token: anyone who reaches the
 * server may start one), read it (any valid link) by its id or by one of
 * its boards (`GET /api/boards/<board>/workshop`: how a device that opened
 * a link learns the workshop it belongs to), and the facilitator's calls to
 * add boards and revoke, rotate or re-date links. The token is checked
 * before a body is read. Returns false when the path is not a workshop route.
 */
export async function handleWorkshopRoute(service: WorkshopService, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const method = request.method ?? 'GET'
  const ofBoard = BOARD_WORKSHOP_PATH.exec(url.pathname)
  if (ofBoard) {
    if (method !== 'GET') return sendRefusal(response, 'methodNotAllowed'), true
    const workshopId = isBoardId(ofBoard[1]) ? await service.workshopOfBoard(ofBoard[1]) : null
    if (!workshopId) return sendRefusal(response, 'notInWorkshop'), true
    const claims = await service.authorizeApi(workshopId, tokenOf(request, url))
    if (!claims.ok) return sendRefusal(response, claims), true
    return json(response, 200, await service.describe(workshopId, claims.value, originOf(request))), true
  }
  if (url.pathname === '/api/workshops') {
    if (method !== 'POST') return sendRefusal(response, 'methodNotAllowed'), true
    const body = await readJsonBody(request, createWorkshopBody)
    if (!body.ok) return sendRefusal(response, body), true
    const { title, language, template } = body.value
    json(response, 201, await service.create({ title: title.trim(), language, template }, originOf(request)))
    return true
  }
  const match = WORKSHOP_PATH.exec(url.pathname)
  if (!match) return false
  const [, workshopId, sub, linkId, linkAction] = match
  const allowed = sub === undefined ? 'GET' : 'POST'
  if (method !== allowed) return sendRefusal(response, 'methodNotAllowed'), true
  const claims = await service.authorizeApi(workshopId, tokenOf(request, url), sub === undefined ? undefined : 'facilitator')
  if (!claims.ok) return sendRefusal(response, claims), true
  const call: WorkshopCall = { service, request, response, workshopId, origin: originOf(request) }
  if (sub === undefined) await describe(call, claims.value)
  else if (sub === 'boards') await addBoard(call)
  else await changeLink(call, linkId, linkAction as LinkAction)
  return true
}

/** One authorized call on one workshop. */
interface WorkshopCall {
  service: WorkshopService
  request: IncomingMessage
  response: ServerResponse
  workshopId: string
  origin: string
}

type LinkAction = 'revoke' | 'rotate' | 'expiry'

async function describe({ service, response, workshopId, origin }: WorkshopCall, claims: InviteClaims): Promise<void> {
  json(response, 200, await service.describe(workshopId, claims, origin))
}

async function addBoard({ service, request, response, workshopId }: WorkshopCall): Promise<void> {
  const body = await readJsonBody(request, addWorkshopBoardBody)
  if (!body.ok) return sendRefusal(response, body)
  json(response, 201, { boardId: await service.addBoard(workshopId, body.value.template ?? null) })
}

/** Revokes, rotates or re-dates a link of the workshop; an unknown link, or another workshop's, is `linkNotFound`. */
async function changeLink({ service, request, response, workshopId, origin }: WorkshopCall, linkId: string, action: LinkAction): Promise<void> {
  if (action === 'expiry') {
    const body = await readJsonBody(request, linkExpiryBody)
    if (!body.ok) return sendRefusal(response, body)
    const link = await service.setLinkExpiry(workshopId, linkId, body.value.expiresAt, origin)
    return link ? json(response, 200, link) : sendRefusal(response, 'linkNotFound')
  }
  const body = await readJsonBody(request, emptyBody)
  if (!body.ok) return sendRefusal(response, body)
  if (action === 'rotate') {
    const link = await service.rotateLink(workshopId, linkId, origin)
    return link ? json(response, 200, link) : sendRefusal(response, 'linkNotFound')
  }
  return (await service.revokeLink(workshopId, linkId)) ? json(response, 200, { revoked: linkId }) : sendRefusal(response, 'linkNotFound')
}
