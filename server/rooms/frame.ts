import * as encoding from 'lib0/encoding'
import type { MessageType } from '../../shared/protocol/messages.js'

/** One y-websocket message: its type, for sync messages the step, then the payload as a length-prefixed byte array. */
export function frame(type: MessageType, payload: Uint8Array, syncStep?: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (syncStep !== undefined) encoding.writeVarUint(encoder, syncStep)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
