import { afterEach, describe, expect, it } from 'vitest'
import { createServer } from '../../server/createServer.js'
import { openPostgresStore } from '../../server/storage/postgres/openPostgresStore.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { createCollectingLogger } from '../helpers/collectingLogger.js'
import { liveClient } from '../helpers/liveEdits.js'
import { createTestSchema, hasPostgres, POSTGRES_URL } from '../helpers/postgres.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { startTcpProxy } from '../helpers/tcpProxy.js'
import { waitFor } from '../helpers/waitFor.js'

const HAS_POSTGRES = await hasPostgres()

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe.skipIf(!HAS_POSTGRES)('a room on PostgreSQL while the database goes away and comes back', () => {
  it('acks nothing it could not store: the room closes with storageFailure, and the board takes writes again once the database is back', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 })
    cleanups.push(() => proxy.close())
    const base = new URL(POSTGRES_URL)
    base.port = String(proxy.port)
    const schema = await createTestSchema(base.toString())
    cleanups.push(() => schema.drop())
    const log = createCollectingLogger()
    const store = await openPostgresStore(schema.url, { log, connectTimeoutMs: 1_000, queryTimeoutMs: 1_500 })
    cleanups.push(() => store.close())
    const server = await createServer({ storage: store.docs, workshops: { store: store.workshops }, log, port: 0, host: '127.0.0.1', distDir: null, limits: { idleUnloadMs: 0 } })
    cleanups.push(() => server.close())
    const syncUrl = `ws://127.0.0.1:${server.port}/sync`
    const created = await fetch(`${server.url}/api/boards`, { method: 'POST' })
    const boardId = ((await created.json()) as { id: string }).id

    const first = liveClient(await connectRawClient(syncUrl, boardId))
    cleanups.push(() => first.client.close())
    first.client.hello()
    const keptClock = first.write('shape:kept', 1)
    await waitFor(() => first.ackedClock() >= keptClock, { what: 'the ack of a write while the database is up' })

    proxy.drop()
    const lostClock = first.write('shape:refused', 2)
    expect(await first.client.closed).toMatchObject({ code: CloseCode.storageFailure })
    expect(first.ackedClock()).toBeLessThan(lostClock)
    expect(log.count('PostgreSQL is unreachable; writes are refused until it answers again')).toBe(1)

    proxy.resume()
    // A client that reconnects finds the board as stored: the acked write, not the refused one, and it can write again.
    const again = liveClient(await waitFor(() => connectRawClient(syncUrl, boardId), { timeoutMs: 10_000, what: 'the board to open again' }))
    cleanups.push(() => again.client.close())
    again.client.hello()
    expect([again.records.has('shape:kept'), again.records.has('shape:refused')]).toEqual([true, false])
    const laterClock = again.write('shape:later', 3)
    await waitFor(() => again.ackedClock() >= laterClock, { what: 'the ack of a write once the database is back' })
    expect(log.count('PostgreSQL answers again')).toBe(1)
  })
})
