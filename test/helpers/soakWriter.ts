import * as Y from 'yjs'
import { ackedClockOf } from './liveEdits.js'
import { connectRawClient, type RawClient } from './rawClient.js'
import type { SeededRandom } from './seededRandom.js'
import { recordsOf, recordUpdate } from './wireFrames.js'

/** One record a writer wrote: its id and the writer's clock once it is in (an ack at or past it covers it). */
export interface WrittenRecord {
  id: string
  clock: number
}

/** A raw client that writes small records on each `tick()` and keeps what it wrote; the server's acks are in `client.control`. */
export interface SoakWriter {
  readonly boardId: string
  readonly client: RawClient
  readonly clientId: number
  readonly written: WrittenRecord[]
  /** Writes the next `burst` records (default 1), each its own update, sent back to back unless held back a few ticks (see `holdBackChance`). */
  tick(burst?: number): void
  /** The highest clock the server acked for this writer. */
  ackedClock(): number
  /** Every ack the server sent this writer, as the clock it named for the writer's own id, in order of arrival. */
  ackLog(): number[]
  /** The records an ack covers: everything written up to the acked clock. */
  ackedRecords(): WrittenRecord[]
}

/**
 * Connects a writer to a board and says hello, so it gets acks. With `holdBackChance`,
 * a tick's update is now and then sent a few ticks late, after the updates that depend
 * on it: the server then holds those as pending structs it cannot integrate yet, and an
 * ack for them before the late one arrives would promise what is not stored.
 */
export async function startSoakWriter(options: { syncUrl: string; boardId: string; name: string; random: SeededRandom; holdBackChance: number }): Promise<SoakWriter> {
  const client = await connectRawClient(options.syncUrl, options.boardId)
  client.hello()
  const records = recordsOf(client.doc)
  const written: WrittenRecord[] = []
  const held: { update: Uint8Array; releaseAt: number }[] = []
  let ticks = 0
  return {
    boardId: options.boardId,
    client,
    clientId: client.doc.clientID,
    written,
    tick(burst = 1) {
      ticks++
      for (let i = 0; i < burst; i++) {
        const id = `shape:${options.name}-${written.length}`
        const { update, clock } = recordUpdate(client.doc, records, id, written.length)
        written.push({ id, clock })
        if (held.length === 0 && options.random.next() < options.holdBackChance) held.push({ update, releaseAt: ticks + 1 + options.random.int(5) })
        else client.sendUpdate(update)
      }
      while (held.length > 0 && held[0].releaseAt <= ticks) client.sendUpdate(held.shift()!.update)
    },
    ackedClock: () => ackedClockOf(client.control, client.doc.clientID),
    ackLog: () => client.control.flatMap((message) => (message.type === 'ack' && message.clocks[String(client.doc.clientID)] !== undefined ? [message.clocks[String(client.doc.clientID)]] : [])),
    ackedRecords() {
      const acked = ackedClockOf(client.control, client.doc.clientID)
      return written.filter((record) => record.clock <= acked)
    },
  }
}

/** What a restarted server holds of one writer: its clock there, and which of the given records are missing. */
export function storedOf(doc: Y.Doc, clientId: number, expected: readonly WrittenRecord[]): { clock: number; missing: string[] } {
  const records = recordsOf(doc)
  return { clock: Y.getState(doc.store, clientId), missing: expected.filter((record) => !records.has(record.id)).map((record) => record.id) }
}
