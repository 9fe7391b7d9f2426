import type { BoardId } from '../../shared/schema/boardId.js'
import type { AppendEntry } from './DocStorage.js'

/** The group commit of a store: `append` queues one board's updates, `drain` waits until nothing is queued or committing. */
export interface AppendQueue {
  append(id: BoardId, updates: readonly Uint8Array[]): Promise<number>
  /** Resolves once every append queued so far has settled; a store's `close` waits for it. */
  drain(): Promise<void>
}

interface QueuedAppend {
  entry: AppendEntry
  resolve: (seq: number) => void
  reject: (error: unknown) => void
}

/**
 * Group commit over `commitBatch` (one transaction for many boards' appends,
 * resolving with each entry's last sequence number). One batch is in flight
 * at a time; the appends of every room that arrive while it commits become
 * the next batch, so a batch grows with the load and costs one commit.
 */
export function createAppendQueue(commitBatch: (entries: readonly AppendEntry[]) => Promise<readonly number[]>): AppendQueue {
  let queue: QueuedAppend[] = []
  let isScheduled = false
  let inFlight: Promise<void> | null = null
  const flush = (): void => {
    isScheduled = false
    if (inFlight || queue.length === 0) return
    const batch = queue
    queue = []
    // A commit that throws synchronously must settle its batch like one that rejects.
    inFlight = Promise.resolve()
      .then(() => commitBatch(batch.map((queued) => queued.entry)))
      .then(
        (seqs) => batch.forEach((queued, index) => queued.resolve(seqs[index])),
        (error: unknown) => batch.forEach((queued) => queued.reject(error)),
      )
    void inFlight.then(() => {
      inFlight = null
      flush()
    })
  }
  return {
    append(id, updates) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ entry: { id, updates: [...updates] }, resolve, reject })
        if (!isScheduled && !inFlight) {
          isScheduled = true
          setImmediate(flush)
        }
      })
    },
    async drain() {
      while (inFlight || queue.length > 0) {
        flush()
        await inFlight
      }
    },
  }
}
