import type { BoardId } from '../../shared/schema/boardId.js'

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

/**
 * Where boards and their Yjs documents are kept. Every method commits before
 * its promise resolves: the room relies on that to broadcast only what is
 * durable. Implementations: memory (tests), SQLite (default), PostgreSQL.
 */
export interface DocStorage {
  /** Short name for logs and /healthz. */
  readonly kind: string
  /** Records a new, empty board. */
  createBoard(id: BoardId, createdAt: number): Promise<void>
  /** The board's metadata, or null when there is no such board. */
  getBoard(id: BoardId): Promise<BoardInfo | null>
  /** Loads a board's document. An unknown board loads as empty. */
  loadDoc(id: BoardId): Promise<StoredDoc>
  /** Appends updates in one transaction, in order; resolves with the last sequence number. */
  appendUpdates(id: BoardId, updates: readonly Uint8Array[]): Promise<number>
  /** Replaces the snapshot (with its state vector) and drops logged updates up to `throughSeq`, in one transaction. */
  compact(id: BoardId, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): Promise<void>
  /** Releases connections and file handles. */
  close(): Promise<void>
}
