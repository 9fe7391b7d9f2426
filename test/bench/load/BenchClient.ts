import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { RECORDS_KEY } from '../../../shared/schema/docLayout.js'
import { BENCH_ID_PREFIX, benchShape } from '../records.js'
import type { FramingKind } from '../servers/BenchServer.js'

const REMOTE = Symbol('remote')
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_AUTH = 2
const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

type Entry = { key: string; val: Record<string, unknown> }
const ID_PREFIX = Buffer.from(BENCH_ID_PREFIX)

/**
 * Where sampled receivers put edit → remote-apply latencies (ms) of edits
 * written at or after `since`; with several server instances, also split by
 * whether the writer was on another instance than the receiver or on the same.
 */
export interface LatencySink {
  since: number
  samples: number[]
  crossInstance: number[]
  sameInstance: number[]
}

/** How one load client connects and behaves. */
export interface BenchClientOptions {
  url: string
  framing: FramingKind
  /** The room; Hocuspocus carries it as a varString in front of every message. */
  docName: string
  /** The one shape this client moves around. */
  shapeId: string
  /** Applies every incoming update to its doc (sampled receivers, cold and resync clients); the others only count bytes. */
  applies: boolean
  latency?: LatencySink
  /** A doc to keep across reconnects (resync); by default the client makes and destroys its own. */
  doc?: Y.Doc
  /** The server instance this client is connected to (scale-out section only); its edits carry it. */
  instance?: number
  timeoutMs?: number
}

/**
 * A headless load client speaking y-protocols straight over `ws`: no provider,
 * no reconnect logic. Its doc holds what it wrote (and, when it applies, what
 * it received); records are written YKeyValue-style (delete the key's old
 * entry, append the new one). Counting frames is a byte search for the bench
 * id prefix (each record carries its id twice: as `key` and as `val.id`).
 */
export class BenchClient {
  readonly doc: Y.Doc
  readonly records: Y.Array<Entry>
  /** Records from other clients received. */
  recordsIn = 0
  /** Own records the server sent back (y-websocket and Hocuspocus echo). */
  echoes = 0
  /** Awareness entries of other clients received. */
  awarenessIn = 0
  editsSent = 0
  private readonly prefix: Uint8Array
  private readonly ownId: Buffer
  private awarenessClock = 0
  private onSync: (() => void) | null = null
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE) return
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, SYNC_UPDATE)
      encoding.writeVarUint8Array(encoder, update)
    })
  }
  private readonly onRecords = (event: Y.YArrayEvent<Entry>): void => {
    if (this.options.latency) this.collectLatencies(event, this.options.latency)
  }

  private constructor(
    readonly options: BenchClientOptions,
    readonly ws: WebSocket,
  ) {
    const prefix = encoding.createEncoder()
    if (options.framing === 'hocuspocus') encoding.writeVarString(prefix, options.docName)
    this.prefix = encoding.toUint8Array(prefix)
    this.ownId = Buffer.from(options.shapeId)
    this.doc = options.doc ?? new Y.Doc()
    this.records = this.doc.getArray<Entry>(RECORDS_KEY)
    this.doc.on('update', this.onUpdate)
    if (options.latency) this.records.observe(this.onRecords)
    ws.on('message', (data: Buffer) => this.onMessage(data))
  }

  /** Opens the socket, says what the framing needs, and (except on the raw relay) waits for the first sync. */
  static async connect(options: BenchClientOptions): Promise<BenchClient> {
    const ws = new WebSocket(options.url, { perMessageDeflate: false })
    const client = new BenchClient(options, ws)
    const timeoutMs = options.timeoutMs ?? 15_000
    await withTimeout(new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    }), timeoutMs, `open ${options.url}`)
    ws.on('error', () => {})
    if (options.framing === 'raw') return client
    if (options.framing === 'hocuspocus') {
      client.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_AUTH)
        encoding.writeVarUint(encoder, 0)
        encoding.writeVarString(encoder, '')
      })
    }
    await client.sync(timeoutMs)
    return client
  }

  /**
   * Sends sync step 1 and resolves on the step 2 that answers it: a round trip
   * that also proves the server has applied what came before. The raw relay
   * answers nothing, so there it resolves at once.
   */
  sync(timeoutMs = 15_000): Promise<void> {
    if (this.options.framing === 'raw') return Promise.resolve()
    const synced = new Promise<void>((resolve) => (this.onSync = resolve))
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, SYNC_STEP1)
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc))
    })
    return withTimeout(synced, timeoutMs, `sync ${this.options.docName}`)
  }

  /** Moves this client's shape: one Yjs update carrying one ~350 B record stamped with the time. */
  edit(x: number, y: number): void {
    this.write([benchShape(this.options.shapeId, x, y, performance.now(), this.options.instance)])
    this.editsSent++
  }

  /** Writes records in one transaction, replacing earlier entries of the same keys. */
  write(records: Record<string, unknown>[]): void {
    this.doc.transact(() => {
      const keys = new Set(records.map((record) => record.id as string))
      const entries = this.records.toArray()
      for (let i = entries.length - 1; i >= 0; i--) if (keys.has(entries[i].key)) this.records.delete(i, 1)
      this.records.push(records.map((record) => ({ key: record.id as string, val: record })))
    })
  }

  /** Sends this client's cursor as an awareness update (its own client id, next clock). */
  sendAwareness(x: number, y: number): void {
    const entry = encoding.createEncoder()
    encoding.writeVarUint(entry, 1)
    encoding.writeVarUint(entry, this.doc.clientID)
    encoding.writeVarUint(entry, ++this.awarenessClock)
    encoding.writeVarString(entry, `{"user":{"name":"bench ${this.doc.clientID}","color":"#1c7ed6"},"cursor":{"x":${x},"y":${y}}}`)
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(entry))
    })
  }

  /** Closes the socket and waits (bounded) for it to be closed; a doc passed in survives for the next client. */
  async close(): Promise<void> {
    this.doc.off('update', this.onUpdate)
    if (this.options.latency) this.records.unobserve(this.onRecords)
    if (this.ws.readyState !== WebSocket.CLOSED) {
      const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()))
      this.ws.close()
      await withTimeout(closed, 2_000, 'close').catch(() => this.ws.terminate())
    }
    if (!this.options.doc) this.doc.destroy()
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, this.prefix)
    write(encoder)
    this.ws.send(encoding.toUint8Array(encoder))
  }

  private onMessage(data: Buffer): void {
    const at = this.prefix.length
    const type = data[at]
    if (type === MESSAGE_SYNC) {
      const step = data[at + 1]
      if (step === SYNC_STEP1) return
      if (step === SYNC_UPDATE) this.countRecords(data)
      if (this.options.applies) {
        const decoder = decoding.createDecoder(data.subarray(at + 2))
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE)
      }
      if (step === SYNC_STEP2 && this.onSync) {
        this.onSync()
        this.onSync = null
      }
    } else if (type === MESSAGE_AWARENESS) {
      this.countAwareness(data, at + 1)
    }
  }

  private countRecords(data: Buffer): void {
    const all = countOccurrences(data, ID_PREFIX)
    const own = countOccurrences(data, this.ownId)
    this.recordsIn += (all - own) / 2
    this.echoes += own / 2
  }

  private countAwareness(data: Buffer, at: number): void {
    const cursor = { data, pos: at }
    readVarUint(cursor)
    const count = Math.min(readVarUint(cursor), 100_000)
    for (let i = 0; i < count && cursor.pos < data.length; i++) {
      const clientId = readVarUint(cursor)
      readVarUint(cursor)
      cursor.pos += readVarUint(cursor)
      if (clientId !== this.doc.clientID) this.awarenessIn++
    }
  }

  private collectLatencies(event: Y.YArrayEvent<Entry>, sink: LatencySink): void {
    if (event.transaction.origin !== REMOTE) return
    const now = performance.now()
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as { key: string; val: { meta?: { t?: unknown; i?: unknown } } }[]) {
        const t = entry.val?.meta?.t
        if (typeof t === 'number' && t >= sink.since && entry.key !== this.options.shapeId && sink.samples.length < 1_000_000) {
          sink.samples.push(now - t)
          const writer = entry.val.meta!.i
          if (typeof writer === 'number' && this.options.instance !== undefined) (writer === this.options.instance ? sink.sameInstance : sink.crossInstance).push(now - t)
        }
      }
    }
  }
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1 && count < 1_000_000; at = haystack.indexOf(needle, at + needle.length)) count++
  return count
}

function readVarUint(cursor: { data: Buffer; pos: number }): number {
  let value = 0
  for (let shift = 0; shift < 35 && cursor.pos < cursor.data.length; shift += 7) {
    const byte = cursor.data[cursor.pos++]
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) break
  }
  return value
}

/** Rejects when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
