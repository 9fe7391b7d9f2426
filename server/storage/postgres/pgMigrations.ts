import type { PgPool, Queryable } from './createPgPool.js'

/** One step of the PostgreSQL schema: run once, in order, in a transaction; `schema_migrations` records each one run. */
export interface PgMigration {
  version: number
  description: string
  up(db: Queryable): Promise<void>
}

/**
 * The PostgreSQL schema, oldest first. Version 1 is the SQLite schema as of
 * its version 3, in PostgreSQL's types (BYTEA, BIGINT times in ms, BOOLEAN
 * flags), plus `doc_heads`: each board's last sequence number, the row that
 * appends from several instances lock to number their updates without a gap.
 * Like SQLite, no foreign keys: a log may be written before its board row.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: 'boards, update log with per-board heads, snapshots; workshops, boards of workshops, links, people, locks, timers, rounds, votes, scores',
    async up(db) {
      await db.query(`
        CREATE TABLE boards (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL);
        CREATE TABLE doc_heads (board_id TEXT PRIMARY KEY, last_seq BIGINT NOT NULL);
        CREATE TABLE doc_updates (board_id TEXT NOT NULL, seq BIGINT NOT NULL, update_data BYTEA NOT NULL, PRIMARY KEY (board_id, seq));
        CREATE TABLE doc_snapshots (board_id TEXT PRIMARY KEY, snapshot BYTEA NOT NULL, state_vector BYTEA, through_seq BIGINT NOT NULL);
        CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE TABLE workshop_boards (board_id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, position INTEGER NOT NULL,
          name TEXT NOT NULL DEFAULT '', shown_round_id TEXT);
        CREATE INDEX workshop_boards_by_workshop ON workshop_boards (workshop_id, position);
        CREATE TABLE invite_links (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, role TEXT NOT NULL, expires_at BIGINT NOT NULL,
          revoked_at BIGINT, created_at BIGINT NOT NULL);
        CREATE INDEX links_by_workshop ON invite_links (workshop_id, created_at);
        CREATE TABLE board_locks (board_id TEXT PRIMARY KEY, is_locked BOOLEAN NOT NULL);
        CREATE TABLE people (id TEXT NOT NULL, workshop_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL, role TEXT NOT NULL,
          PRIMARY KEY (workshop_id, id));
        CREATE TABLE timers (board_id TEXT PRIMARY KEY, is_running BOOLEAN NOT NULL, ends_at BIGINT, remaining_ms BIGINT NOT NULL, has_sound BOOLEAN NOT NULL);
        CREATE TABLE rounds (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, board_id TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL,
          votes_per_person INTEGER NOT NULL, max_votes_per_card INTEGER NOT NULL, is_anonymous BOOLEAN NOT NULL, is_hidden BOOLEAN NOT NULL,
          ends_at BIGINT, state TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE INDEX rounds_by_board ON rounds (board_id, created_at);
        CREATE TABLE votes (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, round_id TEXT NOT NULL, voter_id TEXT NOT NULL,
          card_id TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE INDEX votes_by_round ON votes (round_id, voter_id, card_id);
        CREATE TABLE scores (round_id TEXT NOT NULL, voter_id TEXT NOT NULL, card_id TEXT NOT NULL, impact INTEGER NOT NULL, effort TEXT NOT NULL,
          PRIMARY KEY (round_id, voter_id, card_id));
      `)
    },
  },
]

/**
 * Serialises migrations of one schema across instances that start together;
 * transaction-scoped, so a crash releases it. The schema is part of the key,
 * so databases shared by several schemas (the tests) do not wait on each other.
 */
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('kuilu.migrate:' || current_schema()))`

/** The version the schema is at: the highest recorded in `schema_migrations`, 0 for an empty schema. */
export async function pgSchemaVersion(db: Queryable): Promise<number> {
  const found = await db.query<{ version: number }>(`SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations`)
  return found.rows[0].version
}

/**
 * Brings the schema up to date, one transaction per migration under the
 * migration lock, each re-reading the version first (another instance may
 * have run it meanwhile). A schema written by a newer server is refused
 * rather than guessed at, and left as it is.
 */
export async function migratePostgres(pool: PgPool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0
  const current = await pool.transaction(async (db) => {
    await db.query(MIGRATION_LOCK)
    if ((await db.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0].schema === null) {
      throw new Error('the database has no schema to create tables in: the search_path in DATABASE_URL names none that exists')
    }
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`)
    return pgSchemaVersion(db)
  })
  if (current > latest) throw new Error(`the database is at schema version ${current}, newer than this server's ${latest}; run a newer server`)
  for (const migration of migrations) {
    if (migration.version <= current) continue
    await pool.transaction(async (db) => {
      await db.query(MIGRATION_LOCK)
      if ((await pgSchemaVersion(db)) >= migration.version) return
      await migration.up(db)
      await db.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description])
    })
  }
}
