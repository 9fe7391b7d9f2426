import type { BoardId } from '../../../shared/schema/boardId.js'
import { silentLogger, type Logger } from '../../log.js'
import type { WorkshopStore } from '../../workshops/WorkshopStore.js'
import { createAppendQueue } from '../createAppendQueue.js'
import type { BoardInfo, DocStorage, StoredDoc, UpdatesAfter } from '../DocStorage.js'
import { packAppend } from './packedAppend.js'
import type { SqliteHandlers } from './sqliteHandlers.js'
import { startStorageThread, type StorageThread, type StorageThreadKind } from './storageThread.js'

/** The embedded store: boards and workshops in one SQLite file, served by one storage thread. */
export interface SqliteStore {
  docs: DocStorage
  workshops: WorkshopStore
  /** Settles what is in flight, closes the file and ends the thread. */
  close(): Promise<void>
}

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** Where the SQLite calls run (default `worker`). */
  thread?: StorageThreadKind
  log?: Logger
}

/** Opens (creating and migrating as needed) the SQLite file and starts its storage thread. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const thread = await startStorageThread(file, options.thread ?? 'worker', options.log ?? silentLogger)
  let closing: Promise<void> | null = null
  // One thread serves both stores: closing either, or the store, drains the appends in flight and ends the thread.
  const close = (): Promise<void> => (closing ??= drain().then(() => thread.close()))
  const { docs, drain } = sqliteDocStorage(thread, close)
  return { docs, workshops: proxyWorkshops(thread), close }
}

type DocHandlers = SqliteHandlers['docs']

/**
 * The board store over the storage thread. Appends are group-committed
 * (createAppendQueue): the appends of every room that arrive while one batch
 * commits become the next batch, one transaction and one fsync.
 */
function sqliteDocStorage(thread: StorageThread, close: () => Promise<void>): { docs: DocStorage; drain: () => Promise<void> } {
  const call = <M extends keyof DocHandlers>(method: M, ...args: Parameters<DocHandlers[M]>) =>
    thread.call('docs', method, args) as Promise<ReturnType<DocHandlers[M]>>
  const appends = createAppendQueue((entries) => {
    const packed = packAppend(entries)
    return thread.call('docs', 'appendPacked', [packed], [packed.bytes.buffer as ArrayBuffer]) as Promise<number[]>
  })
  const docs: DocStorage = {
    kind: 'sqlite',
    createBoard: (board) => call('createBoard', board),
    getBoard: (id: BoardId) => call('getBoard', id) as Promise<BoardInfo | null>,
    loadDoc: (id: BoardId) => call('loadDoc', id) as Promise<StoredDoc>,
    appendUpdates: (id, updates) => appends.append(id, updates),
    loadUpdatesAfter: (id: BoardId, afterSeq: number) => call('loadUpdatesAfter', id, afterSeq) as Promise<UpdatesAfter>,
    compact: (id, snapshot, stateVector, throughSeq) => call('compact', id, snapshot, stateVector, throughSeq),
    close,
  }
  return { docs, drain: appends.drain }
}

/** A synchronous store's methods as the main thread calls them. */
type Promisified<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never }

/** The workshop store over the storage thread: each method is one call, run in order with the board calls. */
function proxyWorkshops(thread: StorageThread): WorkshopStore {
  const methods: (keyof WorkshopStore)[] = [
    'getWorkshop', 'listBoards', 'workshopOfBoard', 'createLink', 'getLink', 'listLinks', 'revokeLink', 'setLinkExpiry',
    'setBoardLocked', 'isBoardLocked', 'savePerson', 'listPeople', 'saveTimer', 'getTimer', 'createRound', 'getRound',
    'listRounds', 'setRoundState', 'castVote', 'withdrawVote', 'saveScore', 'listVotes', 'listScores',
    'listWorkshopBoards', 'renameBoard', 'getShownRound', 'setShownRound', 'closeRoundIfOpen',
  ]
  const store = Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => thread.call('workshops', method, args)]))
  // The thread's handlers must offer every method of the interface with the same arguments and results.
  const proxied = store as Promisified<Pick<SqliteHandlers['workshops'], keyof WorkshopStore>>
  return proxied
}
