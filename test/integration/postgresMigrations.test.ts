import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import pg from 'pg'
import { readDatabaseUrl } from '../../server/storage/postgres/createPgPool.js'
import { openPostgresStore } from '../../server/storage/postgres/openPostgresStore.js'
import { PG_MIGRATIONS, type PgMigration } from '../../server/storage/postgres/pgMigrations.js'
import { createTestSchema, hasPostgres, POSTGRES_URL, withClient, type TestSchema } from '../helpers/postgres.js'

const LATEST = PG_MIGRATIONS.at(-1)!.version
const HAS_POSTGRES = await hasPostgres()

/** Reads a schema's version and tables with a connection of its own, so nothing the code under test holds open is trusted. */
const inspect = (schema: TestSchema) =>
  withClient(schema, async (client) => {
    const tables = await client.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema.name])
    const names = tables.rows.map((row) => row.name)
    const version = names.includes('schema_migrations') ? (await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::INT AS v FROM schema_migrations')).rows[0].v : 0
    return { version, tables: names }
  })

/** Migrations that note each run, so a test can see which ran, in which store. */
const watched = (migrations: readonly PgMigration[], ran: number[]): PgMigration[] =>
  migrations.map((migration) => ({ ...migration, up: (db) => (ran.push(migration.version), migration.up(db)) }))

describe.skipIf(!HAS_POSTGRES)('PostgreSQL schema migrations', () => {
  let schema: TestSchema
  beforeEach(async () => {
    schema = await createTestSchema()
  })
  afterEach(() => schema.drop())

  it('numbers the migrations 1, 2, … with no gap, so schema_migrations names exactly what ran', () => {
    expect(PG_MIGRATIONS.map((migration) => migration.version)).toEqual(PG_MIGRATIONS.map((_, index) => index + 1))
  })

  it('brings an empty schema to the latest version with every table of the SQLite schema, and the log heads', async () => {
    await (await openPostgresStore(schema.url)).close()
    expect(await inspect(schema)).toEqual({
      version: LATEST,
      tables: ['board_locks', 'boards', 'doc_heads', 'doc_snapshots', 'doc_updates', 'invite_links', 'people', 'rounds', 'schema_migrations', 'scores', 'timers', 'votes', 'workshop_boards', 'workshops'],
    })
  })

  it('opens a migrated schema again without running anything twice', async () => {
    await (await openPostgresStore(schema.url)).close()
    const ran: number[] = []
    await (await openPostgresStore(schema.url, { migrations: watched(PG_MIGRATIONS, ran) })).close()
    expect(ran).toEqual([])
  })

  it('runs each migration once when two instances start on an empty schema at the same moment', async () => {
    const ran: number[] = []
    const stores = await Promise.all([openPostgresStore(schema.url, { migrations: watched(PG_MIGRATIONS, ran) }), openPostgresStore(schema.url, { migrations: watched(PG_MIGRATIONS, ran) })])
    await Promise.all(stores.map((store) => store.close()))
    expect(ran).toEqual(PG_MIGRATIONS.map((migration) => migration.version))
    expect((await inspect(schema)).version).toBe(LATEST)
  })

  it('refuses a schema at a newer version than the server knows, says so, and leaves it as it was', async () => {
    await (await openPostgresStore(schema.url)).close()
    await withClient(schema, (client) => client.query("INSERT INTO schema_migrations (version, description) VALUES ($1, 'from the future')", [LATEST + 5]))
    await expect(openPostgresStore(schema.url)).rejects.toThrow(new RegExp(`schema version ${LATEST + 5}, newer than this server's ${LATEST}`))
    expect((await inspect(schema)).version).toBe(LATEST + 5)
  })

  it('leaves the version and the schema unchanged when a migration throws, and carries on from there once fixed', async () => {
    const custom: PgMigration[] = [
      { version: 1, description: 'a table', up: async (db) => void (await db.query('CREATE TABLE first (id TEXT)')) },
      {
        version: 2,
        description: 'half done, then fails',
        async up(db) {
          await db.query('CREATE TABLE second (id TEXT); ALTER TABLE first ADD COLUMN extra TEXT')
          throw new Error('migration 2 broke')
        },
      },
    ]
    await expect(openPostgresStore(schema.url, { migrations: custom })).rejects.toThrow('migration 2 broke')
    expect(await inspect(schema)).toEqual({ version: 1, tables: ['first', 'schema_migrations'] })
    const columns = await withClient(schema, (client) => client.query("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'first'", [schema.name]))
    expect(columns.rows.map((row: { column_name: string }) => row.column_name)).toEqual(['id'])
    const fixed: PgMigration[] = [custom[0], { version: 2, description: 'fixed', up: async (db) => void (await db.query('CREATE TABLE second (id TEXT)')) }]
    await (await openPostgresStore(schema.url, { migrations: fixed })).close()
    expect(await inspect(schema)).toEqual({ version: 2, tables: ['first', 'schema_migrations', 'second'] })
  })

  it('says so when the search_path names a schema that does not exist', async () => {
    const missing = new URL(schema.url)
    missing.searchParams.set('options', `-c search_path=${schema.name}_missing`)
    await expect(openPostgresStore(missing.toString())).rejects.toThrow(/search_path in DATABASE_URL names none that exists/)
  })
})

describe.skipIf(!HAS_POSTGRES)('PostgreSQL connection settings', () => {
  it('commits with synchronous_commit=on, even when the URL asks for it off, and keeps the URL\'s other options', async () => {
    const url = `${POSTGRES_URL}?options=${encodeURIComponent('-c synchronous_commit=off -c statement_timeout=12345')}`
    const client = new pg.Client({ connectionString: readDatabaseUrl(url).connectionString })
    await client.connect()
    try {
      const { rows } = await client.query("SELECT current_setting('synchronous_commit') AS sc, current_setting('statement_timeout') AS st")
      expect(rows[0]).toEqual({ sc: 'on', st: '12345ms' })
    } finally {
      await client.end()
    }
  })

  it('names the database in log lines without the password', () => {
    expect(readDatabaseUrl('postgresql://kuilu:s3cret@db.internal:6543/boards').target).toBe('kuilu@db.internal:6543/boards')
  })
})
