import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The cookie that carries a browser's person credential: HttpOnly, so page scripts never read it. */
export const PERSON_COOKIE = 'kuilu_person'

const VERSION = 'p1'
const PERSON_ID = /^[A-Za-z0-9_-]{22}$/

/** A person's identity as the server issued it: the id, and the signed credential the browser keeps. */
export interface PersonIdentity {
  personId: string
  credential: string
  /** True when it was minted for this request (the browser brought none, or a forged one). */
  isNew: boolean
}

/**
 * Who a person is (DESIGN.md, "Who a person is"): the server mints each
 * person an id on first join and signs it; the browser keeps the credential
 * in a cookie and brings it back. Nothing a client names in a query or a
 * message chooses who it is: an id without the server's signature is
 * ignored and a new person is minted.
 */
export function identify(secret: string, cookieHeader: string | undefined): PersonIdentity {
  const presented = readCookie(cookieHeader, PERSON_COOKIE)
  const personId = presented ? verifyCredential(secret, presented) : null
  if (personId && presented) return { personId, credential: presented, isNew: false }
  const minted = randomBytes(16).toString('base64url')
  return { personId: minted, credential: signCredential(secret, minted), isNew: true }
}

/** The Set-Cookie header value that hands a credential to the browser for a year. */
export function credentialCookie(credential: string, isSecure: boolean): string {
  return `${PERSON_COOKIE}=${credential}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict${isSecure ? '; Secure' : ''}`
}

/** Signs a person id: `p1.<id>.<HMAC-SHA256>`. */
export function signCredential(secret: string, personId: string): string {
  return `${VERSION}.${personId}.${mac(secret, personId)}`
}

/** The person id a credential carries when its signature is ours, else null. */
export function verifyCredential(secret: string, credential: string): string | null {
  const [version, personId, signature, ...rest] = credential.split('.')
  if (version !== VERSION || !personId || !signature || rest.length > 0 || !PERSON_ID.test(personId)) return null
  const expected = Buffer.from(mac(secret, personId))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? personId : null
}

function mac(secret: string, personId: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.person.${personId}`).digest('base64url')
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}
