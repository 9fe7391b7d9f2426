import * as decoding from 'lib0/decoding'
import type { BrowserContext } from 'playwright-core'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages.js'

/** What a context's tabs sent on the sync channel: every sync frame by kind, and the ones that carried document content. */
export interface SentSync {
  /** Kinds of sync frames sent, in order: 'step1', 'step2' or 'update'. */
  kinds: string[]
  /** Frames that would change a document: any update, and any step 2 whose update holds structs or deletions. */
  writes: string[]
}

const SYNC_KINDS = ['step1', 'step2', 'update'] as const

/**
 * Watches the WebSocket frames a context's pages send and sorts out the
 * y-protocols sync frames (`0, varUint(step), varUint8Array(data)`): a
 * step 1 only names what the sender has; a step 2 or an update writes
 * whatever its Yjs update holds. A client that writes nothing sends step 2s
 * with empty updates only.
 */
export function watchSentSync(context: BrowserContext): SentSync {
  const sent: SentSync = { kinds: [], writes: [] }
  context.on('page', (page) => page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => noteSyncFrame(sent, payload))))
  return sent
}

/** Sorts one frame a page sent into `sent` when it is a sync frame (any other frame is left out). */
export function noteSyncFrame(sent: SentSync, payload: string | Buffer): void {
  if (typeof payload === 'string') return
  const decoder = decoding.createDecoder(new Uint8Array(payload))
  if (decoding.readVarUint(decoder) !== MessageType.sync) return
  const kind = SYNC_KINDS[decoding.readVarUint(decoder)] ?? 'unknown'
  sent.kinds.push(kind)
  if (kind === 'step1') return
  const { structs, ds } = Y.decodeUpdate(decoding.readVarUint8Array(decoder))
  if (kind !== 'step2' || structs.length > 0 || ds.clients.size > 0) sent.writes.push(`${kind}: ${structs.length} structs, deletions by ${ds.clients.size} clients`)
}
