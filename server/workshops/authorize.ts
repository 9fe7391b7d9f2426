import type { Result } from '../../shared/result.js'
import type { ConnectionSession } from '../rooms/Connection.js'
import { verifyInvite, type InviteClaims } from './inviteTokens.js'
import type { WorkshopStore } from './WorkshopStore.js'

/**
 * Colours the server gives people: eleven hues far apart (the earlier palette
 * had pairs of near-identical greens, pinks and purples), each dark enough
 * for a white name label (4.5:1 or more).
 */
const COLORS = ['#1565C0', '#C62828', '#2E7D32', '#6A1B9A', '#B34700', '#00737D', '#AD1457', '#6D4C41', '#283593', '#5F6A00', '#455A64']

/** What a connection brings: the token from its link, the person id the server issued it, and the name it chose. */
export interface JoinRequest {
  boardId: string
  token: string | null
  /** From the person's signed credential, never from the query string. */
  personId: string
  name: string | null
  now: number
}

/**
 * A person's colour in a workshop: the one they already have, else the
 * colour fewest people there have (ties broken by the id's hash), so two
 * people on one board rarely share a cursor colour.
 */
export function colorFor(personId: string, people: readonly { id: string; color: string }[] = []): string {
  const known = people.find((person) => person.id === personId)
  if (known) return known.color
  let hash = 0
  for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  const uses = (color: string) => people.filter((person) => person.color === color).length
  const order = COLORS.map((_, index) => COLORS[(hash + index) % COLORS.length])
  return order.reduce((best, color) => (uses(color) < uses(best) ? color : best))
}

/** Cleans a display name: trimmed, control characters dropped, at most 60 characters. */
export function cleanName(name: string | null, fallback: string): string {
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 60)
  return cleaned || fallback
}

/**
 * Checks an invite token against the store: signed by us, for this workshop,
 * a link that exists with the same role, not revoked, not expired. The role
 * it grants comes from the link, never from the caller.
 */
export async function checkInvite(store: WorkshopStore, secret: string, workshopId: string, token: string | null, now: number): Promise<Result<InviteClaims>> {
  const verified = verifyInvite(secret, token, now)
  if (!verified.ok) return verified
  const claims = verified.value
  if (claims.workshopId !== workshopId) return { ok: false, reason: 'inviteOtherWorkshop' }
  const link = await store.getLink(claims.linkId)
  if (!link || link.workshopId !== workshopId || link.role !== claims.role) return { ok: false, reason: 'inviteInvalid', detail: 'invite link is not known' }
  if (link.revokedAt !== null) return { ok: false, reason: 'inviteRevoked' }
  if (link.expiresAt <= now) return { ok: false, reason: 'inviteExpired' }
  return { ok: true, value: { ...claims, expiresAt: Math.min(claims.expiresAt, link.expiresAt) } }
}

/**
 * Decides who a connection is before any document byte is sent: a board in a
 * workshop needs a valid invite for that workshop; the person is the one the
 * server issued the credential to, with the role of the invite they came
 * with, and the name and colour they will show are fixed here.
 */
export async function authorizeJoin(store: WorkshopStore, secret: string, request: JoinRequest): Promise<Result<ConnectionSession | null>> {
  const workshopId = await store.workshopOfBoard(request.boardId)
  if (!workshopId) return { ok: true, value: null }
  const invite = await checkInvite(store, secret, workshopId, request.token, request.now)
  if (!invite.ok) return invite
  const { role, linkId, expiresAt } = invite.value
  const fallback = role === 'facilitator' ? 'Facilitator' : role === 'viewer' ? 'Viewer' : 'Participant'
  const people = await store.listPeople(workshopId)
  const color = colorFor(request.personId, people)
  const session: ConnectionSession = { role, personId: request.personId, name: cleanName(request.name, fallback), color, workshopId, linkId, expiresAt }
  const known = people.find((person) => person.id === session.personId)
  // A returning person with the same name and role costs no write: a reconnect flood must not become a commit flood.
  if (!known || known.name !== session.name || known.role !== role) await store.savePerson({ id: session.personId, workshopId, name: session.name, color, role })
  return { ok: true, value: session }
}
