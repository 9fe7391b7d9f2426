/*
 * How a browser hands its invite token to the sync endpoint without putting
 * it in the WebSocket's address. A browser cannot set headers on a
 * WebSocket, but it can offer subprotocols (the Sec-WebSocket-Protocol
 * header), and it prints a failed socket's address, query and all, to the
 * console on every reconnect attempt while the server is unreachable. So the
 * token travels as an offered subprotocol beside ours:
 *
 *   Sec-WebSocket-Protocol: kuilu, kuilu-invite.<token>
 *
 * and the server answers `kuilu`. An invite token (`k1.<base64url>.<base64url>`)
 * is made of characters a subprotocol may hold. A `?token=` in the address is
 * still accepted, for stock clients and scripts.
 */

/** The subprotocol the server answers when a client offers it. */
export const SYNC_SUBPROTOCOL = 'kuilu'

const INVITE_PREFIX = 'kuilu-invite.'

/** The subprotocols a client offers: ours, and its invite token when it has one (none without a token, as a stock client offers). */
export function offeredSubprotocols(token: string | null | undefined): string[] {
  return token ? [SYNC_SUBPROTOCOL, `${INVITE_PREFIX}${token}`] : []
}

/** The invite token among the subprotocols a client offered (the Sec-WebSocket-Protocol header), or null. */
export function inviteTokenOfSubprotocols(header: string | undefined): string | null {
  for (const offered of header?.split(',') ?? []) {
    const value = offered.trim()
    if (value.startsWith(INVITE_PREFIX) && value.length > INVITE_PREFIX.length) return value.slice(INVITE_PREFIX.length)
  }
  return null
}
