import * as encoding from 'lib0/encoding'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { MessageType, PROTOCOL_VERSION } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { geoShape } from './geoShape.js'

/** A frame as the wire carries it: binary bytes, or a string sent as a WebSocket text frame. */
export type WireFrame = Uint8Array | string

/** Builds bytes with a lib0 encoder, for frames written by hand. */
export function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** A sync frame: message type 0, a step (0 = step 1, 1 = step 2, 2 = update), and its payload as a varUint8Array. */
export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  return encode((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, step)
    encoding.writeVarUint8Array(encoder, payload)
  })
}

/** An awareness frame (message type 1) around an awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  return encode((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(encoder, update)
  })
}

/** One entry of an awareness update as written on the wire: the state is JSON text, or anything else a hostile client writes. */
export interface AwarenessEntryBytes {
  clientId: number
  clock: number
  state: string
}

/** An awareness update: varUint count, then per entry varUint client id, varUint clock, varString state. */
export function awarenessUpdate(entries: readonly AwarenessEntryBytes[]): Uint8Array {
  return encode((encoder) => {
    encoding.writeVarUint(encoder, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.state)
    }
  })
}

/** A control frame (message type 8) carrying any text, JSON or not. */
export function controlFrame(text: string): Uint8Array {
  return encode((encoder) => {
    encoding.writeVarUint(encoder, MessageType.control)
    encoding.writeVarString(encoder, text)
  })
}

/** The control frame that opens the control channel. */
export const helloFrame = (): Uint8Array => controlFrame(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }))

/** A query-awareness frame: the server answers it with an awareness frame, so it doubles as a probe that the server read everything before it. */
export const queryAwarenessFrame = (): Uint8Array => encode((encoder) => encoding.writeVarUint(encoder, MessageType.queryAwareness))

/** The Yjs update a local change to `doc` produces (changes applied from elsewhere are not captured). */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) updates.push(update)
  }
  doc.on('update', listener)
  try {
    change()
  } finally {
    doc.off('update', listener)
  }
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
}

/** The update that writes one valid geo shape record into `doc`'s records array, and the writer's clock after it. */
export function recordUpdate(doc: Y.Doc, records: YKeyValue<unknown>, id: string, x: number): { update: Uint8Array; clock: number } {
  const update = captureUpdate(doc, () => records.set(id, geoShape(id, x)))
  return { update, clock: Y.getState(doc.store, doc.clientID) }
}

/** The records of a doc, as the board layout keeps them. */
export function recordsOf(doc: Y.Doc): YKeyValue<unknown> {
  return new YKeyValue<unknown>(doc.getArray(RECORDS_KEY))
}

/** A self-contained, valid sync-update frame from a fresh doc: one record, nothing it depends on. */
export function freshRecordFrame(id: string, x = 0): Uint8Array {
  const doc = new Y.Doc()
  const { update } = recordUpdate(doc, recordsOf(doc), id, x)
  doc.destroy()
  return syncFrame(2, update)
}
