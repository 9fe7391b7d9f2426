import type Database from 'better-sqlite3'
import type { BoardId } from '../../../shared/schema/boardId.js'
import type { AppendEntry, BoardInfo, NewBoard, StoredDoc, UpdatesAfter } from '../DocStorage.js'
import type { SqliteWorkshops } from './sqliteWorkshops.js'

/** The board half of the SQLite store, synchronous: it runs on the storage thread. */
export type SqliteDocs = ReturnType<typeof createSqliteDocs>

/**
 * Board queries over one open database. Appends of many boards commit in one
 * transaction (group commit: one fsync covers a whole batch). The highest
 * sequence number per board is cached, as this thread is the file's only writer.
 */
export function createSqliteDocs(db: Database.Database, workshops: SqliteWorkshops) {
  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, created_at) VALUES (?, ?)'),
    selectBoard: db.prepare('SELECT id, created_at AS createdAt FROM boards WHERE id = ?'),
    selectSnapshot: db.prepare('SELECT snapshot, state_vector AS stateVector, through_seq AS throughSeq FROM doc_snapshots WHERE board_id = ?'),
    selectUpdates: db.prepare('SELECT seq, update_data AS data FROM doc_updates WHERE board_id = ? ORDER BY seq'),
    selectUpdatesAfter: db.prepare('SELECT seq, update_data AS data FROM doc_updates WHERE board_id = ? AND seq > ? ORDER BY seq'),
    selectMaxSeq: db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE board_id = ?'),
    insertUpdate: db.prepare('INSERT INTO doc_updates (board_id, seq, update_data) VALUES (?, ?, ?)'),
    // A snapshot through an older point than the stored one is refused: it would lose what the newer one folded.
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (board_id, snapshot, state_vector, through_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, state_vector = excluded.state_vector, through_seq = excluded.through_seq
       WHERE doc_snapshots.through_seq < excluded.through_seq`,
    ),
    deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?'),
  }
  const lastSeqs = new Map<BoardId, number>()
  const lastSeqOf = (id: BoardId): number => {
    const cached = lastSeqs.get(id)
    if (cached !== undefined) return cached
    const logged = (q.selectMaxSeq.get(id) as { seq: number | null }).seq
    const snap = q.selectSnapshot.get(id) as { throughSeq: number } | undefined
    return Math.max(logged ?? 0, snap?.throughSeq ?? 0)
  }

  const appendBatch = db.transaction((entries: readonly AppendEntry[]): number[] => {
    const seqs = new Map<BoardId, number>()
    return entries.map(({ id, updates }) => {
      let seq = seqs.get(id) ?? lastSeqOf(id)
      for (const update of updates) q.insertUpdate.run(id, ++seq, update)
      seqs.set(id, seq)
      return seq
    })
  })

  return {
    createBoard: db.transaction((board: NewBoard): void => {
      const workshop = board.workshop
      if (workshop?.create) workshops.createWorkshopWithLinks(workshop.create.workshop, workshop.create.links)
      else if (workshop && !workshops.getWorkshop(workshop.id)) throw new Error(`there is no workshop ${workshop.id}`)
      q.insertBoard.run(board.id, board.createdAt)
      if (workshop) workshops.appendBoard(workshop.id, board.id)
      if (board.initialUpdate) q.insertUpdate.run(board.id, 1, board.initialUpdate)
      if (workshop?.rounds) workshops.importRounds(workshop.rounds, board.createdAt)
    }),
    getBoard(id: BoardId): BoardInfo | null {
      return (q.selectBoard.get(id) as BoardInfo | undefined) ?? null
    },
    loadDoc: db.transaction((id: BoardId): StoredDoc => {
      const snap = q.selectSnapshot.get(id) as { snapshot: Buffer; stateVector: Buffer | null; throughSeq: number } | undefined
      const rows = q.selectUpdates.all(id) as { seq: number; data: Buffer }[]
      return {
        snapshot: snap ? new Uint8Array(snap.snapshot) : null,
        snapshotStateVector: snap?.stateVector ? new Uint8Array(snap.stateVector) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        lastSeq: Math.max(rows.at(-1)?.seq ?? 0, snap?.throughSeq ?? 0),
      }
    }),
    loadUpdatesAfter: db.transaction((id: BoardId, afterSeq: number): UpdatesAfter => {
      const snap = q.selectSnapshot.get(id) as { snapshot: Buffer; throughSeq: number } | undefined
      const isFolded = snap !== undefined && snap.throughSeq > afterSeq
      const rows = q.selectUpdatesAfter.all(id, isFolded ? snap.throughSeq : afterSeq) as { seq: number; data: Buffer }[]
      return {
        snapshot: isFolded ? new Uint8Array(snap.snapshot) : null,
        updates: rows.map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) })),
        lastSeq: Math.max(lastSeqOf(id), snap?.throughSeq ?? 0),
      }
    }),
    /** Commits every entry in one transaction; returns each entry's last sequence number. */
    appendBatch(entries: readonly AppendEntry[]): number[] {
      try {
        const seqs = appendBatch(entries)
        entries.forEach((entry, index) => lastSeqs.set(entry.id, Math.max(lastSeqs.get(entry.id) ?? 0, seqs[index])))
        return seqs
      } catch (error) {
        for (const entry of entries) lastSeqs.delete(entry.id)
        throw error
      }
    },
    compact: db.transaction((id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): boolean => {
      if (q.upsertSnapshot.run(id, snapshot, stateVector, throughSeq).changes === 0) return false
      q.deleteUpdates.run(id, throughSeq)
      return true
    }),
  }
}
