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
  /** Every frame received so far, by message type, in order: a probe can wait for one more. */
  readonly frames: number[]
  /** `kuilu_person=…` as the server set it (or as it was passed in): send it again to come back as the same person. */
  readonly credentialCookie: string | null
  hello(): void
  sendControl(message: Record<string, unknown>): void
  sendUpdate(update: Uint8Array): void
  sendRaw(bytes: Uint8Array): void
  close(): void
}

/** Opens a raw connection to a board and syncs its doc; `cookie` comes back as a person the server issued earlier. */
export async function connectRawClient(syncUrl: string, boardId: string, query: Record<string, string> = {}, options: { cookie?: string } = {}): Promise<RawClient> {
  const search = new URLSearchParams(query).toString()
  const ws = new WebSocket(`${syncUrl}/${boardId}${search ? `?${search}` : ''}`, options.cookie ? { headers: { cookie: options.cookie } } : {})
  ws.binaryType = 'arraybuffer'
  let credentialCookie = options.cookie ?? null
  ws.once('upgrade', (response) => {
    const set = response.headers['set-cookie']?.[0]
    if (set) credentialCookie = set.split(';')[0]
  })
  const doc = new Y.Doc()
  const control: ControlMessage[] = []
  let isSynced = false
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const frames: number[] = []
  ws.on('message', (data: ArrayBuffer) => {
    frames.push(new Uint8Array(data)[0])
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
  const client: RawClient = {
    ws,
    doc,
    control,
    closed,
    frames,
    get credentialCookie() {
      return credentialCookie
    },
    hello() {
      client.sendControl({ type: 'hello', protocol: PROTOCOL_VERSION })
    },
    sendControl(message) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.control)
      encoding.writeVarString(encoder, JSON.stringify(message))
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
  return client
}

/** Opens a socket that the server is expected to refuse; resolves with the close code and reason, and whether any frame arrived first. */
export async function expectRefused(syncUrl: string, boardId: string, query: Record<string, string> = {}): Promise<{ code: number; reason: string; frames: number }> {
  const search = new URLSearchParams(query).toString()
  const ws = new WebSocket(`${syncUrl}/${boardId}${search ? `?${search}` : ''}`)
  let frames = 0
  ws.on('message', () => frames++)
  return new Promise((resolve, reject) => {
    ws.once('error', reject)
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), frames }))
  })
}
