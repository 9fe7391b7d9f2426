import { afterEach, describe, expect, it } from 'vitest'
import { createTestSchema, hasPostgres, withClient, type TestSchema } from '../helpers/postgres.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { seededRandom } from '../helpers/seededRandom.js'
import { createOpenBoard, createServerSandbox, isRunning, stopGracefully, syncUrlOf, tail, type ServerSandbox } from '../helpers/serverSandbox.js'
import { startSoakWriter, storedOf, type SoakWriter, type WrittenRecord } from '../helpers/soakWriter.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { closedPort } from '../helpers/tcpProxy.js'
import { waitFor } from '../helpers/waitFor.js'

const HAS_POSTGRES = await hasPostgres()
const CYCLES = 3
const SEED = process.env.KUILU_SOAK_SEED ? Number(process.env.KUILU_SOAK_SEED) : Math.floor(Math.random() * 2 ** 32)

let sandbox: ServerSandbox | null = null
let schema: TestSchema | null = null
afterEach(async () => {
  await sandbox?.cleanup()
  sandbox = null
  await schema?.drop()
  schema = null
})

/** Both writers have seen every record the other had acked: the board syncs through the server between two clients. */
function haveSynced(writers: SoakWriter[]): boolean {
  return writers.every((reader) => writers.every((writer) => writer === reader || storedOf(reader.client.doc, writer.clientId, writer.ackedRecords()).missing.length === 0))
}

describe.skipIf(!HAS_POSTGRES)('the real server on PostgreSQL (DATABASE_URL)', () => {
  it(`keeps every acked update of two syncing clients over ${CYCLES} kill -9 and restarts (seed from KUILU_SOAK_SEED or random, printed)`, async () => {
    console.info(`postgres kill seed ${SEED} (replay with KUILU_SOAK_SEED=${SEED})`)
    const random = seededRandom(SEED)
    schema = await createTestSchema()
    sandbox = createServerSandbox('postgres')
    const box = sandbox
    const env = { DATABASE_URL: schema.url }
    let server: SpawnedServer = await box.spawn(env)
    expect(server.output.join('\n')).toMatch(/"storage":"postgres"/)
    const boardId = await createOpenBoard(server)
    const acked: WrittenRecord[] = []
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const writers = await Promise.all(['a', 'b'].map((side) => startSoakWriter({ syncUrl: syncUrlOf(server), boardId, name: `c${cycle}${side}`, random, holdBackChance: 0 })))
      for (const writer of writers) box.defer(() => writer.client.close())
      await waitFor(() => writers.every((writer) => writer.client.control.some((message) => message.type === 'welcome')), { what: 'both writers welcomed' })
      for (let burst = 0; burst < 10; burst++) for (const writer of writers) writer.tick(1 + random.int(4))
      await waitFor(() => writers.every((writer) => writer.ackedRecords().length === writer.written.length) && haveSynced(writers), { timeoutMs: 10_000, what: 'acks and sync of the first bursts' })
      // More bursts, and the kill lands while they are in flight: some acked, some committing, some unread.
      for (let burst = 0; burst < 5; burst++) for (const writer of writers) writer.tick(1 + random.int(4))
      server.process.kill('SIGKILL')
      expect(await server.exited, tail(server)).toBe('SIGKILL')
      await Promise.all(writers.map((writer) => writer.client.closed))
      acked.push(...writers.flatMap((writer) => writer.ackedRecords()))

      server = await box.spawn(env)
      const fresh = await connectRawClient(syncUrlOf(server), boardId)
      box.defer(() => fresh.close())
      const missing = writers.flatMap((writer) => storedOf(fresh.doc, writer.clientId, acked).missing)
      expect(new Set(missing), `cycle ${cycle}: acked records missing after the restart`).toEqual(new Set())
      expect(isRunning(server), tail(server)).toBe(true)
    }
    expect(await stopGracefully(server)).toBe(0)
    const rows = await withClient(schema, (client) => client.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates'))
    console.info(`postgres kill: ${CYCLES} kills, ${acked.length} acked records all kept; ${rows.rows[0].n} rows in the log after a clean stop`)
  }, 90_000)

  it.each([
    { case: 'a DATABASE_URL that does not parse', url: async () => 'postgres://kuilu:s3cret@[::1/test', line: /"message":"the configuration is refused"|"message":"storage could not be opened".*not a valid URL/ },
    { case: 'a database that refuses the connection', url: async () => `postgres://kuilu:s3cret@127.0.0.1:${await closedPort()}/test`, line: /"message":"storage could not be opened".*ECONNREFUSED/ },
  ])('refuses to start on $case: exit 1 and one log line with the reason, no password, no stack', async (row) => {
    sandbox = createServerSandbox('postgres-refused')
    const failure = await sandbox.spawn({ DATABASE_URL: await row.url() }).then(
      () => null,
      (error: Error) => error.message,
    )
    expect(failure).toMatch(/server exited \(1\) before listening/)
    const errors = failure!.split('\n').filter((line) => line.includes('"level":"error"'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(row.line)
    expect(failure).not.toContain('s3cret')
    expect(failure).not.toMatch(/\n\s+at /)
  })
})
