import { afterEach, describe, expect, it } from 'vitest'
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
})
