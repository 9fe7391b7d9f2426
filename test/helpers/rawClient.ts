import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType, PROTOCOL_VERSION, parseServerControl, type ControlMessage } from '../../shared/protocol/messages.js'
import { waitFor } from './waitFor.js'

/** A minimal client that speaks our protocol by hand, control channel included, for tests that need its bytes. */
export interface RawClient {
  ws: WebSocket
  doc: Y.Doc
  control: ControlMessage[]
  closed: Promise<{ code: number; reason: string }>
  hello(): void
  sendUpdate(update: Uint8Array): void
  sendRaw(bytes: Uint8Array): void
  close(): void
}

/** Opens a raw connection to a board and syncs its doc. */
export async function connectRawClient(syncUrl: string, boardId: string): Promise<RawClient> {
  const ws = new WebSocket(`${syncUrl}/${boardId}`)
  ws.binaryType = 'arraybuffer'
  const doc = new Y.Doc()
  const control: ControlMessage[] = []
  let isSynced = false
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  ws.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.control) {
      const message = parseServerControl(decoding.readVarString(decoder))
      if (message) control.push(message)
    } else if (type === MessageType.sync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, 'server')
      if (step === syncProtocol.messageYjsSyncStep2) isSynced = true
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply))
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, MessageType.sync)
  syncProtocol.writeSyncStep1(step1, doc)
  ws.send(encoding.toUint8Array(step1))
  await waitFor(() => isSynced, { what: 'raw client sync' })
  return {
    ws,
    doc,
    control,
    closed,
    hello() {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.control)
      encoding.writeVarString(encoder, JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }))
      ws.send(encoding.toUint8Array(encoder))
    },
    sendUpdate(update) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      ws.send(encoding.toUint8Array(encoder))
    },
    sendRaw(bytes) {
      ws.send(bytes)
    },
    close() {
      ws.close()
      doc.destroy()
    },
  }
}
