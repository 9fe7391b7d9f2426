import pg from 'pg'

/** A peer's document store on PostgreSQL: one full-state blob per document, shared by every instance of a peer. */
export interface PgSnapshotStore {
  load(name: string): Promise<Uint8Array | null>
  save(name: string, state: Uint8Array): Promise<void>
  close(): Promise<void>
}

/**
 * Opens the snapshot table of a peer in the schema `url` points at (created
 * if missing, so the two instances of a run can start in any order). Two
 * instances behind a balancer need a database they both reach; a SQLite file
 * each would give every instance its own copy of a board.
 */
export async function openPgSnapshotStore(url: string): Promise<PgSnapshotStore> {
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  // Two instances starting at once race in CREATE TABLE IF NOT EXISTS (PostgreSQL then refuses one with a duplicate
  // pg_type row), so the creation runs under a transaction-level advisory lock.
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('kuilu-bench peer_docs'))")
    await client.query('CREATE TABLE IF NOT EXISTS peer_docs (name TEXT PRIMARY KEY, state BYTEA NOT NULL)')
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
  return {
    async load(name) {
      const { rows } = await pool.query<{ state: Buffer }>('SELECT state FROM peer_docs WHERE name = $1', [name])
      return rows[0] ? new Uint8Array(rows[0].state) : null
    },
    async save(name, state) {
      await pool.query('INSERT INTO peer_docs (name, state) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state', [name, Buffer.from(state)])
    },
    close: () => pool.end(),
  }
}
