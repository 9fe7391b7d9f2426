import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
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
import { mergeClocksInto, stateClocks } from './clocks.js'
import { frame, isConnection } from './frame.js'
import { inspectUpdate } from './inspectUpdate.js'
import { isNoopUpdate } from './isNoopUpdate.js'
import { RoomPresence } from './RoomPresence.js'
import { UpdateAllowances } from './UpdateAllowances.js'

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
 * One board in memory: its Y.Doc, its presence (RoomPresence) and the connections on it.
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
  readonly connections = new Set<RoomConnection>()
  readonly presence: RoomPresence
  /** Resolves once the room has flushed, compacted and released its doc. */
  readonly closed: Promise<void>
  isClosing = false

  private pending: PendingUpdate[] = []
  private isFlushScheduled = false
  private isFlushing = false
  private afterCommit: (() => void)[] = []
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
  private readonly allowances: UpdateAllowances<RoomConnection>
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
    this.allowances = new UpdateAllowances(options.maxUpdatesPerSecond)
    this.presence = new RoomPresence(this.ydoc, this.connections, options.maxAwarenessPerSecond, (connection, state) => hooks.stampAwareness(connection, state))
    this.ydoc.getArray(RECORDS_KEY)
    this.ydoc.getMap(META_KEY)
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null
      if (isConnection(origin)) this.pending.push({ update, origin })
    })
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
    this.presence.sendStates(connection, false)
  }

  /** Removes a connection and, for everyone at once, the awareness it owned. */
  leave(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.allowances.forget(connection)
    this.presence.leave(connection)
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
        return this.presence.receive(connection, decoding.readVarUint8Array(decoder))
      case MessageType.queryAwareness:
        return this.presence.sendStates(connection, true)
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
      this.presence.destroy()
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
    if (!this.allowances.take(connection)) {
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
    this.presence.destroy()
    this.ydoc.destroy()
    this.resolveClosed()
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`
}
