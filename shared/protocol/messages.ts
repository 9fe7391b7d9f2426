/**
 * Kuilu sync wire format.
 *
 * Every WebSocket frame is binary and starts with a message type as a lib0
 * varUint. Types 0–3 are the y-websocket protocol unchanged, so a stock
 * `WebsocketProvider` syncs a board; type 8 is ours.
 *
 *   frame            := varUint(messageType) payload
 *   messageType 0    := sync      varUint(syncStep) varUint8Array(data)
 *                                 syncStep 0 = step 1 (state vector)
 *                                 syncStep 1 = step 2 (missing updates)
 *                                 syncStep 2 = update
 *   messageType 1    := awareness varUint8Array(awarenessUpdate)
 *   messageType 2    := auth      varUint(0) varString(reason)   (server → client: permission denied)
 *   messageType 3    := query-awareness (no payload)
 *   messageType 8    := control   varString(JSON of a ControlMessage)
 *
 *   ┌──────┬──────────────────────────────┐
 *   │ 0x08 │ varString '{"type":"ack",…}' │
 *   └──────┴──────────────────────────────┘
 *
 * The server sends control frames only to a connection that opened the
 * channel with `hello`; a stock client that never says hello never gets one.
 */

import { T } from '@tldraw/validate'
import type { Result } from '../result.js'
import type { Reason, ReasonParams } from './reasons.js'
import { check, parseJson } from './validate.js'
import { workshopRequestValidator, type WorkshopRequest, type WorkshopUpdate } from './workshopMessages.js'

/** y-websocket message types plus our control channel; the values are wire constants. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  control: 8,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Version of the control channel; a server refuses a hello with another major version. */
export const PROTOCOL_VERSION = 1

/** Clocks per Yjs client id: `{ [clientId]: nextClock }`, as in a state vector. */
export type Clocks = Record<string, number>

/** Client → server: opens the control channel. */
export interface HelloMessage {
  type: 'hello'
  protocol: number
}

/** Server → client: the control channel is open. */
export interface WelcomeMessage {
  type: 'welcome'
  protocol: number
  connectionId: string
}

/**
 * Server → client: everything up to these clocks is committed to storage.
 * Sent once after `welcome` with the room's committed state and after each
 * commit that holds updates from this connection.
 */
export interface AckMessage {
  type: 'ack'
  clocks: Clocks
}

/** Server → client: an update from this connection was refused and not stored. */
export interface RejectedMessage {
  type: 'rejected'
  reason: Reason
  params?: ReasonParams
  recordId?: string
}

/** Every server → client control message, as a union discriminated on `type`. */
export type ControlMessage = WelcomeMessage | AckMessage | RejectedMessage | WorkshopUpdate

/** Messages a client may send on the control channel. */
export type ClientControlMessage = HelloMessage | WorkshopRequest

const clientControlValidator: T.Validator<ClientControlMessage> = T.object({ type: T.string })
  .allowUnknownProperties()
  .check((value) => {
    if (value.type !== 'hello') workshopRequestValidator.validate(value)
  })
  .check((value) => {
    if (value.type === 'hello') T.object({ type: T.literal('hello'), protocol: T.integer }).validate(value)
  }) as unknown as T.Validator<ClientControlMessage>

/** Parses and validates a control message from a client: every field checked, unknown fields refused. */
export function parseClientControl(text: string): Result<ClientControlMessage> {
  const json = parseJson(text)
  if (!json.ok) return json
  return check(clientControlValidator, json.value, 'badMessage')
}

/** Parses a control message from the server; returns null for anything malformed. */
export function parseServerControl(text: string): ControlMessage | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const message = value as Record<string, unknown>
  switch (message.type) {
    case 'welcome':
      return typeof message.connectionId === 'string' ? (message as unknown as WelcomeMessage) : null
    case 'ack':
      return isClocks(message.clocks) ? (message as unknown as AckMessage) : null
    case 'rejected':
      return typeof message.reason === 'string' ? (message as unknown as RejectedMessage) : null
    case 'session':
    case 'lock':
    case 'rounds':
    case 'boards':
    case 'timer':
    case 'people':
    case 'follow':
    case 'summon':
    case 'refused':
      return message as unknown as WorkshopUpdate
    default:
      return null
  }
}

function isClocks(value: unknown): value is Clocks {
  if (typeof value !== 'object' || value === null) return false
  return Object.values(value).every((clock) => Number.isInteger(clock) && clock >= 0)
}
