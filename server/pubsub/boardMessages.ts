/**
 * What instances tell each other about a board, on its channel `board:<id>`.
 * One encoded frame per room message; every message names the instance that
 * sent it (an instance ignores its own). Updates are published only after
 * they are committed, with their log sequence numbers, so a gap in the
 * numbers tells a listener to read the missing rows from the database.
 *
 *   message       := varString(instanceId) varUint(kind) payload
 *   kind 0 update := varUint(firstSeq) varUint(count) count × varUint8Array(update)
 *   kind 1 presence := varUint8Array(awareness update, already stamped)
 *   kind 2 control  := varString(JSON of a ControlMessage for everyone on the board)
 *   kind 3 signal   := varString('rounds' | 'people' | 'boards')   (recompute per person)
 *
 * On the channel `links`:
 *   message       := varString(instanceId) varString(JSON { linkId, expiresAt | null })
 *                    (expiresAt null: revoked)
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { parseServerControl, type ControlMessage } from '../../shared/protocol/messages.js'

/** A board message between instances. */
export type BoardMessage =
  | { kind: 'update'; firstSeq: number; updates: Uint8Array[] }
  | { kind: 'presence'; update: Uint8Array }
  | { kind: 'control'; message: ControlMessage }
  | { kind: 'signal'; what: BoardSignal }

/** Per-person state that changed: each instance recomputes it for its own connections. */
export type BoardSignal = 'rounds' | 'people' | 'boards'

const KINDS = ['update', 'presence', 'control', 'signal'] as const
const SIGNALS: readonly string[] = ['rounds', 'people', 'boards'] satisfies readonly BoardSignal[]

/** The channel of a board. */
export const boardChannel = (boardId: string): string => `board:${boardId}`

/** The channel of invite link changes. */
export const LINKS_CHANNEL = 'links'

/** Encodes a board message from this instance. */
export function encodeBoardMessage(instanceId: string, message: BoardMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, instanceId)
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind))
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.firstSeq)
      encoding.writeVarUint(encoder, message.updates.length)
      for (const update of message.updates) encoding.writeVarUint8Array(encoder, update)
      break
    case 'presence':
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'control':
      encoding.writeVarString(encoder, JSON.stringify(message.message))
      break
    case 'signal':
      encoding.writeVarString(encoder, message.what)
      break
  }
  return encoding.toUint8Array(encoder)
}

/**
 * Decodes a board message and the instance that sent it; throws on bytes no
 * instance of this release wrote (truncated, trailing bytes, an unknown kind or
 * signal, a control message the clients would not take), so that a message
 * from another release or anything else on the channel is dropped whole.
 */
export function decodeBoardMessage(bytes: Uint8Array): { instanceId: string; message: BoardMessage } {
  const decoder = decoding.createDecoder(bytes)
  const instanceId = decoding.readVarString(decoder)
  const message = readBoardMessage(decoder)
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a board message')
  return { instanceId, message }
}

function readBoardMessage(decoder: decoding.Decoder): BoardMessage {
  const kind = KINDS[decoding.readVarUint(decoder)]
  switch (kind) {
    case 'update': {
      const firstSeq = decoding.readVarUint(decoder)
      const count = decoding.readVarUint(decoder)
      const updates: Uint8Array[] = []
      for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder))
      return { kind, firstSeq, updates }
    }
    case 'presence':
      return { kind, update: decoding.readVarUint8Array(decoder) }
    case 'control': {
      const message = parseServerControl(decoding.readVarString(decoder))
      if (!message) throw new Error('a control message the clients would not take')
      return { kind, message }
    }
    case 'signal': {
      const what = decoding.readVarString(decoder)
      if (!SIGNALS.includes(what)) throw new Error(`unknown signal ${JSON.stringify(what.slice(0, 40))}`)
      return { kind, what: what as BoardSignal }
    }
    default:
      throw new Error('unknown board message kind')
  }
}

/** A change to an invite link that every instance must act on. */
export interface LinkChange {
  linkId: string
  /** The new expiry; null when the link was revoked. */
  expiresAt: number | null
}

/** Encodes a link change from this instance. */
export function encodeLinkChange(instanceId: string, change: LinkChange): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, instanceId)
  encoding.writeVarString(encoder, JSON.stringify(change))
  return encoding.toUint8Array(encoder)
}

/** Decodes a link change and the instance that sent it; throws on anything else. */
export function decodeLinkChange(bytes: Uint8Array): { instanceId: string; change: LinkChange } {
  const decoder = decoding.createDecoder(bytes)
  const instanceId = decoding.readVarString(decoder)
  const change: unknown = JSON.parse(decoding.readVarString(decoder))
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a link change')
  const { linkId, expiresAt } = (typeof change === 'object' && change !== null ? change : {}) as Record<string, unknown>
  const isExpiry = expiresAt === null || (typeof expiresAt === 'number' && Number.isFinite(expiresAt))
  if (typeof linkId !== 'string' || !isExpiry || Object.keys(change as object).length !== 2) throw new Error('not a link change')
  return { instanceId, change: { linkId, expiresAt: expiresAt as number | null } }
}
