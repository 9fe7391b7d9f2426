import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages.js'
import type { Result } from '../../shared/result.js'
import { checkPresenceState, type PresenceLimits, type PresenceState } from '../../shared/schema/presenceState.js'
import type { Logger } from '../log.js'
import { encodeAwarenessUpdate, type AwarenessEntry } from './awarenessFilter.js'
import type { Connection } from './Connection.js'
import { frame } from './frame.js'

/** Rewrites a state before it is relayed (the workshop layer stamps the invite's name and colour); null stays null. */
export type StampPresence = (connection: Connection, state: PresenceState) => PresenceState

/** Awareness waiting to be relayed for one connection, newest wins. */
interface PendingRelay {
  lastAt: number
  lastSent: Uint8Array
  pending: Uint8Array | null
  timer: NodeJS.Timeout | null
}

/**
 * A room's presence (Yjs awareness: cursors, names, selections), bound to
 * connections (DESIGN.md invariant 3). A client id belongs to the first live
 * connection that uses it; a connection speaks only for its own id. Every
 * state is checked against the presence shape with size and depth limits,
 * stamped, and relayed at most `maxPerSecond`, newest wins. A connection
 * leaving removes its state for everyone at once.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly relays = new Map<Connection, PendingRelay>()
  private readonly owners = new Map<number, Connection>()
  private readonly owned = new Map<Connection, number>()
  /** Client ids owned by connections on other instances: nobody here may speak for them. */
  private readonly remoteOwned = new Set<number>()
  private publishListener: ((update: Uint8Array) => void) | null = null

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    private readonly options: { maxPerSecond: number; limits: PresenceLimits; stamp: StampPresence; log: Logger },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** The client id a connection owns, or null before it sent one. */
  clientIdOf(connection: Connection): number | null {
    return this.owned.get(connection) ?? null
  }

  /** Sends a connection every state the room holds: on join when there are some, on a query always. */
  sendStates(connection: Connection, evenWhenEmpty: boolean): void {
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length === 0 && !evenWhenEmpty) return
    connection.send(frame(MessageType.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
  }

  /**
   * Takes a connection's awareness entries: its own client id only, checked,
   * stamped, applied and relayed. Entries for other live connections' ids are
   * dropped without a word: a stock y-websocket client echoes every state it
   * hears, so they are normal, and only the connection's own entry is charged
   * to its allowance (`take`). Refuses with `badMessage` a state that is not
   * JSON, too large or too deep, and with `rateLimited` past the allowance.
   */
  receive(connection: Connection, entries: readonly AwarenessEntry[], take: () => boolean): Result<true> {
    const own = entries.filter((entry) => this.claim(connection, entry.clientId))
    if (own.length === 0) return { ok: true, value: true }
    if (!take()) return { ok: false, reason: 'rateLimited', detail: 'awareness' }
    const accepted: AwarenessEntry[] = []
    for (const entry of own) {
      const checked = checkPresenceState(entry.state, entry.clientId, this.options.limits)
      if (!checked.ok && checked.reason === 'badMessage') return checked
      if (!checked.ok) {
        this.options.log.warn('awareness state dropped', { room: connection.boardId, conn: connection.id, detail: checked.detail })
        continue
      }
      const state = checked.value === null ? null : this.options.stamp(connection, checked.value)
      accepted.push({ ...entry, state: JSON.stringify(state) })
    }
    if (accepted.length === 0) return { ok: true, value: true }
    const bytes = encodeAwarenessUpdate(accepted)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, connection)
    this.relay(connection, bytes)
    return { ok: true, value: true }
  }

  /** Where this instance's presence goes to reach the other instances. */
  onPublish(listener: (update: Uint8Array) => void): void {
    this.publishListener = listener
  }

  /** Presence from another instance, stamped there: applied, and relayed to this instance's connections. */
  receiveRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, 'remote')
  }

  /** Drops a connection's pending relay, its claim, and, for everyone at once, the state it owned. */
  leave(connection: Connection): void {
    const relay = this.relays.get(connection)
    if (relay?.timer) clearTimeout(relay.timer)
    this.relays.delete(connection)
    const clientId = this.owned.get(connection)
    if (clientId === undefined) return
    this.owned.delete(connection)
    this.owners.delete(clientId)
    awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], 'leave')
  }

  /** Stops every timer and the awareness itself. */
  destroy(): void {
    for (const relay of this.relays.values()) if (relay.timer) clearTimeout(relay.timer)
    this.relays.clear()
    this.awareness.destroy()
  }

  /** Whether the connection may speak for this client id, claiming it when it is free and the connection has none yet. */
  private claim(connection: Connection, clientId: number): boolean {
    const mine = this.owned.get(connection)
    if (mine !== undefined) return mine === clientId
    const owner = this.owners.get(clientId)
    if ((owner && owner.isOpen) || this.remoteOwned.has(clientId)) return false
    if (owner) this.owned.delete(owner)
    this.owners.set(clientId, connection)
    this.owned.set(connection, clientId)
    return true
  }

  /** Relays a connection's awareness at most `maxPerSecond`, newest wins. */
  private relay(connection: Connection, bytes: Uint8Array): void {
    const relay = this.relays.get(connection) ?? { lastAt: 0, lastSent: new Uint8Array(0), pending: null, timer: null }
    this.relays.set(connection, relay)
    const wait = relay.lastAt + 1000 / this.options.maxPerSecond - performance.now()
    relay.pending = bytes
    if (relay.timer) return
    const send = (): void => {
      relay.timer = null
      if (!relay.pending || !connection.isOpen) return
      const message = frame(MessageType.awareness, relay.pending)
      relay.lastSent = relay.pending
      relay.pending = null
      relay.lastAt = performance.now()
      for (const other of this.connections) if (other !== connection) other.send(message)
      this.publishListener?.(relay.lastSent)
    }
    if (wait <= 0) send()
    else relay.timer = setTimeout(send, wait)
  }

  private onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === 'remote') {
      for (const clientId of [...added, ...updated]) this.remoteOwned.add(clientId)
      for (const clientId of removed) this.remoteOwned.delete(clientId)
    }
    if (origin === 'timeout') for (const clientId of removed) this.remoteOwned.delete(clientId)
    // A connection's own updates go out through relay(); this covers leaves, timeouts and other instances.
    if (origin !== 'leave' && origin !== 'timeout' && origin !== 'local' && origin !== 'remote') return
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    // A leave here is news for the other instances; their timeouts and their own news are theirs.
    if (origin === 'leave') this.publishListener?.(update)
    if (this.connections.size === 0) return
    const message = frame(MessageType.awareness, update)
    for (const connection of this.connections) connection.send(message)
  }
}
