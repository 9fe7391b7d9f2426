import type { Clocks } from '../../shared/protocol/messages.js'
import type { Connection } from './Connection.js'

/**
 * What each connection is owed an ack for (DESIGN.md invariant 1). Acks come
 * from the committed state — each client's clock as of the last commit —
 * limited to the clients a connection's updates named, never from the clocks
 * an update claims: an update Yjs holds as pending (dependencies missing) is
 * neither integrated nor stored, so it is not acked until it is both.
 */
export class AckLedger {
  private committed = new Map<number, number>()
  private readonly owed = new Map<Connection, Map<number, number>>()

  /** The clocks a commit made durable. */
  setCommitted(clocks: ReadonlyMap<number, number>): void {
    this.committed = new Map(clocks)
  }

  /** Notes the clocks a connection's update named. */
  owe(connection: Connection, clocks: Clocks): void {
    const sent = this.owed.get(connection) ?? new Map<number, number>()
    for (const client in clocks) sent.set(Number(client), Math.max(sent.get(Number(client)) ?? 0, clocks[client]))
    this.owed.set(connection, sent)
  }

  /** Forgets a connection that left. */
  forget(connection: Connection): void {
    this.owed.delete(connection)
  }

  /** Acks every owed connection with the committed clocks of its clients; a debt fully paid is forgotten. */
  settle(): void {
    for (const [connection, sent] of this.owed) {
      const clocks: Clocks = {}
      let isPaid = true
      for (const [client, clock] of sent) {
        const committed = this.committed.get(client) ?? 0
        clocks[client] = committed
        if (committed < clock) isPaid = false
      }
      connection.sendControl({ type: 'ack', clocks })
      if (isPaid || !connection.hasControl) this.owed.delete(connection)
    }
  }
}
