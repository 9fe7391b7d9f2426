import type Database from 'better-sqlite3'
import type { BoardId } from '../../../shared/schema/boardId.js'
import type { AppendEntry, BoardInfo, NewBoard, StoredDoc, UpdatesAfter } from '../DocStorage.js'
import { createLogIndex } from './logIndex.js'
import { unpackAppend, type PackedAppend } from './packedAppend.js'
import type { SqliteWorkshops } from './sqliteWorkshops.js'

/** The board half of the SQLite store, synchronous: it runs on the storage thread. */
export type SqliteDocs = ReturnType<typeof createSqliteDocs>

/**
 * Board queries over one open database. Appends of many boards commit in one
 * transaction (group commit: one fsync covers a whole batch).
 *
 * The update log is one append-only table (`doc_log`, rowid order), so a
 * commit writes the table's last page or two whatever boards it carries,
 * instead of a B-tree leaf per board. The table has no index by board: which
 * rows belong to which board lives in memory (`createLogIndex`), read from the
 * table once when the file opens. That is sound because this thread is the
 * file's only writer; the index changes only after its transaction commits.
 */
export function createSqliteDocs(db: Database.Database, workshops: SqliteWorkshops) {
  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, created_at) VALUES (?, ?)'),
    selectBoard: db.prepare('SELECT id, created_at AS createdAt FROM boards WHERE id = ?'),
    selectSnapshot: db.prepare('SELECT snapshot, state_vector AS stateVector, through_seq AS throughSeq FROM doc_snapshots WHERE board_id = ?'),
    selectLogged: db.prepare('SELECT update_data AS data FROM doc_log WHERE id = ?').pluck(),
    insertLogged: db.prepare('INSERT INTO doc_log (board_id, seq, update_data) VALUES (?, ?, ?)'),
    deleteLogged: db.prepare('DELETE FROM doc_log WHERE id = ?'),
    // A snapshot through an older point than the stored one is refused: it would lose what the newer one folded.
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (board_id, snapshot, state_vector, through_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, state_vector = excluded.state_vector, through_seq = excluded.through_seq
       WHERE doc_snapshots.through_seq < excluded.through_seq`,
    ),
  }
  const log = createLogIndex(db.prepare('SELECT id, board_id AS boardId, seq FROM doc_log').iterate() as Iterable<{ id: number; boardId: string; seq: number }>)
  /** The snapshot's point per board, read once: with the log's last row it gives the board's last sequence number. */
  const snapshotSeqs = new Map<BoardId, number>()
  const snapshotSeqOf = (id: BoardId): number => {
    let seq = snapshotSeqs.get(id)
    if (seq === undefined) {
      seq = (q.selectSnapshot.get(id) as { throughSeq: number } | undefined)?.throughSeq ?? 0
      snapshotSeqs.set(id, seq)
    }
    return seq
  }
  const lastSeqOf = (id: BoardId): number => Math.max(log.lastSeq(id), snapshotSeqOf(id))
  const read = (rowId: number): Uint8Array => new Uint8Array(q.selectLogged.get(rowId) as Buffer)

  /** Inserts a board's updates after `afterSeq`; returns the rows to add to the index once the transaction commits. */
  const insertUpdates = (id: BoardId, afterSeq: number, updates: readonly Uint8Array[]) =>
    updates.map((update, index) => {
      const seq = afterSeq + index + 1
      return { boardId: id, seq, id: Number(q.insertLogged.run(id, seq, update).lastInsertRowid) }
    })

  const appendBatch = db.transaction((entries: readonly AppendEntry[]) => {
    const seqs = new Map<BoardId, number>()
    const rows: { boardId: BoardId; seq: number; id: number }[] = []
    const lastSeqs = entries.map(({ id, updates }) => {
      const after = seqs.get(id) ?? lastSeqOf(id)
      for (const row of insertUpdates(id, after, updates)) rows.push(row)
      seqs.set(id, after + updates.length)
      return after + updates.length
    })
    return { lastSeqs, rows }
  })

  /** Commits every entry in one transaction; returns each entry's last sequence number. */
  const commitEntries = (entries: readonly AppendEntry[]): number[] => {
    const { lastSeqs, rows } = appendBatch(entries)
    for (const row of rows) log.add(row)
    return lastSeqs
  }

  const createBoard = db.transaction((board: NewBoard) => {
    const workshop = board.workshop
    if (workshop?.create) workshops.createWorkshopWithLinks(workshop.create.workshop, workshop.create.links)
    else if (workshop && !workshops.getWorkshop(workshop.id)) throw new Error(`there is no workshop ${workshop.id}`)
    q.insertBoard.run(board.id, board.createdAt)
    if (workshop) workshops.appendBoard(workshop.id, board.id)
    const rows = board.initialUpdate ? insertUpdates(board.id, 0, [board.initialUpdate]) : []
    if (workshop?.rounds) workshops.importRounds(workshop.rounds, board.createdAt)
    return rows
  })

  const compact = db.transaction((id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): boolean => {
    if (q.upsertSnapshot.run(id, snapshot, stateVector, throughSeq).changes === 0) return false
    for (const row of log.through(id, throughSeq)) q.deleteLogged.run(row.id)
    return true
  })

  return {
    createBoard(board: NewBoard): void {
      for (const row of createBoard(board)) log.add(row)
    },
    getBoard(id: BoardId): BoardInfo | null {
      return (q.selectBoard.get(id) as BoardInfo | undefined) ?? null
    },
    loadDoc: db.transaction((id: BoardId): StoredDoc => {
      const snap = q.selectSnapshot.get(id) as { snapshot: Buffer; stateVector: Buffer | null; throughSeq: number } | undefined
      const rows = log.after(id, snap?.throughSeq ?? 0)
      return {
        snapshot: snap ? new Uint8Array(snap.snapshot) : null,
        snapshotStateVector: snap?.stateVector ? new Uint8Array(snap.stateVector) : null,
        updates: rows.map((row) => read(row.id)),
        lastSeq: Math.max(rows.at(-1)?.seq ?? 0, snap?.throughSeq ?? 0),
      }
    }),
    loadUpdatesAfter: db.transaction((id: BoardId, afterSeq: number): UpdatesAfter => {
      const snap = q.selectSnapshot.get(id) as { snapshot: Buffer; throughSeq: number } | undefined
      const isFolded = snap !== undefined && snap.throughSeq > afterSeq
      const rows = log.after(id, isFolded ? snap.throughSeq : afterSeq)
      return {
        snapshot: isFolded ? new Uint8Array(snap.snapshot) : null,
        updates: rows.map((row) => ({ seq: row.seq, update: read(row.id) })),
        lastSeq: Math.max(log.lastSeq(id), snap?.throughSeq ?? 0),
      }
    }),
    appendBatch: commitEntries,
    /** `appendBatch` for a batch that came packed in one buffer (`packAppend`): how the main thread sends its group commits. */
    appendPacked: (packed: PackedAppend): number[] => commitEntries(unpackAppend(packed)),
    compact(id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): boolean {
      if (!compact(id, snapshot, stateVector, throughSeq)) return false
      log.dropThrough(id, throughSeq)
      snapshotSeqs.set(id, throughSeq)
      return true
    },
  }
}
