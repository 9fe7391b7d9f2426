import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, geoShape, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: StockClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await ctx.close({ removeData: true })
})

describe('compaction', () => {
  it('folds the update log into a snapshot past the threshold while the room stays loaded', async () => {
    ctx = await startTestServer({ limits: { compactAfterUpdates: 5 } })
    const boardId = await ctx.createBoard()
    const writer = await connectStockClient(ctx.syncUrl, boardId)
    const reader = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(writer, reader)
    for (let i = 0; i < 12; i++) {
      writer.records.set('shape:moved', geoShape('shape:moved', i))
      await waitFor(() => (reader.records.get('shape:moved') as { x: number } | undefined)?.x === i, { what: `edit ${i}` })
    }
    await waitFor(async () => (await ctx.storage.loadDoc(boardId)).snapshot !== null, { what: 'a snapshot' })
    const stored = await ctx.storage.loadDoc(boardId)
    expect(stored.updates.length).toBeLessThan(12)
    expect(stored.lastSeq).toBeGreaterThanOrEqual(12)
    expect(ctx.server.registry.isLoaded(boardId)).toBe(true)

    const late = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(late)
    expect(late.records.get('shape:moved')).toEqual(geoShape('shape:moved', 11))
  })

  it('serves a cold join of a compacted board from the stored snapshot, and builds the doc on the first write', async () => {
    ctx = await startTestServer()
    const boardId = await ctx.createBoard()
    const writer = await connectStockClient(ctx.syncUrl, boardId)
    writer.doc.transact(() => {
      for (let i = 0; i < 50; i++) writer.records.set(`shape:s${i}`, geoShape(`shape:s${i}`, i))
    })
    const check = await connectStockClient(ctx.syncUrl, boardId)
    await waitFor(() => check.records.get('shape:s49') !== undefined, { what: 'the shapes to arrive' })
    writer.destroy()
    check.destroy()
    await waitFor(() => !ctx.server.registry.isLoaded(boardId), { what: 'the room to unload' })
    const stored = await ctx.storage.loadDoc(boardId)
    expect(stored.updates).toEqual([])
    expect(stored.snapshotStateVector).not.toBeNull()

    const reader = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(reader)
    expect(reader.records.get('shape:s49')).toEqual(geoShape('shape:s49', 49))
    const room = await ctx.server.registry.loadedRoom(boardId)
    expect(room?.isDocDeferred).toBe(true)

    const editor = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(editor)
    editor.records.set('shape:s0', geoShape('shape:s0', 1000))
    await waitFor(() => (reader.records.get('shape:s0') as { x: number } | undefined)?.x === 1000, { what: 'the edit to reach the reader' })
    expect(room?.isDocDeferred).toBe(false)
    expect(editor.records.get('shape:s49')).toEqual(geoShape('shape:s49', 49))
  })

  it('syncs a client that comes back with offline edits to a board served from its stored snapshot', async () => {
    ctx = await startTestServer()
    const boardId = await ctx.createBoard()
    const first = await connectStockClient(ctx.syncUrl, boardId)
    first.records.set('shape:before', geoShape('shape:before', 1))
    await waitFor(async () => (await ctx.storage.loadDoc(boardId)).updates.length > 0, { what: 'the edit stored' })
    const offlineDoc = first.doc
    first.provider.destroy()
    await waitFor(() => !ctx.server.registry.isLoaded(boardId), { what: 'the room to unload' })
    new YKeyValue<Record<string, unknown>>(offlineDoc.getArray(RECORDS_KEY)).set('shape:offline', geoShape('shape:offline', 2))

    const reader = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(reader)
    expect((await ctx.server.registry.loadedRoom(boardId))?.isDocDeferred).toBe(true)
    const back = await connectStockClient(ctx.syncUrl, boardId, { doc: offlineDoc })
    clients.push(back)
    await waitFor(() => reader.records.get('shape:offline') !== undefined, { what: 'the offline edit to reach the reader' })
    expect(reader.records.get('shape:before')).toEqual(geoShape('shape:before', 1))
    expect(back.records.get('shape:before')).toEqual(geoShape('shape:before', 1))
  })
})
