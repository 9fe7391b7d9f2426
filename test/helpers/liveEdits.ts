import type { YKeyValue } from 'y-utility/y-keyvalue'
import type { ControlMessage } from '../../shared/protocol/messages.js'
import type { RawClient } from './rawClient.js'
import { waitFor } from './waitFor.js'
import { recordsOf, recordUpdate } from './wireFrames.js'

/** A raw client that writes records through the wire and reads what the server acked and relayed. */
export interface LiveClient {
  readonly client: RawClient
  /** The client's records, kept current as the server relays changes. */
  readonly records: YKeyValue<unknown>
  /** Writes one record and sends its update; returns the client's clock after it. */
  write(id: string, x: number): number
  /** The highest clock the server acked for this client's own id (0 before any ack). */
  ackedClock(): number
  /** Whether the socket is still open. */
  isOpen(): boolean
}

/** Wraps a connected raw client; the records view is built once, since building it scans the array. */
export function liveClient(client: RawClient): LiveClient {
  const records = recordsOf(client.doc)
  return {
    client,
    records,
    write(id, x) {
      const { update, clock } = recordUpdate(client.doc, records, id, x)
      client.sendUpdate(update)
      return clock
    },
    ackedClock: () => ackedClockOf(client.control, client.doc.clientID),
    isOpen: () => client.ws.readyState === client.ws.OPEN,
  }
}

/** The highest clock any ack in `control` names for `clientId`; an ack means "committed to storage". */
export function ackedClockOf(control: readonly ControlMessage[], clientId: number): number {
  let acked = 0
  for (const message of control) {
    if (message.type !== 'ack') continue
    const clock = message.clocks[String(clientId)]
    if (typeof clock === 'number' && clock > acked) acked = clock
  }
  return acked
}

/** Proves a board still works for `writer`: its next edit is acked (committed) and reaches `reader`. */
export async function expectRoundTrip(writer: LiveClient, reader: LiveClient, id: string, timeoutMs = 10_000): Promise<void> {
  const clock = writer.write(id, 7)
  await waitFor(() => reader.records.has(id), { timeoutMs, what: `${id} to reach the reader` })
  if (writer.client.control.some((message) => message.type === 'welcome')) {
    await waitFor(() => writer.ackedClock() >= clock, { timeoutMs, what: `the ack for ${id}` })
  }
}

/** Proves a lone client still works: its next edit is acked by the server (it must have said hello). */
export async function expectAcked(writer: LiveClient, id: string, timeoutMs = 10_000): Promise<void> {
  const clock = writer.write(id, 3)
  await waitFor(() => writer.ackedClock() >= clock, { timeoutMs, what: `the ack for ${id}` })
}
