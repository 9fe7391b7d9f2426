import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { silentLogger } from '../../server/log.js'
import { KeyedAllowance } from '../../server/rooms/Allowances.js'
import { Connection, type RoomSocket } from '../../server/rooms/Connection.js'
import { frame } from '../../server/rooms/frame.js'
import { Room, type RoomOptions } from '../../server/rooms/Room.js'
import { openBoardHooks } from '../../server/rooms/RoomHooks.js'
import { RoomRegistry } from '../../server/rooms/RoomRegistry.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { MessageType, PROTOCOL_VERSION } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { DEFAULT_PRESENCE_LIMITS } from '../../shared/schema/presenceState.js'
import { createLocalPubSub } from '../../server/pubsub/PubSub.js'
import { geoShape } from '../helpers/geoShape.js'
import { waitFor } from '../helpers/waitFor.js'

const BOARD = 'ROOMFAILROOMFAILROOMF0'
const generous = () => new KeyedAllowance({ perSecond: 1_000, burstSeconds: 2 }, { perSecond: 1_000, burstSeconds: 2 })
const OPTIONS: RoomOptions = {
  compactAfterUpdates: 500,
  maxAwarenessPerSecond: 30,
  maxDocBytes: 64 * 1024 * 1024,
  maxPendingBytes: 1024 * 1024,
  pubsub: createLocalPubSub(),
  presenceLimits: DEFAULT_PRESENCE_LIMITS,
  allowances: { updates: generous(), control: generous(), awareness: generous() },
}

/** Our socket interface in memory: frames the room sent, and the code it closed with. */
function memorySocket() {
  const socket = { frames: [] as Uint8Array[], closedWith: null as number | null }
  const room: RoomSocket = {
    send: (data) => void socket.frames.push(data),
    close: (code) => void (socket.closedWith ??= code),
    bufferedAmount: 0,
  }
  return { socket, room }
}

/** A connection on an open board over an in-memory socket. */
function connect(id: string) {
  const { socket, room } = memorySocket()
  const connection = new Connection({ id, boardId: BOARD, socket: room, address: '10.0.0.1', personId: `person-${id}`, session: null, log: silentLogger, maxBufferedBytes: 1 << 30 })
  return { connection, socket }
}

/** The sync messages (step 2 or update) a socket received, by sync step. */
function syncStepsIn(frames: readonly Uint8Array[]): number[] {
  return frames.flatMap((bytes) => {
    const decoder = decoding.createDecoder(bytes)
    return decoding.readVarUint(decoder) === MessageType.sync ? [decoding.readVarUint(decoder)] : []
  })
}

/** The control messages a socket received. */
function controlIn(frames: readonly Uint8Array[]): { type: string; clocks?: Record<string, number> }[] {
  return frames.flatMap((bytes) => {
    const decoder = decoding.createDecoder(bytes)
    return decoding.readVarUint(decoder) === MessageType.control ? [JSON.parse(decoding.readVarString(decoder))] : []
  })
}

const hello = (): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.control)
  encoding.writeVarString(encoder, JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }))
  return encoding.toUint8Array(encoder)
}
const step1 = (doc: Y.Doc) => frame(MessageType.sync, Y.encodeStateVector(doc), syncProtocol.messageYjsSyncStep1)
/** A client's update adding one valid shape record, as a sync update frame; and the client's id, to find it in acks. */
function shapeUpdate(id: string) {
  const doc = new Y.Doc()
  new YKeyValue<unknown>(doc.getArray(RECORDS_KEY)).set(id, geoShape(id))
  return { bytes: frame(MessageType.sync, Y.encodeStateAsUpdate(doc), syncProtocol.messageYjsUpdate), clientId: String(doc.clientID) }
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openStore(): Promise<SqliteStore> {
  const dir = mkdtempSync(join(tmpdir(), 'kuilu-room-failure-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const store = await openSqliteStore(join(dir, 'kuilu.sqlite'))
  cleanups.push(() => store.close())
  await store.docs.createBoard({ id: BOARD, createdAt: 1, initialUpdate: null, workshop: null })
  return store
}

/** Our DocStorage over the real one whose appends wait until the test opens the gate. */
function gated(inner: DocStorage) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  let entered = 0
  const storage: DocStorage = {
    ...inner,
    kind: `gated ${inner.kind}`,
    async appendUpdates(id, updates) {
      entered++
      await gate
      return inner.appendUpdates(id, updates)
    },
  }
  return { storage, open: () => open(), entered: () => entered }
}

describe('a room whose commit fails', () => {
  it('closes every connection with 4500, rejects its waiters, shows and acks nothing, and close() returns', { timeout: 10_000 }, async () => {
    const store = await openStore()
    const room = await Room.load(BOARD, store.docs, silentLogger, OPTIONS, openBoardHooks)
    cleanups.push(() => room.close())
    const writer = connect('writer')
    const joiner = connect('joiner-1')
    room.join(writer.connection)
    room.join(joiner.connection)
    room.receive(writer.connection, hello())
    await waitFor(() => controlIn(writer.socket.frames).some((message) => message.type === 'ack'), { what: 'the hello ack' })
    const framesBefore = joiner.socket.frames.length

    // The storage thread now refuses every call: the next commit fails for real.
    await store.close()
    const update = shapeUpdate('shape:lost')
    room.receive(writer.connection, update.bytes)
    room.receive(joiner.connection, step1(new Y.Doc()))
    const committed = room.whenCommitted()
    await expect(committed).rejects.toThrow()

    await waitFor(() => writer.socket.closedWith !== null && joiner.socket.closedWith !== null, { what: 'both sockets to close' })
    expect([writer.socket.closedWith, joiner.socket.closedWith]).toEqual([CloseCode.storageFailure, CloseCode.storageFailure])
    await room.close()
    await room.closed
    expect(syncStepsIn(joiner.socket.frames.slice(framesBefore))).toEqual([])
    expect(controlIn(writer.socket.frames).filter((message) => message.type === 'ack' && message.clocks?.[update.clientId])).toEqual([])
  })

  it('close() returns when it was called before a commit that then fails', { timeout: 10_000 }, async () => {
    const store = await openStore()
    const gate = gated(store.docs)
    const room = await Room.load(BOARD, gate.storage, silentLogger, OPTIONS, openBoardHooks)
    cleanups.push(() => room.close(), () => gate.open())
    const writer = connect('writer')
    room.join(writer.connection)
    room.receive(writer.connection, shapeUpdate('shape:late').bytes)
    await waitFor(() => gate.entered() === 1, { what: 'the commit to start' })
    const closing = room.close()
    expect(writer.socket.closedWith).toBe(CloseCode.goingAway)
    await store.close()
    gate.open()
    await closing
    await room.closed
  })

  it('lets the registry close all rooms after a failed commit', { timeout: 10_000 }, async () => {
    const store = await openStore()
    const registry = new RoomRegistry(store.docs, silentLogger, { ...OPTIONS, idleUnloadMs: 60_000 }, async () => openBoardHooks)
    cleanups.push(() => registry.closeAll())
    const writer = connect('writer')
    const room = await registry.join(BOARD, writer.connection)
    await store.close()
    room.receive(writer.connection, shapeUpdate('shape:gone').bytes)
    await waitFor(() => writer.socket.closedWith === CloseCode.storageFailure, { what: 'the 4500 close' })
    await registry.closeAll()
    expect(registry.size).toBe(0)
  })

  it('commits, then broadcasts and acks, when storage works (the same harness, as a control)', { timeout: 10_000 }, async () => {
    const store = await openStore()
    const room = await Room.load(BOARD, store.docs, silentLogger, OPTIONS, openBoardHooks)
    cleanups.push(() => room.close())
    const writer = connect('writer')
    const watcher = connect('watcher')
    room.join(writer.connection)
    room.join(watcher.connection)
    room.receive(writer.connection, hello())
    const update = shapeUpdate('shape:kept')
    room.receive(writer.connection, update.bytes)
    await room.whenCommitted()
    await waitFor(() => controlIn(writer.socket.frames).some((message) => message.type === 'ack' && message.clocks?.[update.clientId] === 1), { what: 'the ack' })
    expect(syncStepsIn(watcher.socket.frames)).toContain(syncProtocol.messageYjsUpdate)
    expect((await store.docs.loadDoc(BOARD)).lastSeq).toBe(1)
    expect([writer.socket.closedWith, watcher.socket.closedWith]).toEqual([null, null])
  })
})

describe('acks from the committed state', () => {
  it('never acks an update Yjs holds as pending; acks it once its dependency arrives and both are stored', { timeout: 10_000 }, async () => {
    const store = await openStore()
    const room = await Room.load(BOARD, store.docs, silentLogger, OPTIONS, openBoardHooks)
    cleanups.push(() => room.close())
    const writer = connect('writer')
    room.join(writer.connection)
    room.receive(writer.connection, hello())
    await waitFor(() => controlIn(writer.socket.frames).some((message) => message.type === 'ack'), { what: 'the hello ack' })

    const client = new Y.Doc()
    const records = new YKeyValue<unknown>(client.getArray(RECORDS_KEY))
    records.set('shape:first', geoShape('shape:first'))
    const first = Y.encodeStateAsUpdate(client)
    const afterFirst = Y.encodeStateVector(client)
    records.set('shape:second', geoShape('shape:second'))
    const second = Y.encodeStateAsUpdate(client, afterFirst)
    const clientId = String(client.clientID)
    const acked = () => controlIn(writer.socket.frames).flatMap((message) => (message.type === 'ack' && message.clocks?.[clientId] !== undefined ? [message.clocks[clientId]] : []))

    // The second change arrives first: its dependency is missing, so it is neither integrated nor stored.
    room.receive(writer.connection, frame(MessageType.sync, second, syncProtocol.messageYjsUpdate))
    await room.whenCommitted()
    expect(Math.max(0, ...acked())).toBe(0)
    expect((await store.docs.loadDoc(BOARD)).lastSeq).toBe(0)

    room.receive(writer.connection, frame(MessageType.sync, first, syncProtocol.messageYjsUpdate))
    await room.whenCommitted()
    await waitFor(() => acked().includes(Y.getState(client.store, client.clientID)), { what: 'the ack of both changes' })
    const stored = await store.docs.loadDoc(BOARD)
    const copy = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(copy, update)
    expect(new YKeyValue<unknown>(copy.getArray(RECORDS_KEY)).has('shape:second')).toBe(true)
    expect(writer.socket.closedWith).toBeNull()
  })
})
