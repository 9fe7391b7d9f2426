import { afterEach, describe, expect, it } from 'vitest'
import { openPostgresStore, type PostgresStore } from '../../server/storage/postgres/openPostgresStore.js'
import { createCollectingLogger } from '../helpers/collectingLogger.js'
import { createTestSchema, hasPostgres, POSTGRES_URL, type TestSchema } from '../helpers/postgres.js'
import { closedPort, startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js'
import { waitFor } from '../helpers/waitFor.js'

const HAS_POSTGRES = await hasPostgres()
const UNREACHABLE = 'PostgreSQL is unreachable; writes are refused until it answers again'
const BACK = 'PostgreSQL answers again'
/** Short waits, so a database that stops answering fails a call in about a second rather than the default 15. */
const TIMEOUTS = { connectTimeoutMs: 1_000, queryTimeoutMs: 1_500 }
const bytes = (...values: number[]) => new Uint8Array(values)

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A store on a fresh schema, reached through a proxy the test controls, logging into `log`. */
async function storeBehindProxy() {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 })
  cleanups.push(() => proxy.close())
  const base = new URL(POSTGRES_URL)
  base.port = String(proxy.port)
  const schema = await createTestSchema(base.toString())
  cleanups.push(() => schema.drop())
  const log = createCollectingLogger()
  const store = await openPostgresStore(schema.url, { log, ...TIMEOUTS })
  cleanups.push(() => store.close())
  return { proxy, schema, log, store }
}

/** How each call settled, and how long the slowest took: nothing may hang. */
async function settle(calls: Promise<unknown>[]): Promise<{ outcomes: string[]; ms: number }> {
  const started = performance.now()
  const outcomes = (await Promise.allSettled(calls)).map((result) => result.status)
  return { outcomes, ms: performance.now() - started }
}


async function expectOutageAndReturn(ctx: { proxy: TcpProxy; log: ReturnType<typeof createCollectingLogger>; store: PostgresStore }, cut: () => void, bound: number) {
  const { proxy, log, store } = ctx
  expect(await store.docs.appendUpdates('board', [bytes(1)])).toBe(1)
  cut()
  const away = await settle([
    store.docs.appendUpdates('board', [bytes(2)]),
    store.docs.appendUpdates('other', [bytes(3)]),
    store.docs.loadDoc('board'),
    store.workshops.setBoardLocked('board', true),
    store.docs.compact('board', bytes(9), bytes(9), 1),
  ])
  expect(away.outcomes).toEqual(Array(5).fill('rejected'))
  expect(away.ms).toBeLessThan(bound)
  // Five failed calls, one line: an operator reads one reason per outage, not one per room.
  expect(log.lines.filter((line) => line.message === UNREACHABLE)).toEqual([{ level: 'error', message: UNREACHABLE, fields: { database: expect.stringContaining('postgres@127.0.0.1:'), reason: expect.any(String) } }])
  expect(await settle([store.docs.appendUpdates('board', [bytes(4)])])).toMatchObject({ outcomes: ['rejected'] })
  expect(log.count(UNREACHABLE)).toBe(1)

  proxy.resume()
  // The pool reconnects on its own: the next write after the return commits, with the numbers after what was committed.
  expect(await waitFor(() => store.docs.appendUpdates('board', [bytes(5)]).catch(() => 0), { timeoutMs: 10_000, what: 'a write once PostgreSQL is back' })).toBe(2)
  expect(await store.docs.loadDoc('board')).toMatchObject({ updates: [bytes(1), bytes(5)], lastSeq: 2 })
  expect(await store.docs.appendUpdates('other', [bytes(6)])).toBe(1)
  expect(log.count(BACK)).toBe(1)
}

describe.skipIf(!HAS_POSTGRES)('PostgreSQL going away at run time', () => {
  it('refuses every call at once while the database is gone (connections cut, new ones refused), logs one line, and recovers by itself', async () => {
    const ctx = await storeBehindProxy()
    await expectOutageAndReturn(ctx, () => ctx.proxy.drop(), 1_000)
  })

  it('fails every call within its timeout while the network carries nothing (no hang), logs one line, and recovers by itself', async () => {
    const ctx = await storeBehindProxy()
    await expectOutageAndReturn(ctx, () => ctx.proxy.pause(), TIMEOUTS.queryTimeoutMs + TIMEOUTS.connectTimeoutMs + 1_500)
  })

  it('survives the database dropping idle connections (a restart) without a call failing afterwards', async () => {
    const { proxy, log, store } = await storeBehindProxy()
    await Promise.all([store.docs.appendUpdates('board', [bytes(1)]), store.workshops.isBoardLocked('board'), store.docs.loadDoc('board')])
    proxy.drop()
    await waitFor(() => proxy.openConnections === 0, { what: 'the proxy to cut every connection' })
    proxy.resume()
    expect(await store.docs.appendUpdates('board', [bytes(2)])).toBe(2)
    expect(log.lines.filter((line) => line.level === 'error').length).toBeLessThanOrEqual(1)
  })
})

describe.skipIf(!HAS_POSTGRES)('PostgreSQL that cannot be opened', () => {
  let schema: TestSchema | null = null
  afterEach(async () => {
    await schema?.drop()
    schema = null
  })

  it.each([
    { case: 'a URL that does not parse', url: () => 'postgres://kuilu:s3cret@[::1/test', error: /DATABASE_URL is not a valid URL/ },
    { case: 'a URL of another scheme', url: () => 'mysql://kuilu:s3cret@127.0.0.1/test', error: /must start with postgres:\/\// },
    { case: 'a port where nothing listens', url: async () => `postgres://kuilu:s3cret@127.0.0.1:${await closedPort()}/test`, error: /PostgreSQL at kuilu@127\.0\.0\.1:\d+\/test could not be opened: ECONNREFUSED/ },
    { case: 'a database that does not exist', url: () => 'postgres://postgres:s3cret@127.0.0.1:5432/kuilu_no_such_db', error: /could not be opened: 3D000: database "kuilu_no_such_db" does not exist/ },
    { case: 'a role the database refuses', url: () => 'postgres://kuilu_no_such_role:s3cret@127.0.0.1:5432/test', error: /could not be opened: 28000: role "kuilu_no_such_role" does not exist/ },
  ])('refuses $case with a message that says which, without the password', async (row) => {
    const started = performance.now()
    const failure = await openPostgresStore(await row.url(), TIMEOUTS).then(
      (store) => (store.close(), null),
      (error: Error) => error,
    )
    expect(failure?.message).toMatch(row.error)
    expect(failure?.message).not.toContain('s3cret')
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('refuses a database that stops answering while it opens, within the connect timeout', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 })
    cleanups.push(() => proxy.close())
    proxy.pause()
    const started = performance.now()
    await expect(openPostgresStore(`postgres://postgres@127.0.0.1:${proxy.port}/test`, TIMEOUTS)).rejects.toThrow(/could not be opened: .*timeout/i)
    expect(performance.now() - started).toBeLessThan(TIMEOUTS.connectTimeoutMs + 2_000)
  })
})
