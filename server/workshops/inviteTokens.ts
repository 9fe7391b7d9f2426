import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Role } from '../../shared/rules/roles.js'
import type { Result } from '../../shared/result.js'

/** What an invite token grants: a role in a workshop until a time, through one link that can be revoked. */
export interface InviteClaims {
  workshopId: string
  role: Role
  /** Epoch ms; the token is refused from then on. */
  expiresAt: number
  linkId: string
}

const VERSION = 'k1'
const ROLES = new Set(['facilitator', 'participant', 'viewer'])

/** Signs claims with HMAC-SHA256: `k1.<base64url claims>.<base64url signature>`. */
export function signInvite(secret: string, claims: InviteClaims): string {
  const body = Buffer.from(JSON.stringify({ w: claims.workshopId, r: claims.role, e: claims.expiresAt, l: claims.linkId })).toString('base64url')
  return `${VERSION}.${body}.${mac(secret, body)}`
}

/** Checks a token's form, signature and expiry (not revocation: that needs the database). */
export function verifyInvite(secret: string, token: string | null | undefined, now: number): Result<InviteClaims> {
  if (!token) return { ok: false, reason: 'inviteRequired' }
  const [version, body, signature, ...rest] = token.split('.')
  if (version !== VERSION || !body || !signature || rest.length > 0) return { ok: false, reason: 'inviteInvalid', detail: 'malformed invite token' }
  const expected = Buffer.from(mac(secret, body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'inviteInvalid', detail: 'invite token signature does not match' }
  const claims = parseClaims(body)
  if (!claims) return { ok: false, reason: 'inviteInvalid', detail: 'malformed invite token claims' }
  if (claims.expiresAt <= now) return { ok: false, reason: 'inviteExpired' }
  return { ok: true, value: claims }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url')
}

function parseClaims(body: string): InviteClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>
    if (typeof raw.w !== 'string' || typeof raw.l !== 'string' || typeof raw.e !== 'number' || !ROLES.has(raw.r as string)) return null
    return { workshopId: raw.w, role: raw.r as Role, expiresAt: raw.e, linkId: raw.l }
  } catch {
    return null
  }
}
