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
    through_seq INTEGER NOT NULL
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

  const insertBoard = db.prepare('INSERT INTO boards (id, created_at) VALUES (?, ?)')
  const selectBoard = db.prepare('SELECT id, created_at AS createdAt FROM boards WHERE id = ?')
  const selectSnapshot = db.prepare('SELECT snapshot, through_seq AS throughSeq FROM doc_snapshots WHERE board_id = ?')
  const selectUpdates = db.prepare('SELECT seq, update_data AS data FROM doc_updates WHERE board_id = ? ORDER BY seq')
  const selectMaxSeq = db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE board_id = ?')
  const insertUpdate = db.prepare('INSERT INTO doc_updates (board_id, seq, update_data) VALUES (?, ?, ?)')
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (board_id, snapshot, through_seq) VALUES (?, ?, ?)
     ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, through_seq = excluded.through_seq`,
  )
  const deleteUpdates = db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?')

  /** Highest sequence number used for a board, counting the compacted part. */
  const lastSeqOf = (id: BoardId): number => {
    const logged = (selectMaxSeq.get(id) as { seq: number | null }).seq
    const snap = selectSnapshot.get(id) as { throughSeq: number } | undefined
    return Math.max(logged ?? 0, snap?.throughSeq ?? 0)
  }

  const append = db.transaction((id: BoardId, updates: readonly Uint8Array[]): number => {
    let seq = lastSeqOf(id)
    for (const update of updates) insertUpdate.run(id, ++seq, update)
    return seq
  })
  const compact = db.transaction((id: BoardId, snapshot: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(id, snapshot, throughSeq)
    deleteUpdates.run(id, throughSeq)
  })
  const load = db.transaction((id: BoardId): StoredDoc => {
    const snap = selectSnapshot.get(id) as { snapshot: Buffer; throughSeq: number } | undefined
    const rows = selectUpdates.all(id) as { seq: number; data: Buffer }[]
    return {
      snapshot: snap ? new Uint8Array(snap.snapshot) : null,
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
    async appendUpdates(id, updates) {
      return append(id, updates)
    },
    async compact(id, snapshot, throughSeq) {
      compact(id, snapshot, throughSeq)
    },
    async close() {
      db.close()
    },
  }
}
