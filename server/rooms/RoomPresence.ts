import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages.js'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessFilter.js'
import { frame, isConnection } from './frame.js'
import type { RoomConnection } from './Room.js'

/** Awareness waiting to be relayed for one connection, newest wins. */
interface PendingRelay {
  lastAt: number
  pending: Uint8Array | null
  timer: NodeJS.Timeout | null
}

/**
 * A room's presence (Yjs awareness: cursors, names, selections). A connection
 * speaks only for the client id it first used, with the name and colour
 * `stamp` gives it; its updates are relayed as received (no re-encoding) at
 * most `maxPerSecond`, newest wins; leaves and timeouts go to everyone
 * encoded once.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly relays = new Map<RoomConnection, PendingRelay>()

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly maxPerSecond: number,
    private readonly stamp: (connection: RoomConnection, state: string) => string,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** Sends a connection every state the room holds: on join when there are some, on a query always. */
  sendStates(connection: RoomConnection, evenWhenEmpty: boolean): void {
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length === 0 && !evenWhenEmpty) return
    connection.socket.send(frame(MessageType.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
  }

  /** Takes a connection's awareness update: its own entry only, stamped, applied, and relayed. */
  receive(connection: RoomConnection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update)
    if (connection.awarenessClientId === null && entries.length > 0) {
      connection.awarenessClientId = entries[0].clientId
    }
    // A connection speaks only for its own client id: no one appears as someone else.
    const own = entries
      .filter((entry) => entry.clientId === connection.awarenessClientId)
      .map((entry) => ({ ...entry, state: this.stamp(connection, entry.state) }))
    if (own.length === 0) return
    const isUnchanged = own.length === entries.length && own.every((entry, index) => entry.state === entries[index].state)
    const bytes = isUnchanged ? update : encodeAwarenessUpdate(own)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, connection)
    this.relay(connection, bytes)
  }

  /** Drops a connection's pending relay and, for everyone at once, the state it owned. */
  leave(connection: RoomConnection): void {
    const relay = this.relays.get(connection)
    if (relay?.timer) clearTimeout(relay.timer)
    this.relays.delete(connection)
    if (connection.awarenessClientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessClientId], 'leave')
    }
  }

  /** Stops every timer and the awareness itself. */
  destroy(): void {
    for (const relay of this.relays.values()) if (relay.timer) clearTimeout(relay.timer)
    this.awareness.destroy()
  }

  /** Relays a connection's awareness as received, at most `maxPerSecond`, newest wins. */
  private relay(connection: RoomConnection, bytes: Uint8Array): void {
    const relay = this.relays.get(connection) ?? { lastAt: 0, pending: null, timer: null }
    this.relays.set(connection, relay)
    const wait = relay.lastAt + 1000 / this.maxPerSecond - performance.now()
    relay.pending = bytes
    if (relay.timer) return
    const send = (): void => {
      relay.timer = null
      if (!relay.pending || connection.isClosed) return
      const message = frame(MessageType.awareness, relay.pending)
      relay.pending = null
      relay.lastAt = performance.now()
      for (const other of this.connections) if (other !== connection) other.socket.send(message)
    }
    if (wait <= 0) send()
    else relay.timer = setTimeout(send, wait)
  }

  private onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    // A connection's own updates are relayed as received by relay(); this covers leaves and timeouts.
    if (isConnection(origin)) return
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0 || this.connections.size === 0) return
    const message = frame(MessageType.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.connections) connection.socket.send(message)
  }
}
