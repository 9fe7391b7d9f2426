import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { ConnectionSession } from '../rooms/Room.js'
import { verifyInvite } from './inviteTokens.js'
import type { WorkshopStore } from './WorkshopStore.js'

/** Colours the server gives people, by person id, so a name always shows in the same colour. */
const COLORS = ['#02B1CC', '#11B3A3', '#39B178', '#55B467', '#7B66DC', '#9D5BD2', '#BD54C6', '#E34BA9', '#EC5E41', '#F04F88', '#F2555A', '#FF802B']
const PERSON_ID = /^[A-Za-z0-9_-]{16,64}$/

/** What a connection asks to be: the token from its link, and the person id and name it keeps on its device. */
export interface JoinRequest {
  boardId: string
  token: string | null
  personId: string | null
  name: string | null
  now: number
}

/** The session to bind, null for an open board, or the close code that refuses the connection. */
export type JoinResult = { ok: true; session: ConnectionSession | null } | { ok: false; code: CloseCode; reason: string }

/** A person's colour: the same for the same id. */
export function colorFor(personId: string): string {
  let hash = 0
  for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return COLORS[hash % COLORS.length]
}

/** Cleans a display name: trimmed, control characters dropped, at most 60 characters. */
export function cleanName(name: string | null, fallback: string): string {
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 60)
  return cleaned || fallback
}

/**
 * Decides who a connection is before any document byte is sent: a board in a
 * workshop needs a valid, unrevoked, unexpired token for that workshop; the
 * name and colour it will show are fixed here, from the invite and the store.
 */
export async function authorizeJoin(store: WorkshopStore, secret: string, request: JoinRequest, newPersonId: () => string): Promise<JoinResult> {
  const workshopId = await store.workshopOfBoard(request.boardId)
  if (!workshopId) return { ok: true, session: null }
  const verified = verifyInvite(secret, request.token, request.now)
  if (!verified.ok) {
    const code = verified.problem === 'missing' ? CloseCode.inviteRequired : verified.problem === 'expired' ? CloseCode.inviteExpired : CloseCode.inviteInvalid
    return { ok: false, code, reason: verified.reason }
  }
  const claims = verified.value
  if (claims.workshopId !== workshopId) return { ok: false, code: CloseCode.inviteInvalid, reason: 'invite link is for another workshop' }
  const link = await store.getLink(claims.linkId)
  if (!link || link.workshopId !== workshopId || link.role !== claims.role) return { ok: false, code: CloseCode.inviteInvalid, reason: 'invite link is not known' }
  if (link.revokedAt !== null) return { ok: false, code: CloseCode.inviteRevoked, reason: 'invite link was revoked' }
  if (link.expiresAt <= request.now) return { ok: false, code: CloseCode.inviteExpired, reason: 'invite link has expired' }
  const personId = request.personId && PERSON_ID.test(request.personId) ? request.personId : newPersonId()
  const fallback = claims.role === 'facilitator' ? 'Facilitator' : claims.role === 'viewer' ? 'Viewer' : 'Participant'
  const session: ConnectionSession = { role: claims.role, personId, name: cleanName(request.name, fallback), color: colorFor(personId), workshopId, linkId: link.id }
  await store.savePerson({ id: personId, workshopId, name: session.name, color: session.color, role: session.role })
  return { ok: true, session }
}
