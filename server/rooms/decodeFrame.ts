import * as decoding from 'lib0/decoding'
import { MessageType, parseClientControl, type ClientControlMessage } from '../../shared/protocol/messages.js'
import type { Result } from '../../shared/result.js'
import { decodeAwarenessUpdate, type AwarenessEntry } from './awarenessFilter.js'

/**
 * One frame from a client, fully decoded: nothing after this point reads
 * raw bytes except Yjs reading an update (which the room inspects first).
 * The wire format is drawn in shared/protocol/messages.ts.
 */
export type Frame =
  | { type: 'sync-step1'; stateVector: Uint8Array; isEmpty: boolean }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  | { type: 'control'; message: ClientControlMessage }
  | { type: 'auth' }

const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

/** Decodes a frame; a malformed one (truncated, unknown type or step, bad state vector, bad JSON, trailing bytes) is refused with `badMessage`. */
export function decodeFrame(bytes: Uint8Array): Result<Frame> {
  try {
    const decoder = decoding.createDecoder(bytes)
    const frame = readFrame(decoder)
    if (!frame.ok) return frame
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'badMessage', detail: 'trailing bytes after the message' }
    return frame
  } catch (error) {
    return { ok: false, reason: 'badMessage', detail: error instanceof Error ? error.message : String(error) }
  }
}

function readFrame(decoder: decoding.Decoder): Result<Frame> {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync:
      return readSync(decoder)
    case MessageType.awareness:
      return { ok: true, value: { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) } }
    case MessageType.queryAwareness:
      return { ok: true, value: { type: 'query-awareness' } }
    case MessageType.control: {
      const message = parseClientControl(decoding.readVarString(decoder))
      return message.ok ? { ok: true, value: { type: 'control', message: message.value } } : message
    }
    case MessageType.auth:
      // A client has nothing to say on the auth channel; its payload is read and ignored.
      decoding.readVarUint(decoder)
      decoding.readVarString(decoder)
      return { ok: true, value: { type: 'auth' } }
    default:
      return { ok: false, reason: 'badMessage', detail: `unknown message type ${type}` }
  }
}

function readSync(decoder: decoding.Decoder): Result<Frame> {
  const step = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  if (step === SYNC_STEP2 || step === SYNC_UPDATE) return { ok: true, value: { type: 'update', update: payload } }
  if (step !== SYNC_STEP1) return { ok: false, reason: 'badMessage', detail: `unknown sync step ${step}` }
  // Read now, so a malformed state vector is refused here and never reaches a reply that runs after a commit.
  const vector = decoding.createDecoder(payload)
  const count = decoding.readVarUint(vector)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(vector)
    decoding.readVarUint(vector)
  }
  if (decoding.hasContent(vector)) return { ok: false, reason: 'badMessage', detail: 'trailing bytes after the state vector' }
  return { ok: true, value: { type: 'sync-step1', stateVector: payload, isEmpty: count === 0 } }
}
