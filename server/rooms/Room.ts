import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { MessageType, PROTOCOL_VERSION, type ClientControlMessage, type Clocks } from '../../shared/protocol/messages.js'
import { reasonCloseCode, reasonText } from '../../shared/protocol/reasons.js'
import type { Refusal } from '../../shared/result.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import type { PresenceLimits } from '../../shared/schema/presenceState.js'
import type { SkippedEntry } from '../../shared/schema/readRecordEntries.js'
import type { Logger } from '../log.js'
import type { PubSub } from '../pubsub/PubSub.js'
import type { DocStorage } from '../storage/DocStorage.js'
import { AckLedger } from './AckLedger.js'
import type { KeyedAllowance } from './Allowances.js'
import { CommitPipeline, type CommittedBatch } from './CommitPipeline.js'
import type { Connection } from './Connection.js'
import { decodeFrame, type Frame } from './decodeFrame.js'
import { frame, permissionDenied } from './frame.js'
import { inspectUpdate } from './inspectUpdate.js'
import { isNoopUpdate } from './isNoopUpdate.js'
import { clearPending, pendingBytes } from './pendingStructs.js'
import { readShapes } from './readShapes.js'
import { warnSkippedRecords } from './warnSkippedRecords.js'
import type { RoomContext, RoomHooks } from './RoomHooks.js'
import { RoomFanout } from './RoomFanout.js'
import { RoomPresence } from './RoomPresence.js'
import { stateClocks, stateVectorClocks } from './clocks.js'

/**
 * Who caused a change to a room's doc: a connection (stored, then broadcast),
 * storage (loading: already stored, sent to nobody), or another instance or
 * the log it wrote (already stored: sent to this instance's connections only).
 */
export type Origin = { readonly kind: 'connection'; readonly connection: Connection } | { readonly kind: 'storage' } | { readonly kind: 'remote' }

const FROM_STORAGE: Origin = { kind: 'storage' }
const FROM_REMOTE: Origin = { kind: 'remote' }

/** The allowances a room takes from for each kind of message; shared by every room of the server, kept across reconnects. */
export interface RoomAllowances {
  updates: KeyedAllowance
  control: KeyedAllowance
  awareness: KeyedAllowance
}

/** Room tuning; every limit is named (DESIGN.md invariant 6). */
export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Most awareness relays per second per connection; faster ones are coalesced into the latest. */
  maxAwarenessPerSecond: number
  /** Largest a board may grow in stored bytes (snapshot plus logged updates); an update past it is refused with 4413. */
  maxDocBytes: number
  /** Most bytes of updates a room holds waiting for changes it has not seen (Yjs pending structs); past it the sender is closed with 4503. */
  maxPendingBytes: number
  presenceLimits: PresenceLimits
  allowances: RoomAllowances
  /** The other instances serving the same boards; the single-process default hears nobody. */
  pubsub: PubSub
}

/**
 * One board in memory: its Y.Doc, its presence and the connections on it.
 * Frames are decoded whole before anything acts on them; any frame that is
 * malformed, or anything that throws while one is handled, closes only its
 * own connection. Updates are checked (role, lock, size, records), applied,
 * and handed to the commit pipeline; they are broadcast and acked only once
 * committed, acks from the committed state. A compacted board is served from
 * its stored snapshot until someone needs more than the full state.
 */
export class Room {
  readonly connections = new Set<Connection>()
  readonly presence: RoomPresence
  /** Resolves once the room has committed, compacted and released its doc. */
  readonly closed: Promise<void>
  readonly context: RoomContext
  private readonly ydoc = new Y.Doc({ gc: true })
  private readonly pipeline: CommitPipeline<Connection>
  private readonly fanout: RoomFanout
  /** The doc's full state, encoded once for every client that joins with nothing (cleared on each change). */
  private fullState: Uint8Array | null = null
  /** A compacted board's stored snapshot, not applied to the doc until the doc is needed. */
  private deferred: { snapshot: Uint8Array; stateVector: Uint8Array } | null = null
  private readonly acks = new AckLedger()
  private closing: Promise<void> | null = null
  private resolveClosed!: () => void

  private constructor(
    readonly boardId: BoardId,
    storage: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    private readonly hooks: RoomHooks,
    start: { lastSeq: number; seqAtSnapshot: number; storedBytes: number },
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    this.presence = new RoomPresence(this.ydoc, this.connections, {
      maxPerSecond: options.maxAwarenessPerSecond,
      limits: options.presenceLimits,
      stamp: (connection, state) => hooks.stampPresence(connection, state),
      log,
    })
    this.pipeline = new CommitPipeline<Connection>(boardId, storage, log, options.compactAfterUpdates, {
      cutClocks: () => stateClocks(this.ydoc),
      snapshot: () => ({ update: Y.encodeStateAsUpdate(this.doc), stateVector: Y.encodeStateVector(this.doc) }),
      committed: (batch) => this.publish(batch),
      failed: () => void this.close(CloseCode.storageFailure, 'a commit failed'),
      appliedSeq: () => this.fanout.seenSeq,
    }, start)
    this.ydoc.getArray(RECORDS_KEY)
    this.ydoc.getMap(META_KEY)
    this.ydoc.on('update', (update: Uint8Array, origin: Origin | null) => {
      this.fullState = null
      if (origin?.kind === 'connection') this.pipeline.add(update, origin.connection)
      // Durable already (another instance committed it): only what is new here goes to this instance's connections.
      if (origin?.kind === 'remote') this.sendToAll(frame(MessageType.sync, update, syncProtocol.messageYjsUpdate))
    })
    this.fanout = new RoomFanout(boardId, options.pubsub, storage, log, {
      applyRemote: (updates) => this.doc.transact(() => updates.forEach((update) => Y.applyUpdate(this.ydoc, update)), FROM_REMOTE),
      remotePresence: (update) => this.presence.receiveRemote(update),
      remoteControl: (message) => {
        this.hooks.onRemoteControl(this.context, message)
        for (const connection of this.connections) connection.sendControl(message)
      },
      remoteSignal: (what) => this.hooks.onRemoteSignal(this.context, what),
    }, start.lastSeq)
    this.presence.onPublish((update) => this.fanout.publish({ kind: 'presence', update }))
    this.context = this.createContext()
  }

  /** Loads a board from storage into a new room. */
  static async load(boardId: BoardId, storage: DocStorage, log: Logger, options: RoomOptions, hooks: RoomHooks): Promise<Room> {
    const stored = await storage.loadDoc(boardId)
    const storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0)
    const room = new Room(boardId, storage, log, options, hooks, { lastSeq: stored.lastSeq, seqAtSnapshot: stored.lastSeq - stored.updates.length, storedBytes })
    if (stored.snapshot && stored.snapshotStateVector && stored.updates.length === 0) {
      // A compacted board's snapshot already is its full state: a cold join sends it as stored.
      room.deferred = { snapshot: stored.snapshot, stateVector: stored.snapshotStateVector }
      room.fullState = stored.snapshot
      room.acks.setCommitted(stateVectorClocks(stored.snapshotStateVector))
      return room
    }
    room.ydoc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.ydoc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(room.ydoc, update)
    }, FROM_STORAGE)
    if (stored.snapshot && stored.updates.length === 0) room.fullState = stored.snapshot
    room.acks.setCommitted(stateClocks(room.ydoc))
    return room
  }

  /** Whether the stored snapshot still waits to be applied (the doc was not needed yet). */
  get isDocDeferred(): boolean {
    return this.deferred !== null
  }

  /** Whether the room is closing or closed. */
  get isClosing(): boolean {
    return this.closing !== null
  }

  /** Adds a connection: sends sync step 1 and the awareness states it has not seen. */
  join(connection: Connection): void {
    this.connections.add(connection)
    connection.send(frame(MessageType.sync, this.stateVector(), syncProtocol.messageYjsSyncStep1))
    this.presence.sendStates(connection, false)
  }

  /** Removes a connection and, for everyone at once, the awareness it owned. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.acks.forget(connection)
    this.presence.leave(connection)
    this.hooks.onLeave(this.context, connection)
  }

  /** Handles one binary frame from a connection. Never throws: a bad frame closes its own connection with a named code. */
  receive(connection: Connection, bytes: Uint8Array): void {
    if (!connection.isOpen || this.closing) return
    try {
      const decoded = decodeFrame(bytes)
      if (!decoded.ok) return this.refuse(connection, decoded)
      this.handle(connection, decoded.value)
    } catch (error) {
      this.refuse(connection, { reason: 'badMessage', detail: error instanceof Error ? error.message : String(error) })
    }
  }

  /** Resolves when everything applied so far is committed and broadcast; rejects if that commit fails. */
  whenCommitted(): Promise<void> {
    return this.pipeline.whenCommitted()
  }

  /** Closes every connection with `code` (logged with `detail`), commits what is gathered, compacts, and releases the doc. Idempotent, never rejects. */
  close(code: CloseCode = CloseCode.goingAway, detail?: string): Promise<void> {
    if (this.closing) return this.closing
    this.log.info('room closing', { room: this.boardId, code, detail, connections: this.connections.size })
    for (const connection of this.connections) connection.close(code, detail)
    this.closing = this.pipeline.close().finally(() => {
      this.fanout.close()
      this.presence.destroy()
      this.ydoc.destroy()
      this.resolveClosed()
    })
    return this.closing
  }

  /** The board's doc, with any stored snapshot applied. */
  private get doc(): Y.Doc {
    if (this.deferred) {
      const { snapshot } = this.deferred
      this.deferred = null
      Y.applyUpdate(this.ydoc, snapshot, FROM_STORAGE)
      this.fullState = snapshot
    }
    return this.ydoc
  }

  /** The doc's state vector, read from storage while the snapshot is not applied. */
  private stateVector(): Uint8Array {
    return this.deferred ? this.deferred.stateVector : Y.encodeStateVector(this.ydoc)
  }

  private handle(connection: Connection, message: Frame): void {
    const { allowances } = this.options
    switch (message.type) {
      case 'sync-step1':
        return this.replyToStep1(connection, message.stateVector, message.isEmpty)
      case 'update':
        return this.receiveUpdate(connection, message.update)
      case 'awareness': {
        const received = this.presence.receive(connection, message.entries, () => allowances.awareness.take(connection.allowanceKey, connection.address))
        return received.ok ? undefined : this.refuse(connection, received)
      }
      case 'query-awareness':
        return this.presence.sendStates(connection, true)
      case 'control':
        if (!allowances.control.take(connection.allowanceKey, connection.address)) return this.refuse(connection, { reason: 'rateLimited', detail: 'control messages' })
        return this.receiveControl(connection, message.message)
      case 'auth':
        return
    }
  }

  /** A reply is a read: it shows the doc as committed, never an update before it is durable. */
  private replyToStep1(connection: Connection, stateVector: Uint8Array, isEmpty: boolean): void {
    const read = (): Uint8Array => {
      const update = isEmpty ? (this.fullState ??= Y.encodeStateAsUpdate(this.doc)) : Y.encodeStateAsUpdate(this.doc, stateVector)
      return frame(MessageType.sync, update, syncProtocol.messageYjsSyncStep2)
    }
    this.pipeline.readCommitted(read).then(
      (reply) => connection.send(reply),
      (error: unknown) => this.refuse(connection, { reason: 'badMessage', detail: `sync step 1: ${String(error)}` }),
    )
  }

  private receiveUpdate(connection: Connection, update: Uint8Array): void {
    // The empty update a client sends as sync step 2 when it has nothing new: no struct, no deletion.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) return
    if (!this.options.allowances.updates.take(connection.allowanceKey, connection.address)) return this.refuse(connection, { reason: 'rateLimited', detail: 'updates' })
    const denial = this.hooks.canWrite(connection)
    if (denial) {
      if (!isNoopUpdate(this.doc, update)) this.denyWrite(connection, denial)
      return
    }
    if (this.pipeline.storedBytes + update.byteLength > this.options.maxDocBytes && !isNoopUpdate(this.doc, update)) {
      return this.refuse(connection, { reason: 'boardTooLarge', params: { mib: Math.round((this.options.maxDocBytes / 1024 / 1024) * 100) / 100 } })
    }
    const inspected = inspectUpdate(this.doc, update)
    if (!inspected.ok) return this.refuse(connection, inspected)
    Y.applyUpdate(this.doc, update, connection.origin)
    if (pendingBytes(this.ydoc) > this.options.maxPendingBytes) {
      // Nothing pending was integrated, stored or acked; its senders resend it when they resync.
      clearPending(this.ydoc)
      return this.refuse(connection, { reason: 'pendingTooLarge', params: { bytes: this.options.maxPendingBytes } })
    }
    if (connection.hasControl) this.owe(connection, inspected.value)
  }

  /** Notes the clocks a connection is owed an ack for; a resend that added nothing is acked as soon as nothing waits for a commit. */
  private owe(connection: Connection, clocks: Clocks): void {
    this.acks.owe(connection, clocks)
    if (!this.pipeline.isSettled) return
    this.acks.setCommitted(stateClocks(this.ydoc))
    this.acks.settle()
  }

  private publish(batch: CommittedBatch<Connection>): void {
    for (const { update, origin } of batch.entries) {
      const message = frame(MessageType.sync, update, syncProtocol.messageYjsUpdate)
      for (const connection of this.connections) if (connection !== origin) connection.send(message)
    }
    this.acks.setCommitted(batch.clocks)
    this.acks.settle()
    this.fanout.committed(batch.firstSeq, batch.entries.map((entry) => entry.update))
  }

  private receiveControl(connection: Connection, message: ClientControlMessage): void {
    if (message.type !== 'hello') return this.hooks.onRequest(this.context, connection, message)
    if (message.protocol !== PROTOCOL_VERSION) return this.refuse(connection, { reason: 'protocolUnsupported', params: { protocol: PROTOCOL_VERSION } })
    connection.openControl()
    connection.sendControl({ type: 'welcome', protocol: PROTOCOL_VERSION, connectionId: connection.id })
    const read = (): Clocks => Object.fromEntries(this.deferred ? stateVectorClocks(this.deferred.stateVector) : stateClocks(this.ydoc))
    this.pipeline.readCommitted(read).then(
      (clocks) => connection.sendControl({ type: 'ack', clocks }),
      () => {},
    )
    this.hooks.onHello(this.context, connection)
  }

  /** Refuses what a connection sent: tells it why on the control channel and closes it with the reason's code (logged). */
  private refuse(connection: Connection, refusal: Refusal): void {
    connection.sendControl({ type: 'rejected', reason: refusal.reason, params: refusal.params, recordId: refusal.recordId })
    connection.close(reasonCloseCode(refusal.reason) ?? CloseCode.badMessage, refusal.detail ?? reasonText(refusal.reason))
  }

  /** Drops a write the connection may not make, and says so the y-websocket way and on the control channel. */
  private denyWrite(connection: Connection, denial: 'viewerReadOnly' | 'boardLocked'): void {
    connection.send(permissionDenied(reasonText(denial)))
    connection.sendControl({ type: 'rejected', reason: denial })
    this.log.warn('write denied', { room: this.boardId, conn: connection.id, reason: denial })
  }

  private sendToAll(bytes: Uint8Array): void {
    for (const connection of this.connections) connection.send(bytes)
  }

  /** People on the board on any instance: this instance's connections, and everyone whose stamped presence is here. */
  private onlinePersonIds(): Set<string> {
    const online = new Set<string>()
    for (const connection of this.connections) online.add(connection.personId)
    for (const state of this.presence.awareness.getStates().values()) {
      const personId = (state as { user?: { personId?: unknown } }).user?.personId
      if (typeof personId === 'string') online.add(personId)
    }
    return online
  }

  private createContext(): RoomContext {
    const room = this
    return {
      boardId: this.boardId,
      get isClosing() {
        return room.isClosing
      },
      connections: () => [...this.connections],
      broadcast: (message, except) => {
        for (const connection of this.connections) if (connection !== except) connection.sendControl(message)
        this.fanout.publish({ kind: 'control', message })
      },
      signal: (what) => this.fanout.publish({ kind: 'signal', what }),
      onlinePersonIds: () => this.onlinePersonIds(),
      readShapes: () => {
        const skipped: SkippedEntry[] = []
        const shapes = readShapes(this.doc, (entry) => skipped.push(entry))
        warnSkippedRecords(this.log, skipped, { room: this.boardId })
        return shapes
      },
      presenceClientId: (connection) => this.presence.clientIdOf(connection),
    }
  }
}
