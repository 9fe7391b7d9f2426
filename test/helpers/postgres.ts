import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The PostgreSQL the tests use: this machine's, trust auth, database `test`. */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'

/**
 * Whether PostgreSQL answers at POSTGRES_URL. Under CI=true a missing one is a
 * failure, not a skip; elsewhere the PostgreSQL tests skip with one loud line.
 */
export async function hasPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch (error) {
    const why = error instanceof Error ? error.message || error.constructor.name : String(error)
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL does not answer at ${POSTGRES_URL} (${why}): install and start Debian's postgresql, trust auth, database test`)
    console.warn(`\n!!! PostgreSQL tests SKIPPED: nothing answers at ${POSTGRES_URL} (${why}). Install and start it: apt-get install postgresql, then createdb -U postgres test (trust auth on 127.0.0.1)\n`)
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** A schema of its own for one test: the URL whose connections use it, and how to drop it. */
export interface TestSchema {
  name: string
  /** POSTGRES_URL (or `base`) with `search_path` set to the schema in the startup options. */
  url: string
  /** Drops the schema and everything in it; safe to call twice. */
  drop(): Promise<void>
}

async function runOnce(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates an empty schema with a random name; `base` is the URL to point at it (a proxy's port, say). */
export async function createTestSchema(base = POSTGRES_URL): Promise<TestSchema> {
  const name = `kuilu_test_${randomBytes(6).toString('hex')}`
  await runOnce(`CREATE SCHEMA ${name}`)
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${name}`)
  let isDropped = false
  return {
    name,
    url: url.toString(),
    async drop() {
      if (isDropped) return
      isDropped = true
      await runOnce(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
    },
  }
}

/** Runs one statement on the test database, outside any store: what a test reads or holds behind the store's back. */
export async function withClient<T>(schema: TestSchema, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: schema.url.replace(/^[^?]*/, POSTGRES_URL), connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
