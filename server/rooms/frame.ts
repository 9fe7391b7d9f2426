import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import { MessageType } from '../../shared/protocol/messages.js'

/** One y-websocket message: its type, for sync messages the step, then the payload as a length-prefixed byte array. */
export function frame(type: MessageType, payload: Uint8Array, syncStep?: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (syncStep !== undefined) encoding.writeVarUint(encoder, syncStep)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A y-websocket permission-denied message: what a stock client understands as "your write was refused". */
export function permissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  authProtocol.writePermissionDenied(encoder, reason)
  return encoding.toUint8Array(encoder)
}
