import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, geoShape } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: { destroy(): void }[] = []
const track = <T extends { destroy(): void }>(client: T): T => (clients.push(client), client)

beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await ctx.close({ removeData: true })
})

/** Reads the board as stored: a fresh doc from the snapshot and log in storage. */
async function storedRecords(boardId: string): Promise<Map<string, unknown>> {
  const stored = await ctx.storage.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  const records = new YKeyValue<unknown>(doc.getArray(RECORDS_KEY))
  return new Map([...records.map].map(([key, entry]) => [key, entry.val]))
}

describe('sync with stock y-websocket clients', () => {
  it('two clients converge and a late joiner receives the full state', async () => {
    const boardId = await ctx.createBoard()
    const a = track(await connectStockClient(ctx.syncUrl, boardId))
    const b = track(await connectStockClient(ctx.syncUrl, boardId))
    a.records.set('shape:a', geoShape('shape:a', 10))
    b.records.set('shape:b', geoShape('shape:b', 20))
    await waitFor(() => a.records.has('shape:b') && b.records.has('shape:a'), { what: 'both shapes on both clients' })
    a.records.set('shape:b', geoShape('shape:b', 99))
    await waitFor(() => (b.records.get('shape:b') as { x: number }).x === 99, { what: 'overwrite reaches b' })

    const late = track(await connectStockClient(ctx.syncUrl, boardId))
    expect(late.records.get('shape:a')).toEqual(geoShape('shape:a', 10))
    expect(late.records.get('shape:b')).toEqual(geoShape('shape:b', 99))
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc))
  })

  it('sends stock clients no control message while a hello client is acked', async () => {
    const boardId = await ctx.createBoard()
    const stock = track(await connectStockClient(ctx.syncUrl, boardId))
    const raw = await connectRawClient(ctx.syncUrl, boardId)
    clients.push({ destroy: raw.close })
    raw.hello()
    const source = new Y.Doc()
    new YKeyValue<unknown>(source.getArray(RECORDS_KEY)).set('shape:x', geoShape('shape:x'))
    raw.sendUpdate(Y.encodeStateAsUpdate(source))
    stock.records.set('shape:y', geoShape('shape:y'))
    await waitFor(() => stock.records.has('shape:x'), { what: 'raw update at the stock client' })
    await waitFor(() => raw.control.some((m) => m.type === 'ack' && m.clocks[String(source.clientID)] === 1), { what: 'ack' })
    expect(raw.control[0]).toMatchObject({ type: 'welcome', protocol: 1 })
    expect(stock.unknownFrames).toEqual([])
  })

  it('does not echo an update to its sender', async () => {
    const boardId = await ctx.createBoard()
    const raw = await connectRawClient(ctx.syncUrl, boardId)
    clients.push({ destroy: raw.close })
    const other = track(await connectStockClient(ctx.syncUrl, boardId))
    const echoes: number[] = []
    raw.ws.on('message', (data: ArrayBuffer) => echoes.push(new Uint8Array(data)[0]))
    const kv = new YKeyValue<unknown>(raw.doc.getArray(RECORDS_KEY))
    raw.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && raw.sendUpdate(update))
    kv.set('shape:e', geoShape('shape:e'))
    await waitFor(() => other.records.has('shape:e'), { what: 'update at the other client' })
    other.records.set('shape:f', geoShape('shape:f'))
    await waitFor(() => kv.has('shape:f'), { what: 'reply at the sender' })
    expect(echoes.filter((type) => type === 0)).toHaveLength(1)
  })

  it('refuses an update holding an invalid record and leaves the stored board unchanged', async () => {
    const boardId = await ctx.createBoard()
    const good = track(await connectStockClient(ctx.syncUrl, boardId))
    good.records.set('shape:ok', geoShape('shape:ok'))
    await waitFor(async () => (await storedRecords(boardId)).has('shape:ok'), { what: 'valid shape stored' })
    const before = await ctx.storage.loadDoc(boardId)

    const bad = await connectRawClient(ctx.syncUrl, boardId)
    bad.hello()
    const badKv = new YKeyValue<Record<string, unknown>>(bad.doc.getArray(RECORDS_KEY))
    const updates: Uint8Array[] = []
    bad.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update))
    badKv.set('shape:ok', { ...geoShape('shape:ok'), props: { geo: 'not-a-shape' } })
    bad.sendUpdate(updates[0])
    const closed = await bad.closed
    expect(closed.code).toBe(CloseCode.invalidRecord)
    expect(bad.control.some((m) => m.type === 'rejected' && m.recordId === 'shape:ok')).toBe(true)

    good.records.set('shape:after', geoShape('shape:after'))
    await waitFor(async () => (await storedRecords(boardId)).has('shape:after'), { what: 'room still works' })
    const after = await storedRecords(boardId)
    expect(after.get('shape:ok')).toEqual(geoShape('shape:ok'))
    expect((await ctx.storage.loadDoc(boardId)).updates.slice(0, before.updates.length)).toEqual(before.updates)
    expect(good.records.get('shape:ok')).toEqual(geoShape('shape:ok'))
  })

  it('closes a connection to an unknown board with board-not-found', async () => {
    const client = await connectStockClient(ctx.syncUrl, 'AAAAAAAAAAAAAAAAAAAAAA', { waitForSync: false })
    track(client)
    const code = await new Promise<number>((resolve) => client.provider.on('connection-close', (event) => resolve(event!.code)))
    expect(code).toBe(CloseCode.boardNotFound)
  })

  it('unloads an empty room and loads it again from storage', async () => {
    const boardId = await ctx.createBoard()
    const a = await connectStockClient(ctx.syncUrl, boardId)
    a.records.set('shape:kept', geoShape('shape:kept', 5))
    await waitFor(async () => (await storedRecords(boardId)).has('shape:kept'), { what: 'stored' })
    expect(ctx.server.registry.isLoaded(boardId)).toBe(true)
    a.destroy()
    await waitFor(() => !ctx.server.registry.isLoaded(boardId), { what: 'room unloaded' })
    const stored = await ctx.storage.loadDoc(boardId)
    expect(stored.snapshot).not.toBeNull()
    expect(stored.updates).toEqual([])

    const b = track(await connectStockClient(ctx.syncUrl, boardId))
    expect(b.records.get('shape:kept')).toEqual(geoShape('shape:kept', 5))
  })
})

