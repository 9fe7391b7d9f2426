import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages.js'
import { waitFor } from './waitFor.js'

/** A plain sync client whose socket leaves from a chosen loopback address, so the server counts it as another address than the test's other clients. */
export interface BoundClient {
  readonly ws: WebSocket
  readonly doc: Y.Doc
  readonly closed: Promise<{ code: number }>
  sendUpdate(update: Uint8Array): void
  close(): void
}

/** Connects from `localAddress` (any 127.x.y.z on Linux) and waits until the board is synced into the client's doc. */
export async function connectBoundClient(syncUrl: string, boardId: string, localAddress: string, query: Record<string, string> = {}): Promise<BoundClient> {
  const search = new URLSearchParams(query).toString()
  const ws = new WebSocket(`${syncUrl}/${boardId}${search ? `?${search}` : ''}`, { localAddress })
  ws.binaryType = 'arraybuffer'
  const doc = new Y.Doc()
  let isSynced = false
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })))
  ws.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MessageType.sync)
    if (syncProtocol.readSyncMessage(decoder, reply, doc, 'server') === syncProtocol.messageYjsSyncStep2) isSynced = true
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply))
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, MessageType.sync)
  syncProtocol.writeSyncStep1(step1, doc)
  ws.send(encoding.toUint8Array(step1))
  await waitFor(() => isSynced, { timeoutMs: 10_000, what: `sync of the client from ${localAddress}` })
  return {
    ws,
    doc,
    closed,
    sendUpdate(update) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      ws.send(encoding.toUint8Array(encoder))
    },
    close() {
      ws.close()
      doc.destroy()
    },
  }
}
