import type { BoardId } from '../../../shared/schema/boardId.js'

/** One row of the update log: its rowid, and its board's sequence number. */
export interface LogRow {
  boardId: BoardId
  seq: number
  id: number
}

/**
 * Which rows of the append-only update log belong to which board, in sequence
 * order: the index the table itself does not carry, so that a commit touches
 * only the table's last page. Built from a scan of the table (in any order:
 * each board's rows are sorted once), then kept in step by the file's one
 * writer, which appends each board's rows in sequence order after each commit.
 */
export function createLogIndex(scan: Iterable<LogRow>) {
  const byBoard = new Map<BoardId, LogRow[]>()
  const add = (row: LogRow): void => {
    const rows = byBoard.get(row.boardId)
    if (rows) rows.push(row)
    else byBoard.set(row.boardId, [row])
  }
  for (const row of scan) add({ boardId: row.boardId, seq: row.seq, id: row.id })
  for (const rows of byBoard.values()) rows.sort((a, b) => a.seq - b.seq)
  return {
    /** Adds a row the writer has just committed; its sequence number is above every other of its board's. */
    add,
    /** The board's rows after `afterSeq`, in sequence order. */
    after(boardId: BoardId, afterSeq: number): LogRow[] {
      return (byBoard.get(boardId) ?? []).filter((row) => row.seq > afterSeq)
    },
    /** The board's rows up to and including `throughSeq`. */
    through(boardId: BoardId, throughSeq: number): LogRow[] {
      return (byBoard.get(boardId) ?? []).filter((row) => row.seq <= throughSeq)
    },
    /** Forgets the board's rows up to and including `throughSeq` (after a compaction deleted them). */
    dropThrough(boardId: BoardId, throughSeq: number): void {
      const rest = (byBoard.get(boardId) ?? []).filter((row) => row.seq > throughSeq)
      if (rest.length > 0) byBoard.set(boardId, rest)
      else byBoard.delete(boardId)
    },
    /** The board's last logged sequence number, 0 when none is logged. */
    lastSeq(boardId: BoardId): number {
      return byBoard.get(boardId)?.at(-1)?.seq ?? 0
    },
  }
}
