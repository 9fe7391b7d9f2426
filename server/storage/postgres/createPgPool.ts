import pg, { DatabaseError, TypeOverrides, type PoolClient, type QueryResult, type QueryResultRow } from 'pg'
import type { Logger } from '../../log.js'

/** What runs a query: the pool (one statement, its own transaction) or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>
}

/** A pool of connections to one PostgreSQL database, with the outage bookkeeping of the store. */
export interface PgPool extends Queryable {
  /** Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK on a throw) on one connection. */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>
  /** user@host:port/database, never the password: for log lines. */
  readonly target: string
  /** Waits for the queries in flight, then closes every connection; later calls reject. */
  close(): Promise<void>
}

/** How long the store waits on the network before it calls a database unreachable. */
export interface PgTimeouts {
  /** A new connection (default 5 s). */
  connectTimeoutMs?: number
  /** Any one statement, COMMIT included (default 15 s): a database that stops answering fails the commit rather than hanging it. */
  queryTimeoutMs?: number
}

/**
 * Reads DATABASE_URL into the pool's settings, or throws a message that names
 * what is wrong and never repeats the password. `synchronous_commit=on` is
 * appended to the connection's startup options, after any the URL carries, so a
 * COMMIT returns only once the WAL is flushed (DESIGN.md invariant 1).
 */
export function readDatabaseUrl(url: string): { connectionString: string; target: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database')
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  if (!parsed.hostname && !parsed.searchParams.get('host')) throw new Error('DATABASE_URL names no host; expected postgres://user:password@host:5432/database')
  const options = [parsed.searchParams.get('options'), '-c synchronous_commit=on'].filter(Boolean).join(' ')
  parsed.searchParams.set('options', options)
  const target = `${decodeURIComponent(parsed.username) || '(default user)'}@${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
  return { connectionString: parsed.toString(), target }
}

/** Whether an error means the database is out of reach (network, shutdown, refused login) rather than a refused statement. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return true
  // 08 connection exception, 28 bad login, 3D no such database, 53 out of resources, 57 shutdown.
  return ['08', '28', '3D', '53', '57'].includes(String(error.code).slice(0, 2))
}

/**
 * Whether a call failed because its connection broke (reset, closed by a
 * restarting server), as opposed to a timeout or a refusal. A pooled
 * connection the server closed while it sat idle fails like this on its
 * next use, before the pool has noticed.
 */
export function isLostConnection(error: unknown): boolean {
  if (error instanceof DatabaseError) return error.code === '57P01'
  const text = `${String((error as { code?: unknown }).code ?? '')} ${error instanceof Error ? error.message : ''}`
  return /ECONNRESET|EPIPE|Connection terminated unexpectedly/i.test(text) && !/timeout/i.test(text)
}

/**
 * Runs `run` again, once, on a fresh connection when its connection broke.
 * Only for calls that may run twice: reads, and appends (a Yjs update
 * applied twice changes nothing, so a batch logged twice only costs rows).
 */
export async function retryOnLostConnection<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!isLostConnection(error)) throw error
    return run()
  }
}

/** One line's worth of why a call failed: the code and message, or those of each address tried. */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reasonOf).join('; ')
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return code ? `${String(code)}: ${error.message}` : error.message
}

/**
 * Opens a pool on DATABASE_URL. BIGINT columns (sequence numbers, times in
 * ms) come back as numbers, parsed for this pool only. While the database is
 * out of reach every call rejects (nothing hangs past the timeouts), one log
 * line says so and one more says when it is back; the pool reconnects by
 * itself on the next call.
 */
export function createPgPool(url: string, log: Logger, timeouts: PgTimeouts = {}): PgPool {
  const { connectionString, target } = readDatabaseUrl(url)
  const types = new TypeOverrides()
  types.setTypeParser(20, Number)
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    connectionTimeoutMillis: timeouts.connectTimeoutMs ?? 5_000,
    query_timeout: timeouts.queryTimeoutMs ?? 15_000,
    // A server process that dies mid-transaction must not keep a round's row lock until TCP gives up.
    idle_in_transaction_session_timeout: 60_000,
    fallback_application_name: 'kuilu',
  })
  let isDown = false
  let isClosed = false
  const noteFailure = (error: unknown): void => {
    if (isClosed || !isUnreachable(error) || isDown) return
    isDown = true
    log.error('PostgreSQL is unreachable; writes are refused until it answers again', { database: target, reason: reasonOf(error) })
  }
  const noteSuccess = (): void => {
    if (!isDown) return
    isDown = false
    log.info('PostgreSQL answers again', { database: target })
  }
  // An idle connection that breaks (a restart, a network cut) is dropped by the pool; unheard, the error would end the process.
  pool.on('error', noteFailure)
  const watched = async <T>(run: () => Promise<T>): Promise<T> => {
    if (isClosed) throw new Error('storage is closed')
    try {
      const value = await run()
      noteSuccess()
      return value
    } catch (error) {
      noteFailure(error)
      throw error
    }
  }
  return {
    target,
    query: (text, values) => watched(() => pool.query(text, values)),
    transaction: (work) => watched(() => inTransaction(pool, work)),
    async close() {
      if (isClosed) return
      isClosed = true
      await pool.end()
    },
  }
}

async function inTransaction<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client: PoolClient = await pool.connect()
  let broken: unknown = null
  // A checked-out connection that breaks between statements emits 'error'; unheard, it would end the process.
  const onError = (error: unknown): void => void (broken ??= error)
  client.on('error', onError)
  try {
    await client.query('BEGIN')
    const value = await work(client)
    await client.query('COMMIT')
    client.off('error', onError)
    client.release()
    return value
  } catch (error) {
    // A connection that is out of reach is dropped, not rolled back: the server rolls back what it loses.
    const canRollBack = broken === null && !isUnreachable(error) && (await client.query('ROLLBACK').then(() => true, () => false))
    client.off('error', onError)
    client.release(canRollBack ? undefined : (error as Error))
    throw error
  }
}
