import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BoardId } from '../../shared/schema/boardId.js'
import type { DocStorage, StoredDoc } from './DocStorage.js'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS doc_snapshots (
    board_id TEXT PRIMARY KEY,
    snapshot BLOB NOT NULL,
    through_seq INTEGER NOT NULL,
    state_vector BLOB
  );
  CREATE TABLE IF NOT EXISTS doc_updates (
    board_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    update_data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
`

/**
 * The embedded default store: one SQLite file in WAL mode with
 * `synchronous=FULL`, so a commit survives a crash of the process and of the
 * machine. better-sqlite3 is synchronous; each method commits before it returns.
 */
export function createSqliteStorage(file: string): DocStorage {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  // Files written before the state vector was kept beside the snapshot gain the column; their old snapshots read as null.
  const snapshotColumns = db.prepare('PRAGMA table_info(doc_snapshots)').all() as { name: string }[]
  if (!snapshotColumns.some((column) => column.name === 'state_vector')) db.exec('ALTER TABLE doc_snapshots ADD COLUMN state_vector BLOB')

  const insertBoard = db.prepare('INSERT INTO boards (id, created_at) VALUES (?, ?)')
  const selectBoard = db.prepare('SELECT id, created_at AS createdAt FROM boards WHERE id = ?')
  const selectSnapshot = db.prepare('SELECT snapshot, state_vector AS stateVector, through_seq AS throughSeq FROM doc_snapshots WHERE board_id = ?')
  const selectUpdates = db.prepare('SELECT seq, update_data AS data FROM doc_updates WHERE board_id = ? ORDER BY seq')
  const selectMaxSeq = db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE board_id = ?')
  const insertUpdate = db.prepare('INSERT INTO doc_updates (board_id, seq, update_data) VALUES (?, ?, ?)')
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (board_id, snapshot, state_vector, through_seq) VALUES (?, ?, ?, ?)
     ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, state_vector = excluded.state_vector, through_seq = excluded.through_seq`,
  )
  const deleteUpdates = db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?')

  /** Highest sequence number used per board, counting the compacted part; cached, as this process is the only writer. */
  const lastSeqs = new Map<BoardId, number>()
  const lastSeqOf = (id: BoardId): number => {
    const cached = lastSeqs.get(id)
    if (cached !== undefined) return cached
    const logged = (selectMaxSeq.get(id) as { seq: number | null }).seq
    const snap = selectSnapshot.get(id) as { throughSeq: number } | undefined
    return Math.max(logged ?? 0, snap?.throughSeq ?? 0)
  }

  /**
   * Group commit: the appends of every room in one event-loop turn go into one
   * transaction, so one fsync covers them all (a commit costs about the same
   * for 1 row as for 50). Each caller's promise resolves after that commit.
   */
  interface QueuedAppend {
    id: BoardId
    updates: readonly Uint8Array[]
    resolve: (seq: number) => void
    reject: (error: unknown) => void
  }
  let queue: QueuedAppend[] = []
  const commitQueue = db.transaction((batch: QueuedAppend[]): number[] => {
    const seqs = new Map<BoardId, number>()
    return batch.map(({ id, updates }) => {
      let seq = seqs.get(id) ?? lastSeqOf(id)
      for (const update of updates) insertUpdate.run(id, ++seq, update)
      seqs.set(id, seq)
      return seq
    })
  })
  const flushQueue = (): void => {
    const batch = queue
    queue = []
    try {
      const seqs = commitQueue(batch)
      batch.forEach((entry, index) => {
        lastSeqs.set(entry.id, Math.max(lastSeqs.get(entry.id) ?? 0, seqs[index]))
        entry.resolve(seqs[index])
      })
    } catch (error) {
      for (const entry of batch) lastSeqs.delete(entry.id)
      for (const entry of batch) entry.reject(error)
    }
  }
  const compact = db.transaction((id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(id, snapshot, stateVector, throughSeq)
    deleteUpdates.run(id, throughSeq)
  })
  const load = db.transaction((id: BoardId): StoredDoc => {
    const snap = selectSnapshot.get(id) as { snapshot: Buffer; stateVector: Buffer | null; throughSeq: number } | undefined
    const rows = selectUpdates.all(id) as { seq: number; data: Buffer }[]
    return {
      snapshot: snap ? new Uint8Array(snap.snapshot) : null,
      snapshotStateVector: snap?.stateVector ? new Uint8Array(snap.stateVector) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: Math.max(rows.at(-1)?.seq ?? 0, snap?.throughSeq ?? 0),
    }
  })

  return {
    kind: 'sqlite',
    async createBoard(id, createdAt) {
      insertBoard.run(id, createdAt)
    },
    async getBoard(id) {
      return (selectBoard.get(id) as { id: BoardId; createdAt: number } | undefined) ?? null
    },
    async loadDoc(id) {
      return load(id)
    },
    appendUpdates(id, updates) {
      return new Promise<number>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flushQueue)
        queue.push({ id, updates: updates.slice(), resolve, reject })
      })
    },
    async compact(id, snapshot, stateVector, throughSeq) {
      compact(id, snapshot, stateVector, throughSeq)
    },
    async close() {
      if (queue.length > 0) flushQueue()
      db.close()
    },
  }
}
