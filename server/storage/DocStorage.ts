import type { BoardId } from '../../shared/schema/boardId.js'
import type { Round, Score, Vote } from '../../shared/rules/votingTypes.js'
import type { InviteLink, Workshop } from '../workshops/WorkshopStore.js'

/** What a room needs to rebuild its Y.Doc: the latest snapshot and the updates logged after it. */
export interface StoredDoc {
  /** A full-state Yjs update, or null when the board was never compacted. */
  snapshot: Uint8Array | null
  /**
   * The snapshot's Yjs state vector, stored beside it so that a room can serve a
   * compacted board without building its doc first; null without a snapshot.
   */
  snapshotStateVector: Uint8Array | null
  /** Updates appended after the snapshot, in commit order. */
  updates: Uint8Array[]
  /** Sequence number of the last update in the log (0 when empty); `compact` takes it. */
  lastSeq: number
}

/** Board metadata kept beside the document. */
export interface BoardInfo {
  id: BoardId
  createdAt: number
}

/** A round an import brings back, with its ballots as they were cast. */
export interface ImportedRound {
  round: Round
  votes: readonly Vote[]
  scores: readonly Score[]
}

/** Everything a new board starts with; `createBoard` stores all of it in one transaction or none of it. */
export interface NewBoard {
  id: BoardId
  createdAt: number
  /** The board's first update (a template or an imported board), or null for an empty board. */
  initialUpdate: Uint8Array | null
  /** The workshop the board joins at the end of its board list; null for an open board. */
  workshop: {
    id: string
    /** Creates the workshop and its invite links in the same transaction (a new workshop's first board). */
    create?: { workshop: Workshop; links: readonly InviteLink[] }
    /** Rounds and ballots an import brings back. */
    rounds?: readonly ImportedRound[]
  } | null
}

/** One logged update with its place in the board's log. */
export interface LoggedUpdate {
  seq: number
  update: Uint8Array
}

/** What an instance that missed some of a board's updates needs to catch up (`DocStorage.loadUpdatesAfter`). */
export interface UpdatesAfter {
  /**
   * The stored snapshot when a compaction folded away updates after the asked
   * sequence number (they are no longer in the log): apply it before `updates`.
   * Null when the log still holds every update asked for.
   */
  snapshot: Uint8Array | null
  /** The logged updates after the asked sequence number (or after the snapshot, when one is returned), in order, with their sequence numbers. */
  updates: LoggedUpdate[]
  /** Sequence number of the last update in the log (0 when empty). */
  lastSeq: number
}

/** One board's share of a group commit. */
export interface AppendEntry {
  id: BoardId
  updates: readonly Uint8Array[]
}

/**
 * Where boards and their Yjs documents are kept. Every method commits before
 * its promise resolves, and every promise settles (rejects on failure): the
 * commit pipeline relies on both to broadcast and ack only what is durable.
 * Implementations: memory (tests), SQLite (default, off the main thread),
 * PostgreSQL (DATABASE_URL, several instances).
 */
export interface DocStorage {
  /** Short name for logs and /healthz. */
  readonly kind: string
  /** Creates a board with its first content, and its workshop membership, atomically. Rejects when the id exists. */
  createBoard(board: NewBoard): Promise<void>
  /** The board's metadata, or null when there is no such board. */
  getBoard(id: BoardId): Promise<BoardInfo | null>
  /** Loads a board's document. An unknown board loads as empty. */
  loadDoc(id: BoardId): Promise<StoredDoc>
  /**
   * Appends updates in one transaction, in order; resolves with the last sequence
   * number. The updates take consecutive numbers, so the batch holds
   * `last - updates.length + 1` … `last`, even with several writers per board.
   */
  appendUpdates(id: BoardId, updates: readonly Uint8Array[]): Promise<number>
  /** The updates logged after `afterSeq`, in order (with the snapshot first when a compaction folded some away): how an instance fills a gap. */
  loadUpdatesAfter(id: BoardId, afterSeq: number): Promise<UpdatesAfter>
  /**
   * Replaces the snapshot (with its state vector) and drops logged updates up to
   * `throughSeq`, in one transaction; resolves true when it did. It does nothing
   * (false) when the stored snapshot already reaches `throughSeq`, or, with
   * several writers, when another one is compacting the board right now. The
   * snapshot must hold every update through `throughSeq`.
   */
  compact(id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): Promise<boolean>
  /** Releases connections, threads and file handles; settles what is in flight first. */
  close(): Promise<void>
}
