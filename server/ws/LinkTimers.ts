import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { Logger } from '../log.js'
import type { Connection } from '../rooms/Connection.js'

/** setTimeout's longest delay; a later expiry is checked again when this one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1

/**
 * The open connections of each invite link, and the moment each must close:
 * a revoked link closes its connections at once, an expired one when it
 * expires (DESIGN.md invariant 3) — also when a facilitator moves the expiry
 * into the past, or earlier, while people are connected.
 */
export class LinkTimers {
  private readonly byLink = new Map<string, Set<Connection>>()
  private readonly timers = new Map<Connection, NodeJS.Timeout>()

  constructor(
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /** Starts following a connection that came in through a link. */
  track(connection: Connection): void {
    const session = connection.session
    if (!session) return
    const connections = this.byLink.get(session.linkId) ?? new Set()
    connections.add(connection)
    this.byLink.set(session.linkId, connections)
    this.schedule(connection, session.expiresAt)
  }

  /** Stops following a connection that closed. */
  forget(connection: Connection): void {
    clearTimeout(this.timers.get(connection))
    this.timers.delete(connection)
    const linkId = connection.session?.linkId
    if (!linkId) return
    const connections = this.byLink.get(linkId)
    connections?.delete(connection)
    if (connections?.size === 0) this.byLink.delete(linkId)
  }

  /** Closes every open connection of a link with `code`; returns how many. */
  closeLink(linkId: string, code: CloseCode): number {
    const connections = [...(this.byLink.get(linkId) ?? [])]
    for (const connection of connections) {
      connection.close(code, `invite link ${linkId}`)
      this.forget(connection)
    }
    this.log.info('closed the connections of a link', { link: linkId, code, closed: connections.length })
    return connections.length
  }

  /** A link's expiry changed: its connections close at the new time, or now when it has passed. */
  setExpiry(linkId: string, expiresAt: number): void {
    if (expiresAt <= this.now()) return void this.closeLink(linkId, CloseCode.inviteExpired)
    for (const connection of this.byLink.get(linkId) ?? []) {
      // A connection's token carries its own expiry too: the earlier one wins.
      this.schedule(connection, Math.min(expiresAt, connection.session?.expiresAt ?? expiresAt))
    }
  }

  /** Stops every timer. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    this.byLink.clear()
  }

  private schedule(connection: Connection, expiresAt: number): void {
    clearTimeout(this.timers.get(connection))
    const delay = expiresAt - this.now()
    if (delay <= 0) {
      connection.close(CloseCode.inviteExpired, 'invite link expired')
      return this.forget(connection)
    }
    const timer = setTimeout(() => (delay > MAX_DELAY_MS ? this.schedule(connection, expiresAt) : (connection.close(CloseCode.inviteExpired, 'invite link expired'), this.forget(connection))), Math.min(delay, MAX_DELAY_MS))
    timer.unref()
    this.timers.set(connection, timer)
  }
}
