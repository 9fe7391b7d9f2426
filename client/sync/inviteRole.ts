import { ROLES, type Role } from '../../shared/rules/roles.js'

/**
 * The role an invite token names, read from its claims without checking the
 * signature (`k1.<base64url claims>.<signature>`), or null when it cannot be
 * read. Only for holding back before the server's session message says who
 * this is: the server checks the token and decides what a connection may do.
 */
export function inviteRoleOf(token: string | undefined | null): Role | null {
  const body = token?.split('.')[1]
  if (!body) return null
  try {
    const claims = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as { r?: unknown }
    return ROLES.find((role) => role === claims.r) ?? null
  } catch {
    return null
  }
}
