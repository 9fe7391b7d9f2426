import type { Clocks } from '../../shared/protocol/messages.js'

/** What the UI shows about this client's edits: all committed, some waiting, or no server. */
export type SaveStatus = 'saved' | 'saving' | 'offline'

/**
 * Tracks which local edits the server has committed. Local updates raise the
 * owed clock of their Yjs client id; acks from the server (sent after each
 * commit) settle clocks up to what they name. Pure: no Yjs, no sockets.
 */
export class SaveTracker {
  private readonly owed = new Map<string, number>()
  private isOnline = false
  private readonly listeners = new Set<() => void>()

  /** Current status, derived from connection and owed clocks. */
  get status(): SaveStatus {
    if (!this.isOnline) return 'offline'
    return this.owed.size > 0 ? 'saving' : 'saved'
  }

  /** Records a local update that reaches these clocks. */
  addLocal(clocks: Clocks): void {
    for (const [client, clock] of Object.entries(clocks)) {
      if ((this.owed.get(client) ?? 0) < clock) this.owed.set(client, clock)
    }
    this.emit()
  }

  /** Settles every owed clock the ack covers. */
  ack(clocks: Clocks): void {
    for (const [client, owed] of this.owed) {
      const acked = clocks[client]
      if (acked !== undefined && acked >= owed) this.owed.delete(client)
    }
    this.emit()
  }

  /** The control channel opened (true) or the socket closed (false). */
  setOnline(isOnline: boolean): void {
    this.isOnline = isOnline
    this.emit()
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}
