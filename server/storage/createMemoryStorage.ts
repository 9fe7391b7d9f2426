import type { BoardId } from '../../shared/schema/boardId.js'
import type { BoardInfo, DocStorage, StoredDoc, UpdatesAfter } from './DocStorage.js'

interface MemoryDoc {
  snapshot: Uint8Array | null
  stateVector: Uint8Array | null
  throughSeq: number
  log: { seq: number; update: Uint8Array }[]
  nextSeq: number
}

/** A DocStorage held in memory, open boards only: for unit tests, the bench's diagnosis and the storage contract suite. */
export function createMemoryStorage(): DocStorage {
  const boards = new Map<BoardId, BoardInfo>()
  const docs = new Map<BoardId, MemoryDoc>()
  const docOf = (id: BoardId): MemoryDoc => {
    let doc = docs.get(id)
    if (!doc) {
      doc = { snapshot: null, stateVector: null, throughSeq: 0, log: [], nextSeq: 1 }
      docs.set(id, doc)
    }
    return doc
  }
  let isClosed = false
  // Like the real stores, a closed one refuses every call, so a test catches a room that writes after shutdown.
  const assertOpen = (): void => {
    if (isClosed) throw new Error('storage is closed')
  }
  return {
    kind: 'memory',
    async createBoard({ id, createdAt, initialUpdate, workshop }) {
      assertOpen()
      if (boards.has(id)) throw new Error(`board ${id} exists`)
      if (workshop) throw new Error('memory storage holds no workshops; use the SQLite store')
      boards.set(id, { id, createdAt })
      if (initialUpdate) docOf(id).log.push({ seq: docOf(id).nextSeq++, update: initialUpdate.slice() })
    },
    async getBoard(id) {
      assertOpen()
      return boards.get(id) ?? null
    },
    async loadDoc(id): Promise<StoredDoc> {
      assertOpen()
      const doc = docs.get(id)
      if (!doc) return { snapshot: null, snapshotStateVector: null, updates: [], lastSeq: 0 }
      return {
        snapshot: doc.snapshot && doc.snapshot.slice(),
        snapshotStateVector: doc.stateVector && doc.stateVector.slice(),
        updates: doc.log.map((entry) => entry.update.slice()),
        lastSeq: doc.nextSeq - 1,
      }
    },
    async appendUpdates(id, updates) {
      assertOpen()
      const doc = docOf(id)
      for (const update of updates) doc.log.push({ seq: doc.nextSeq++, update: update.slice() })
      return doc.nextSeq - 1
    },
    async loadUpdatesAfter(id, afterSeq): Promise<UpdatesAfter> {
      assertOpen()
      const doc = docs.get(id)
      if (!doc) return { snapshot: null, updates: [], lastSeq: 0 }
      return {
        snapshot: doc.snapshot && doc.throughSeq > afterSeq ? doc.snapshot.slice() : null,
        updates: doc.log.filter((entry) => entry.seq > afterSeq).map((entry) => ({ seq: entry.seq, update: entry.update.slice() })),
        lastSeq: doc.nextSeq - 1,
      }
    },
    async compact(id, snapshot, stateVector, throughSeq) {
      assertOpen()
      const doc = docOf(id)
      // A snapshot through an older point would bring back nothing and lose the updates the newer one folded.
      if (doc.snapshot && doc.throughSeq >= throughSeq) return false
      doc.snapshot = snapshot.slice()
      doc.throughSeq = throughSeq
      doc.stateVector = stateVector.slice()
      doc.log = doc.log.filter((entry) => entry.seq > throughSeq)
      doc.nextSeq = Math.max(doc.nextSeq, throughSeq + 1)
      return true
    },
    async close() {
      isClosed = true
    },
  }
}
