import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, closeReason } from '../../shared/protocol/closeCodes.js'
import {
  MessageType,
  PROTOCOL_VERSION,
  parseClientControl,
  type Clocks,
  type ControlMessage,
} from '../../shared/protocol/messages.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import type { Role } from '../../shared/rules/roles.js'
import type { Logger } from '../log.js'
import type { DocStorage } from '../storage/DocStorage.js'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessFilter.js'
import { inspectUpdate } from './inspectUpdate.js'
import { isNoopUpdate } from './isNoopUpdate.js'

/** The least a room needs of a socket: send bytes, close with a code. */
export interface RoomSocket {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
}

/** Who is on a connection in a workshop, bound by the server from the invite (never from the client). */
export interface ConnectionSession {
  role: Role
  personId: string
  name: string
  color: string
  workshopId: string | null
  linkId: string | null
}

/** One client connected to a room. */
export interface RoomConnection {
  readonly id: string
  readonly socket: RoomSocket
  /** Null on an open board outside any workshop: everyone may edit. */
  session: ConnectionSession | null
  /** Said hello on the control channel, so it may receive control messages. */
  hasHello: boolean
  /** The Yjs client id whose awareness this connection owns, once it has sent one. */
  awarenessClientId: number | null
  isClosed: boolean
}

/** Room tuning; every limit is named. */
export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Most awareness relays per second per connection; faster ones are coalesced into the latest. */
  maxAwarenessPerSecond: number
  /** Most document updates per second per connection, over bursts of up to two seconds' worth; past it the connection is closed with 4529. */
  maxUpdatesPerSecond: number
  /**
   * Largest a board may grow, in stored bytes (snapshot plus logged updates); an
   * update past it is refused and its sender closed with 4413. Logged updates
   * count in full until the next compaction folds them, so the limit errs on
   * the safe side by at most `compactAfterUpdates` updates.
   */
  maxDocBytes: number
}

/** A connection's allowance of updates: a token bucket refilled at `maxUpdatesPerSecond`. */
interface UpdateAllowance {
  tokens: number
  at: number
}

/** Awareness waiting to be relayed for one connection, newest wins. */
interface AwarenessRelay {
  lastAt: number
  pending: Uint8Array | null
  timer: NodeJS.Timeout | null
}

/** What the workshop layer plugs into a room: who may write, whose name shows, what requests do. */
export interface RoomHooks {
  /** Whether the connection may change the doc now (role and lock). */
  canWrite(room: Room, connection: RoomConnection): boolean
  /** Rewrites one awareness state (JSON text) before it is relayed, e.g. to stamp the invite's name. */
  stampAwareness(connection: RoomConnection, state: string): string
  /** Handles a workshop request from the control channel. */
  onRequest(room: Room, connection: RoomConnection, request: WorkshopRequest): void
  /** A connection said hello: the workshop layer sends it the session and state. */
  onHello(room: Room, connection: RoomConnection): void
  /** A connection left the room. */
  onLeave(room: Room, connection: RoomConnection): void
}

/** Hooks of an open board: everyone writes, names are the clients' own, no workshop requests. */
export const openBoardHooks: RoomHooks = {
  canWrite: () => true,
  stampAwareness: (_connection, state) => state,
  onRequest: (room, connection, request) => room.sendControl(connection, { type: 'refused', request: request.type, reason: 'this board is not part of a workshop' }),
  onHello: () => {},
  onLeave: () => {},
}

interface PendingUpdate {
  update: Uint8Array
  origin: RoomConnection
}

/** A compacted board's stored state, not yet applied to the room's doc. */
interface UnappliedSnapshot {
  snapshot: Uint8Array
  stateVector: Uint8Array
}

/**
 * One board in memory: its Y.Doc, its Awareness and the connections on it.
 * Updates are validated, applied, and gathered per event-loop turn; the batch
 * is committed to storage before it is broadcast (encoded once, not echoed to
 * its sender) and acknowledged to the senders that said hello.
 *
 * A compacted board is served from its stored snapshot bytes and state vector
 * until someone writes or needs more than the full state: joining a cold board
 * of 5,000 shapes then costs a read and a send, not building the doc.
 */
export class Room {
  private readonly ydoc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  readonly connections = new Set<RoomConnection>()
  /** Resolves once the room has flushed, compacted and released its doc. */
  readonly closed: Promise<void>
  isClosing = false

  private pending: PendingUpdate[] = []
  private isFlushScheduled = false
  private isFlushing = false
  private afterCommit: (() => void)[] = []
  private readonly awarenessRelays = new Map<RoomConnection, AwarenessRelay>()
  /** The doc's full state, encoded once for every client that joins with nothing (cleared on each change). */
  private fullState: Uint8Array | null = null
  /** Stored state the doc does not hold yet; applied on first use of `doc`. */
  private unapplied: UnappliedSnapshot | null = null
  /** Clocks each sender that said hello is owed an ack for once the pending batch commits. */
  private ackClocks = new Map<RoomConnection, Clocks>()
  private lastSeq: number
  private seqAtSnapshot: number
  /** Bytes the board takes in storage: the last snapshot and the updates logged after it (plus those waiting for their commit). */
  private storedBytes = 0
  private readonly allowances = new Map<RoomConnection, UpdateAllowance>()
  private resolveClosed!: () => void

  private constructor(
    readonly boardId: BoardId,
    private readonly storage: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    private readonly hooks: RoomHooks,
    lastSeq: number,
    seqAtSnapshot: number,
  ) {
    this.lastSeq = lastSeq
    this.seqAtSnapshot = seqAtSnapshot
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    this.awareness.setLocalState(null)
    this.ydoc.getArray(RECORDS_KEY)
    this.ydoc.getMap(META_KEY)
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null
      if (isConnection(origin)) this.pending.push({ update, origin })
    })
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Loads a board from storage into a new room. */
  static async load(boardId: BoardId, storage: DocStorage, log: Logger, options: RoomOptions, hooks: RoomHooks): Promise<Room> {
    const stored = await storage.loadDoc(boardId)
    const room = new Room(boardId, storage, log, options, hooks, stored.lastSeq, stored.lastSeq - stored.updates.length)
    room.storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0)
    if (stored.snapshot && stored.snapshotStateVector && stored.updates.length === 0) {
      // A compacted board's snapshot already is its full state: a cold join sends it as stored.
      room.unapplied = { snapshot: stored.snapshot, stateVector: stored.snapshotStateVector }
      room.fullState = stored.snapshot
      return room
    }
    room.ydoc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.ydoc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(room.ydoc, update)
    }, 'storage')
    if (stored.snapshot && stored.updates.length === 0) room.fullState = stored.snapshot
    return room
  }

  /** The board's doc, with any stored snapshot applied. */
  get doc(): Y.Doc {
    if (this.unapplied) {
      const { snapshot } = this.unapplied
      this.unapplied = null
      Y.applyUpdate(this.ydoc, snapshot, 'storage')
      this.fullState = snapshot
    }
    return this.ydoc
  }

  /** Whether the stored snapshot still waits to be applied (the doc was not needed yet). */
  get isDocDeferred(): boolean {
    return this.unapplied !== null
  }

  /** The doc's state vector, read from storage while the snapshot is not applied. */
  private stateVector(): Uint8Array {
    return this.unapplied ? this.unapplied.stateVector : Y.encodeStateVector(this.ydoc)
  }

  /** Adds a connection: sends sync step 1 and the awareness states it has not seen. */
  join(connection: RoomConnection): void {
    this.connections.add(connection)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(encoder, this.stateVector())
    connection.socket.send(encoding.toUint8Array(encoder))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])
      connection.socket.send(frame(MessageType.awareness, update))
    }
  }

  /** Removes a connection and, for everyone at once, the awareness it owned. */
  leave(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.allowances.delete(connection)
    const relay = this.awarenessRelays.get(connection)
    if (relay?.timer) clearTimeout(relay.timer)
    this.awarenessRelays.delete(connection)
    if (connection.awarenessClientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessClientId], 'leave')
    }
    this.hooks.onLeave(this, connection)
  }

  /** Handles one binary frame from a connection. Throws on a malformed frame. */
  receive(connection: RoomConnection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        return this.receiveSync(connection, decoder)
      case MessageType.awareness:
        return this.receiveAwareness(connection, decoding.readVarUint8Array(decoder))
      case MessageType.queryAwareness: {
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])
        connection.socket.send(frame(MessageType.awareness, update))
        return
      }
      case MessageType.control:
        return this.receiveControl(connection, decoding.readVarString(decoder))
      case MessageType.auth:
        return
      default:
        throw new Error(`unknown message type ${type}`)
    }
  }

  /** Sends a control message, only to a connection that said hello. */
  sendControl(connection: RoomConnection, message: ControlMessage): void {
    if (!connection.hasHello || connection.isClosed) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.control)
    encoding.writeVarString(encoder, JSON.stringify(message))
    connection.socket.send(encoding.toUint8Array(encoder))
  }

  /** Resolves when everything applied so far is committed and broadcast. */
  whenCommitted(): Promise<void> {
    return new Promise((resolve) => this.runAfterCommit(resolve))
  }

  /** Flushes, compacts when the log is not empty, and releases the doc. Idempotent. */
  async close(): Promise<void> {
    if (this.isClosing) return this.closed
    this.isClosing = true
    try {
      await this.whenCommitted()
      if (this.lastSeq > this.seqAtSnapshot) await this.compact()
    } catch (error) {
      this.log.error('room close failed', { room: this.boardId, error: String(error) })
    } finally {
      for (const relay of this.awarenessRelays.values()) if (relay.timer) clearTimeout(relay.timer)
      this.awareness.destroy()
      this.ydoc.destroy()
      this.resolveClosed()
    }
    return this.closed
  }

  private receiveSync(connection: RoomConnection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder)
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder)
      // A reply is a read: it waits for the commit so nobody sees an update before it is durable.
      this.runAfterCommit(() => {
        if (connection.isClosed) return
        const isEmpty = stateVector.length === 1 && stateVector[0] === 0
        const update = isEmpty ? (this.fullState ??= Y.encodeStateAsUpdate(this.doc)) : Y.encodeStateAsUpdate(this.doc, stateVector)
        connection.socket.send(frame(MessageType.sync, update, syncProtocol.messageYjsSyncStep2))
      })
      return
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync step ${step}`)
    }
    this.receiveUpdate(connection, decoding.readVarUint8Array(decoder))
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    // The empty update a client sends as sync step 2 when it has nothing new: no struct, no deletion.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) return
    if (!this.takeAllowance(connection)) {
      return this.refuse(connection, CloseCode.updateRateExceeded, `more than ${this.options.maxUpdatesPerSecond} updates per second`)
    }
    if (!this.hooks.canWrite(this, connection)) {
      if (!isNoopUpdate(this.doc, update)) this.denyWrite(connection)
      return
    }
    if (this.storedBytes + update.byteLength > this.options.maxDocBytes && !isNoopUpdate(this.doc, update)) {
      return this.refuse(connection, CloseCode.boardTooLarge, `the board has reached its size limit of ${formatMiB(this.options.maxDocBytes)}`)
    }
    const inspected = inspectUpdate(this.doc, update)
    if (!inspected.ok) return this.refuse(connection, CloseCode.invalidRecord, inspected.reason, inspected.recordId)
    const before = this.pending.length
    Y.applyUpdate(this.doc, update, connection)
    if (this.pending.length > before) this.storedBytes += update.byteLength
    if (!connection.hasHello) {
      // A stock client has no control channel to be acked on.
    } else if (this.pending.length === before) {
      // Nothing new for the doc (a resend); the sender still learns it is stored.
      this.runAfterCommit(() => this.sendControl(connection, { type: 'ack', clocks: inspected.value }))
    } else {
      const owed = this.ackClocks.get(connection)
      if (owed) mergeClocksInto(owed, inspected.value)
      else this.ackClocks.set(connection, inspected.value)
    }
    this.scheduleFlush()
  }

  /** Refuses an update: tells the sender why on the control channel, logs it, and closes the connection with `code`. */
  private refuse(connection: RoomConnection, code: CloseCode, reason: string, recordId?: string): void {
    this.log.warn('update refused', { room: this.boardId, conn: connection.id, code, reason, record: recordId })
    this.sendControl(connection, { type: 'rejected', reason, recordId })
    connection.isClosed = true
    connection.socket.close(code, closeReason[code])
  }

  /** Takes one update from the connection's allowance; false when it is used up. */
  private takeAllowance(connection: RoomConnection): boolean {
    const now = performance.now()
    const rate = this.options.maxUpdatesPerSecond
    const allowance = this.allowances.get(connection) ?? { tokens: 2 * rate, at: now }
    allowance.tokens = Math.min(2 * rate, allowance.tokens + ((now - allowance.at) / 1000) * rate) - 1
    allowance.at = now
    this.allowances.set(connection, allowance)
    return allowance.tokens >= 0
  }

  /** Drops a write the connection may not make, and says so the y-websocket way and on the control channel. */
  private denyWrite(connection: RoomConnection): void {
    const reason = connection.session?.role === 'viewer' ? 'viewers cannot change the board' : 'the board is locked'
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.auth)
    authProtocol.writePermissionDenied(encoder, reason)
    connection.socket.send(encoding.toUint8Array(encoder))
    this.sendControl(connection, { type: 'rejected', reason })
    this.log.warn('write denied', { room: this.boardId, conn: connection.id, reason })
  }

  private receiveAwareness(connection: RoomConnection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update)
    if (connection.awarenessClientId === null && entries.length > 0) {
      connection.awarenessClientId = entries[0].clientId
    }
    // A connection speaks only for its own client id: no one appears as someone else.
    const own = entries
      .filter((entry) => entry.clientId === connection.awarenessClientId)
      .map((entry) => ({ ...entry, state: this.hooks.stampAwareness(connection, entry.state) }))
    if (own.length === 0) return
    const isUnchanged = own.length === entries.length && own.every((entry, index) => entry.state === entries[index].state)
    const bytes = isUnchanged ? update : encodeAwarenessUpdate(own)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, connection)
    this.relayAwareness(connection, bytes)
  }

  /** Relays a connection's awareness as received (no re-encoding), at most `maxAwarenessPerSecond`, newest wins. */
  private relayAwareness(connection: RoomConnection, bytes: Uint8Array): void {
    const relay = this.awarenessRelays.get(connection) ?? { lastAt: 0, pending: null, timer: null }
    this.awarenessRelays.set(connection, relay)
    const interval = 1000 / this.options.maxAwarenessPerSecond
    const wait = relay.lastAt + interval - performance.now()
    relay.pending = bytes
    if (relay.timer) return
    const send = (): void => {
      relay.timer = null
      if (!relay.pending || connection.isClosed) return
      const message = frame(MessageType.awareness, relay.pending)
      relay.pending = null
      relay.lastAt = performance.now()
      for (const other of this.connections) if (other !== connection) other.socket.send(message)
    }
    if (wait <= 0) send()
    else relay.timer = setTimeout(send, wait)
  }

  private receiveControl(connection: RoomConnection, text: string): void {
    const message = parseClientControl(text)
    if (!message) throw new Error('malformed control message')
    if (message.type !== 'hello') return this.hooks.onRequest(this, connection, message)
    if (message.protocol !== PROTOCOL_VERSION) throw new Error(`control protocol ${message.protocol} unsupported`)
    connection.hasHello = true
    this.sendControl(connection, { type: 'welcome', protocol: PROTOCOL_VERSION, connectionId: connection.id })
    // Once nothing waits for a commit, the doc's state is exactly what is committed.
    this.runAfterCommit(() => this.sendControl(connection, { type: 'ack', clocks: stateClocks(this.stateVector()) }))
    this.hooks.onHello(this, connection)
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // A connection's own updates are relayed as received by relayAwareness; this covers leaves and timeouts.
    if (isConnection(origin)) return
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0 || this.connections.size === 0) return
    const message = frame(MessageType.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.connections) {
      if (connection !== origin) connection.socket.send(message)
    }
  }

  private runAfterCommit(task: () => void): void {
    if (this.pending.length === 0 && !this.isFlushing) task()
    else this.afterCommit.push(task)
  }

  private scheduleFlush(): void {
    if (this.isFlushScheduled || this.isFlushing) return
    this.isFlushScheduled = true
    setImmediate(() => void this.flush())
  }

  private async flush(): Promise<void> {
    this.isFlushScheduled = false
    if (this.isFlushing) return
    this.isFlushing = true
    try {
      while (this.pending.length > 0) {
        const batch = this.pending
        const acks = this.ackClocks
        this.pending = []
        this.ackClocks = new Map()
        this.lastSeq = await this.storage.appendUpdates(this.boardId, batch.map((entry) => entry.update))
        this.publish(batch, acks)
      }
    } catch (error) {
      this.failStorage(error)
      return
    } finally {
      this.isFlushing = false
    }
    const tasks = this.afterCommit
    this.afterCommit = []
    for (const task of tasks) task()
    if (this.lastSeq - this.seqAtSnapshot >= this.options.compactAfterUpdates && !this.isClosing) {
      this.compact().catch((error) => this.log.error('compaction failed', { room: this.boardId, error: String(error) }))
    }
  }

  private publish(batch: PendingUpdate[], acks: Map<RoomConnection, Clocks>): void {
    for (const { update, origin } of batch) {
      const message = frame(MessageType.sync, update, syncProtocol.messageYjsUpdate)
      for (const connection of this.connections) {
        if (connection !== origin && !connection.isClosed) connection.socket.send(message)
      }
    }
    for (const [connection, clocks] of acks) this.sendControl(connection, { type: 'ack', clocks })
  }

  private async compact(): Promise<void> {
    // Only committed state goes into a snapshot: nothing may be waiting for its commit.
    if (this.pending.length > 0 || this.isFlushing) return
    const throughSeq = this.lastSeq
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    this.seqAtSnapshot = throughSeq
    // Nothing waits for a commit here, so the snapshot is all the board takes once it is stored.
    this.storedBytes = snapshot.byteLength
    await this.storage.compact(this.boardId, snapshot, Y.encodeStateVector(this.doc), throughSeq)
    this.log.info('room compacted', { room: this.boardId, throughSeq, bytes: snapshot.byteLength })
  }

  /** The doc now holds updates that are not durable: drop the room so it reloads from storage. */
  private failStorage(error: unknown): void {
    this.log.error('storage commit failed; closing room', { room: this.boardId, error: String(error) })
    this.pending = []
    this.afterCommit = []
    this.isClosing = true
    for (const connection of this.connections) {
      connection.isClosed = true
      connection.socket.close(CloseCode.storageFailure, closeReason[CloseCode.storageFailure])
    }
    this.awareness.destroy()
    this.ydoc.destroy()
    this.resolveClosed()
  }
}

function frame(type: MessageType, payload: Uint8Array, syncStep?: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (syncStep !== undefined) encoding.writeVarUint(encoder, syncStep)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`
}

function mergeClocksInto(into: Clocks, from: Clocks): void {
  for (const client in from) {
    if ((into[client] ?? 0) < from[client]) into[client] = from[client]
  }
}

/** An encoded state vector as ack clocks. */
function stateClocks(stateVector: Uint8Array): Clocks {
  const clocks: Clocks = {}
  for (const [client, clock] of Y.decodeStateVector(stateVector)) clocks[client] = clock
  return clocks
}

function isConnection(value: unknown): value is RoomConnection {
  return typeof value === 'object' && value !== null && 'socket' in value && 'awarenessClientId' in value
}
