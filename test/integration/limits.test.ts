import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { geoShape } from '../helpers/geoShape.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: (RawClient | StockClient)[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) ('destroy' in client ? client.destroy() : client.close())
  await ctx.close({ removeData: true })
})

/** The update that writes one shape record from this client's doc, sent as its own message. */
function writeShape(client: RawClient, id: string, x: number): number {
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update)
  client.doc.on('update', listener)
  new YKeyValue<unknown>(client.doc.getArray(RECORDS_KEY)).set(id, geoShape(id, x))
  client.doc.off('update', listener)
  const update = Y.mergeUpdates(updates)
  client.sendUpdate(update)
  return update.byteLength
}

const storedBytes = async (boardId: string) => {
  const stored = await ctx.storage.loadDoc(boardId)
  return (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0)
}

describe('limits on updates (DESIGN.md invariant 6)', () => {
  it('closes a connection that sends more than maxUpdatesPerSecond with 4529 and keeps serving the others', async () => {
    ctx = await startTestServer({ limits: { maxUpdatesPerSecond: 20 } })
    const boardId = await ctx.createBoard()
    const flooder = await connectRawClient(ctx.syncUrl, boardId)
    flooder.hello()
    const reader = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(flooder, reader)
    for (let i = 0; i < 100; i++) writeShape(flooder, 'shape:flood', i)
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited)
    expect(flooder.control).toContainEqual(expect.objectContaining({ type: 'rejected', reason: 'rateLimited' }))
    // The burst allowance is two seconds' worth: the first 40 go through (a few more if the server was slow to
    // read them and the allowance refilled meanwhile), the rest do not; what went through is stored and seen.
    let stored = 0
    await waitFor(async () => {
      stored = (await ctx.storage.loadDoc(boardId)).updates.length
      return stored >= 40 && (reader.records.get('shape:flood') as { x: number } | undefined)?.x === stored - 1
    }, { what: 'the allowed updates stored and seen' })
    expect(stored).toBeLessThan(50)

    const writer = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(writer)
    writer.records.set('shape:calm', geoShape('shape:calm'))
    await waitFor(() => reader.records.get('shape:calm') !== undefined, { what: 'a calm writer to get through' })
  })

  it('refuses the update that would grow a board past maxDocBytes with 4413, and stores nothing of it', async () => {
    ctx = await startTestServer({ limits: { maxDocBytes: 20_000 } })
    const boardId = await ctx.createBoard()
    const writer = await connectRawClient(ctx.syncUrl, boardId)
    writer.hello()
    clients.push(writer)
    let written = 0
    let accepted = 0
    while (written < 30_000) {
      written += writeShape(writer, `shape:s${accepted}`, accepted)
      if (written <= 20_000) accepted++
    }
    expect((await writer.closed).code).toBe(CloseCode.boardTooLarge)
    expect(writer.control).toContainEqual(expect.objectContaining({ type: 'rejected', reason: 'boardTooLarge', params: { mib: 0.02 } }))
    await waitFor(async () => !ctx.server.registry.isLoaded(boardId), { what: 'the room to unload' })
    expect(await storedBytes(boardId)).toBeLessThanOrEqual(20_000)

    const reader = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(reader)
    const ids = [...reader.records.map.keys()].filter((id) => id.startsWith('shape:s'))
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.length).toBeLessThanOrEqual(accepted)
  })
})
