import type { BoardId } from '../../../shared/schema/boardId.js'
import { silentLogger, type Logger } from '../../log.js'
import type { WorkshopStore } from '../../workshops/WorkshopStore.js'
import { createAppendQueue } from '../createAppendQueue.js'
import type { DocStorage } from '../DocStorage.js'
import { createPgPool, reasonOf, type PgPool, type PgTimeouts } from './createPgPool.js'
import { createPgDocs } from './pgDocs.js'
import { migratePostgres, type PgMigration } from './pgMigrations.js'
import { createPgWorkshops } from './pgWorkshops.js'

/** The shared store of several instances: boards and workshops in one PostgreSQL database. */
export interface PostgresStore {
  docs: DocStorage
  workshops: WorkshopStore
  /** Settles the appends in flight, then closes every connection. */
  close(): Promise<void>
}

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions extends PgTimeouts {
  log?: Logger
  /** The schema's migrations (default PG_MIGRATIONS); tests pass their own. */
  migrations?: readonly PgMigration[]
}

/**
 * Connects to DATABASE_URL, brings its schema up to date and returns the
 * store. A URL that does not parse, a database that refuses the connection
 * or the login, or a schema newer than this server: it rejects with one
 * message that says which, and leaves nothing open.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const log = options.log ?? silentLogger
  // Until the store is open a failure is the one error this call rejects with; the outage lines are for run time.
  let isOpen = false
  const runTimeLog: Logger = {
    info: (message, fields) => isOpen && log.info(message, fields),
    warn: (message, fields) => isOpen && log.warn(message, fields),
    error: (message, fields) => isOpen && log.error(message, fields),
  }
  const pool = createPgPool(url, runTimeLog, options)
  try {
    await migratePostgres(pool, options.migrations)
    await warnIfCommitsAreNotDurable(pool, log)
    isOpen = true
  } catch (error) {
    await pool.close()
    throw new Error(`PostgreSQL at ${pool.target} could not be opened: ${reasonOf(error)}`, { cause: error })
  }
  const workshops = createPgWorkshops(pool)
  const pgDocs = createPgDocs(pool, workshops)
  // Appends of every room gather while one batch commits: one statement and one WAL flush per batch.
  const appends = createAppendQueue((entries) => pgDocs.appendBatch(entries))
  let closing: Promise<void> | null = null
  const close = (): Promise<void> => (closing ??= appends.drain().then(() => pool.close()))
  const docs: DocStorage = {
    kind: 'postgres',
    createBoard: pgDocs.createBoard,
    getBoard: pgDocs.getBoard,
    loadDoc: pgDocs.loadDoc,
    appendUpdates: (id: BoardId, updates) => (closing ? Promise.reject(new Error('storage is closed')) : appends.append(id, updates)),
    loadUpdatesAfter: pgDocs.loadUpdatesAfter,
    compact: pgDocs.compact,
    close,
  }
  return { docs, workshops, close }
}

/** Our connections commit with synchronous_commit=on, but a server with fsync off still loses commits in a crash: say so once. */
async function warnIfCommitsAreNotDurable(pool: PgPool, log: Logger): Promise<void> {
  const { rows } = await pool.query<{ fsync: string; synchronous_commit: string }>(
    "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
  )
  const { fsync, synchronous_commit: synchronousCommit } = rows[0]
  if (fsync !== 'on' || synchronousCommit === 'off' || synchronousCommit === 'local') {
    log.warn('PostgreSQL may lose acknowledged updates in a crash', { database: pool.target, fsync, synchronousCommit })
  }
}
