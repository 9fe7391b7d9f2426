import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { createServer, type ServerHandle } from '../../server/createServer.js'
import { silentLogger } from '../../server/log.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { openSqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
import { MessageType } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { connectStockClient, geoShape } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

/**
 * Our DocStorage over the real SQLite store whose appends wait at a gate the
 * test opens: shows what happens between apply and commit. The commit itself
 * runs on the storage thread, so it cannot be paused from inside; the gate
 * holds each append on the main thread before it is handed over.
 */
function gatedStorage(inner: DocStorage) {
  let gate: Promise<void> = Promise.resolve()
  let open = (): void => {}
  const committed: number[] = []
  const entered: number[] = []
  const storage: DocStorage = {
    ...inner,
    kind: inner.kind,
    async appendUpdates(id, updates) {
      entered.push(updates.length)
      await gate
      const seq = await inner.appendUpdates(id, updates)
      committed.push(seq)
      return seq
    },
  }
  return {
    storage,
    committed,
    entered,
    hold() {
      gate = new Promise((resolve) => (open = resolve))
    },
    release: () => open(),
  }
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A real server over the real SQLite store (worker thread) behind the gate, with one open board. */
async function startGatedServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuilu-gate-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const store = await openSqliteStore(join(dataDir, 'kuilu.sqlite'), { thread: 'worker' })
  cleanups.push(() => store.close())
  const gated = gatedStorage(store.docs)
  const server: ServerHandle = await createServer({ storage: gated.storage, log: silentLogger, port: 0, host: '127.0.0.1', distDir: null })
  // Opened before the server closes, so a test that fails while holding a commit cannot hang the shutdown.
  cleanups.push(() => server.close(), () => gated.release())
  const boardId = 'GATEDGATEDGATEDGATED00'
  await store.docs.createBoard({ id: boardId, createdAt: Date.now(), initialUpdate: null, workshop: null })
  return { gated, boardId, syncUrl: `ws://127.0.0.1:${server.port}/sync` }
}

/** A y-websocket frame: its message type, then (for sync) the step and a payload. */
function wireFrame(type: number, sync?: { step: number; payload: Uint8Array }): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (sync) {
    encoding.writeVarUint(encoder, sync.step)
    encoding.writeVarUint8Array(encoder, sync.payload)
  }
  return encoding.toUint8Array(encoder)
}

/** A client's update adding one shape, and the client's id to find it in acks. */
function shapeUpdate(id: string) {
  const source = new Y.Doc()
  new YKeyValue<unknown>(source.getArray(RECORDS_KEY)).set(id, geoShape(id))
  return { update: Y.encodeStateAsUpdate(source), clientId: String(source.clientID) }
}

describe('durable before visible', () => {
  it('broadcasts and acks an update only after it is committed', async () => {
    const { gated, boardId, syncUrl } = await startGatedServer()
    const watcher = await connectStockClient(syncUrl, boardId)
    cleanups.push(() => watcher.destroy())
    const sender = await connectRawClient(syncUrl, boardId)
    cleanups.push(() => sender.close())
    sender.hello()
    await waitFor(() => sender.control.some((m) => m.type === 'ack'), { what: 'initial ack' })
    const acksBefore = sender.control.filter((m) => m.type === 'ack').length

    gated.hold()
    const shape = shapeUpdate('shape:gated')
    sender.sendUpdate(shape.update)

    // While the commit waits: nobody has seen the update and no ack went out.
    await waitFor(() => gated.entered.length > 0, { what: 'the commit to start' })
    expect(watcher.records.has('shape:gated')).toBe(false)
    expect(sender.control.filter((m) => m.type === 'ack')).toHaveLength(acksBefore)
    expect(gated.committed).toEqual([])

    gated.release()
    await waitFor(() => watcher.records.has('shape:gated'), { what: 'broadcast after commit' })
    await waitFor(() => sender.control.some((m) => m.type === 'ack' && m.clocks[shape.clientId] === 1), { what: 'ack after commit' })
    expect(gated.committed.length).toBeGreaterThan(0)
  })

  it("holds a joiner's sync step 2 until the commit returns", async () => {
    const { gated, boardId, syncUrl } = await startGatedServer()
    const sender = await connectRawClient(syncUrl, boardId)
    cleanups.push(() => sender.close())
    gated.hold()
    sender.sendUpdate(shapeUpdate('shape:gated').update)
    await waitFor(() => gated.entered.length > 0, { what: 'the commit to start' })

    // A joiner asks for the board, then for awareness: the server answers frames in order, so the awareness reply proves it has read the sync step 1.
    const joiner = new WebSocket(`${syncUrl}/${boardId}`)
    cleanups.push(() => joiner.close())
    const received: { type: number; step: number | null; payload: Uint8Array | null }[] = []
    joiner.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      const step = type === MessageType.sync ? decoding.readVarUint(decoder) : null
      received.push({ type, step, payload: step === null ? null : decoding.readVarUint8Array(decoder) })
    })
    await new Promise((resolve, reject) => joiner.once('open', resolve).once('error', reject))
    joiner.send(wireFrame(MessageType.sync, { step: syncProtocol.messageYjsSyncStep1, payload: Y.encodeStateVector(new Y.Doc()) }))
    joiner.send(wireFrame(MessageType.queryAwareness))
    await waitFor(() => received.some((frame) => frame.type === MessageType.awareness), { what: 'the awareness reply' })
    const stepTwo = () => received.find((frame) => frame.step === syncProtocol.messageYjsSyncStep2)
    expect(stepTwo()).toBeUndefined()
    expect(gated.committed).toEqual([])

    gated.release()
    const reply = await waitFor(() => stepTwo()?.payload, { what: 'sync step 2 after the commit' })
    expect(gated.committed.length).toBeGreaterThan(0)
    const joined = new Y.Doc()
    Y.applyUpdate(joined, reply as Uint8Array)
    expect(new YKeyValue<unknown>(joined.getArray(RECORDS_KEY)).has('shape:gated')).toBe(true)
  })
})
