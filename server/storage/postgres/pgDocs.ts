import { DatabaseError } from 'pg'
import type { BoardId } from '../../../shared/schema/boardId.js'
import type { AppendEntry, BoardInfo, NewBoard, StoredDoc, UpdatesAfter } from '../DocStorage.js'
import { retryOnLostConnection, type PgPool, type Queryable } from './createPgPool.js'

/**
 * One statement, so one transaction and one commit, for a whole group commit:
 * each board's head moves by the number of its updates (the row lock makes
 * appends to one board from several instances take turns, so every batch
 * gets consecutive numbers), then the updates are logged under the numbers
 * the heads made room for. Heads are locked in board id order, so two
 * instances' batches over the same boards cannot deadlock.
 */
const APPEND_BATCH = `
  WITH totals AS (
    SELECT board_id, SUM(n)::BIGINT AS n FROM unnest($1::TEXT[], $2::INTEGER[]) AS e(board_id, n) GROUP BY board_id ORDER BY board_id
  ), heads AS (
    INSERT INTO doc_heads AS h (board_id, last_seq) SELECT board_id, n FROM totals
    ON CONFLICT (board_id) DO UPDATE SET last_seq = h.last_seq + EXCLUDED.last_seq
    RETURNING board_id, last_seq
  ), logged AS (
    INSERT INTO doc_updates (board_id, seq, update_data)
    SELECT u.board_id, h.last_seq - t.n + ROW_NUMBER() OVER (PARTITION BY u.board_id ORDER BY u.ord), u.data
    FROM unnest($3::TEXT[], $4::BYTEA[]) WITH ORDINALITY AS u(board_id, data, ord)
    JOIN totals t USING (board_id) JOIN heads h USING (board_id)
  )
  SELECT board_id, last_seq FROM heads`

/** The snapshot, the log after it and the head, read by one statement: one consistent view even while another instance compacts. */
const LOAD_DOC = `
  SELECT s.snapshot, s.state_vector, COALESCE(h.last_seq, s.through_seq, 0) AS last_seq,
    ARRAY(SELECT update_data FROM doc_updates u WHERE u.board_id = $1 AND u.seq > COALESCE(s.through_seq, 0) ORDER BY u.seq) AS updates
  FROM (SELECT $1::TEXT AS id) b LEFT JOIN doc_snapshots s ON s.board_id = b.id LEFT JOIN doc_heads h ON h.board_id = b.id`

/** The updates after $2, with the snapshot when it folded some of them; one statement, as LOAD_DOC. */
const LOAD_AFTER = `
  SELECT CASE WHEN s.through_seq > $2 THEN s.snapshot END AS snapshot, COALESCE(h.last_seq, s.through_seq, 0) AS last_seq,
    ARRAY(SELECT seq FROM doc_updates u WHERE u.board_id = $1 AND u.seq > GREATEST($2, COALESCE(s.through_seq, 0)) ORDER BY u.seq) AS seqs,
    ARRAY(SELECT update_data FROM doc_updates u WHERE u.board_id = $1 AND u.seq > GREATEST($2, COALESCE(s.through_seq, 0)) ORDER BY u.seq) AS updates
  FROM (SELECT $1::TEXT AS id) b LEFT JOIN doc_snapshots s ON s.board_id = b.id LEFT JOIN doc_heads h ON h.board_id = b.id`

/**
 * The advisory lock key of a board's compaction, exported for the tests that
 * hold it as another instance would. Keyed by schema too, so schemas sharing
 * a database do not contend; a hash collision only skips one compaction.
 */
export const COMPACTION_LOCK_KEY = `hashtext('kuilu.compact:' || current_schema()), hashtext($1)`

/** A deadlock or serialization failure rolled the statement back whole, so it is safe to run again. */
const isRetryable = (error: unknown): boolean => error instanceof DatabaseError && (error.code === '40P01' || error.code === '40001')

/** The board half of the PostgreSQL store: boards, the update log and snapshots. */
export function createPgDocs(pool: PgPool, workshops: { addBoard(db: Queryable, board: NewBoard): Promise<void> }) {
  const appendOnce = async (entries: readonly AppendEntry[]): Promise<number[]> => {
    const totals = new Map<BoardId, number>()
    for (const { id, updates } of entries) totals.set(id, (totals.get(id) ?? 0) + updates.length)
    const updates = entries.flatMap((entry) => entry.updates.map((update) => ({ id: entry.id, data: Buffer.from(update.buffer, update.byteOffset, update.byteLength) })))
    const { rows } = await pool.query<{ board_id: string; last_seq: number }>(APPEND_BATCH, [
      entries.map((entry) => entry.id),
      entries.map((entry) => entry.updates.length),
      updates.map((update) => update.id),
      updates.map((update) => update.data),
    ])
    // Each board's numbers before this batch, then each entry's last number in the order the entries came.
    const seq = new Map(rows.map((row) => [row.board_id, row.last_seq - totals.get(row.board_id)!]))
    return entries.map(({ id, updates: mine }) => {
      const last = seq.get(id)! + mine.length
      seq.set(id, last)
      return last
    })
  }

  return {
    /** Commits every entry in one statement; returns each entry's last sequence number. */
    async appendBatch(entries: readonly AppendEntry[]): Promise<number[]> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await retryOnLostConnection(() => appendOnce(entries))
        } catch (error) {
          if (attempt >= 3 || !isRetryable(error)) throw error
        }
      }
    },

    createBoard: (board: NewBoard): Promise<void> =>
      pool.transaction(async (db) => {
        await db.query('INSERT INTO boards (id, created_at) VALUES ($1, $2)', [board.id, board.createdAt])
        if (board.workshop) await workshops.addBoard(db, board)
        if (!board.initialUpdate) return
        await db.query('INSERT INTO doc_heads (board_id, last_seq) VALUES ($1, 1)', [board.id])
        await db.query('INSERT INTO doc_updates (board_id, seq, update_data) VALUES ($1, 1, $2)', [board.id, board.initialUpdate])
      }),

    async getBoard(id: BoardId): Promise<BoardInfo | null> {
      const { rows } = await retryOnLostConnection(() => pool.query<{ id: string; created_at: number }>('SELECT id, created_at FROM boards WHERE id = $1', [id]))
      return rows[0] ? { id: rows[0].id, createdAt: rows[0].created_at } : null
    },

    async loadDoc(id: BoardId): Promise<StoredDoc> {
      const { rows } = await retryOnLostConnection(() =>
        pool.query<{ snapshot: Buffer | null; state_vector: Buffer | null; last_seq: number; updates: Buffer[] }>(LOAD_DOC, [id]),
      )
      const row = rows[0]
      return {
        snapshot: row.snapshot && new Uint8Array(row.snapshot),
        snapshotStateVector: row.state_vector && new Uint8Array(row.state_vector),
        updates: row.updates.map((update) => new Uint8Array(update)),
        lastSeq: row.last_seq,
      }
    },

    async loadUpdatesAfter(id: BoardId, afterSeq: number): Promise<UpdatesAfter> {
      const { rows } = await retryOnLostConnection(() =>
        pool.query<{ snapshot: Buffer | null; last_seq: number; seqs: number[]; updates: Buffer[] }>(LOAD_AFTER, [id, afterSeq]),
      )
      const row = rows[0]
      return {
        snapshot: row.snapshot && new Uint8Array(row.snapshot),
        updates: row.updates.map((update, index) => ({ seq: Number(row.seqs[index]), update: new Uint8Array(update) })),
        lastSeq: row.last_seq,
      }
    },

    /**
     * Under the board's advisory lock (taken without waiting: the instance that
     * holds it is compacting the board already), stores the snapshot unless the
     * stored one reaches as far, and deletes only the rows it covers: an append
     * racing the compaction numbers its rows past `throughSeq`, so it is kept.
     */
    compact: (id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): Promise<boolean> =>
      pool.transaction(async (db) => {
        const locked = await db.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${COMPACTION_LOCK_KEY}) AS locked`, [id])
        if (!locked.rows[0].locked) return false
        const stored = await db.query(
          `INSERT INTO doc_snapshots AS s (board_id, snapshot, state_vector, through_seq) VALUES ($1, $2, $3, $4)
           ON CONFLICT (board_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, state_vector = EXCLUDED.state_vector, through_seq = EXCLUDED.through_seq
           WHERE s.through_seq < EXCLUDED.through_seq`,
          [id, snapshot, stateVector, throughSeq],
        )
        if (stored.rowCount === 0) return false
        await db.query('DELETE FROM doc_updates WHERE board_id = $1 AND seq <= $2', [id, throughSeq])
        // Only a snapshot past the head (never in practice) moves it, so the head row is left unlocked for appends.
        await db.query(
          `INSERT INTO doc_heads AS h (board_id, last_seq) SELECT $1, $2::BIGINT WHERE NOT EXISTS (SELECT 1 FROM doc_heads WHERE board_id = $1 AND last_seq >= $2)
           ON CONFLICT (board_id) DO UPDATE SET last_seq = EXCLUDED.last_seq WHERE h.last_seq < EXCLUDED.last_seq`,
          [id, throughSeq],
        )
        return true
      }),
  }
}
