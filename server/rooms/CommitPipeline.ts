import type { BoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { DocStorage } from '../storage/DocStorage.js'

/** One update waiting for its commit, with what caused it. */
export interface PipelineEntry<O> {
  update: Uint8Array
  origin: O
}

/** A batch once it is durable: its updates in order, and the doc's clocks when it was cut (what the commit covers). */
export interface CommittedBatch<O> {
  entries: readonly PipelineEntry<O>[]
  clocks: ReadonlyMap<number, number>
  /** The log sequence number of the first entry; the others follow it. */
  firstSeq: number
}

/** What the pipeline needs of its room. */
export interface PipelineHost<O> {
  /** The doc's clocks now; called when a batch is cut, so they cover exactly the batch and what came before. */
  cutClocks(): Map<number, number>
  /** The doc's full state and state vector; called only when nothing is uncommitted, for a snapshot. */
  snapshot(): { update: Uint8Array; stateVector: Uint8Array }
  /** A batch is durable: broadcast it and ack its senders. */
  committed(batch: CommittedBatch<O>): void
  /** A commit failed: the doc holds updates that are not durable, so the room must close. Called once. */
  failed(error: unknown): void
  /**
   * The sequence number through which the doc holds every logged update.
   * Another instance may have logged some this one has not applied yet; a
   * snapshot read before they were applied would fold them away.
   */
  appliedSeq(): number
}

/** Where the log stands when the pipeline starts: from `DocStorage.loadDoc`. */
export interface PipelineStart {
  lastSeq: number
  seqAtSnapshot: number
  /** Bytes the board takes in storage: its snapshot and the updates logged after it. */
  storedBytes: number
}

/** The pipeline's state: gathering a batch, committing one (while the next gathers), failed, or closed. */
export type PipelineState = 'idle' | 'gathering' | 'committing' | 'failed' | 'closed'

/** Someone waiting for a batch's commit, with what they read of the doc when the batch was cut. */
interface Waiter {
  capture: (() => unknown) | null
  value?: unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Batch<O> {
  entries: PipelineEntry<O>[]
  bytes: number
  waiters: Waiter[]
  /** The doc as this batch's commit makes it durable, taken at the cut when the log is due for compaction. */
  snapshot?: { update: Uint8Array; stateVector: Uint8Array }
  /** `appliedSeq` when the snapshot was read: it is whole only if it held everything logged before this batch. */
  appliedAtCut?: number
}

const emptyBatch = <O>(): Batch<O> => ({ entries: [], bytes: 0, waiters: [] })

/**
 * A room's commit path (DESIGN.md invariant 1): updates gather into a batch
 * during one event-loop turn; the batch is committed to storage, and only
 * then handed back to the room to broadcast and ack. At most one commit is
 * in flight; what arrives meanwhile becomes the next batch, so batches grow
 * with load. Compaction folds the log into a snapshot once it is long, and
 * only from committed state. Every promise settles: on a failed commit all
 * waiters reject, the room is told once, and `close` still returns.
 */
export class CommitPipeline<O> {
  private status: PipelineState = 'idle'
  private gathering: Batch<O> = emptyBatch()
  private inFlight: Batch<O> | null = null
  private compacting: Promise<void> | null = null
  private lastSeq: number
  private seqAtSnapshot: number
  private snapshotBytes: number
  /** Bytes of each update logged after the snapshot, by sequence number, so a compaction can subtract what it folded. */
  private logged: { seq: number; bytes: number }[] = []
  /** The sum of `logged`, kept as it changes: read on every update for the size limit. */
  private loggedBytes = 0

  constructor(
    private readonly boardId: BoardId,
    private readonly storage: DocStorage,
    private readonly log: Logger,
    private readonly compactAfterUpdates: number,
    private readonly host: PipelineHost<O>,
    start: PipelineStart,
  ) {
    this.lastSeq = start.lastSeq
    this.seqAtSnapshot = start.seqAtSnapshot
    this.snapshotBytes = start.storedBytes
  }

  /** The pipeline's state, for tests and metrics. */
  get state(): PipelineState {
    return this.status
  }

  /** Whether everything applied so far is durable (nothing gathering, nothing in flight). */
  get isSettled(): boolean {
    return this.gathering.entries.length === 0 && this.inFlight === null
  }

  /** Bytes the board takes in storage, counting updates still waiting for their commit. */
  get storedBytes(): number {
    return this.snapshotBytes + this.loggedBytes + (this.inFlight?.bytes ?? 0) + this.gathering.bytes
  }

  /** Adds an update the doc has just integrated; it commits with this turn's batch. */
  add(update: Uint8Array, origin: O): void {
    if (this.status === 'failed' || this.status === 'closed') throw new Error(`the commit pipeline is ${this.status}`)
    this.gathering.entries.push({ update, origin })
    this.gathering.bytes += update.byteLength
    if (this.status === 'idle') {
      this.status = 'gathering'
      setImmediate(() => this.commitNext())
    }
  }

  /** Resolves once everything added so far is committed; rejects if that commit fails. */
  whenCommitted(): Promise<void> {
    return this.readCommitted(() => undefined)
  }

  /**
   * Reads the doc as the next commit makes it durable, and resolves with what
   * was read once that commit succeeds: a read never shows an update before
   * it is stored, and never waits for updates that came after it. `read` runs
   * now when nothing is gathering, else when the gathering batch is cut.
   */
  readCommitted<R>(read: () => R): Promise<R> {
    if (this.status === 'failed') return Promise.reject(new Error('the commit pipeline failed'))
    if (this.gathering.entries.length > 0) {
      const batch = this.gathering
      return new Promise((resolve, reject) => batch.waiters.push({ capture: read, resolve: resolve as (value: unknown) => void, reject }))
    }
    const value = read()
    const inFlight = this.inFlight
    if (!inFlight) return Promise.resolve(value)
    return new Promise((resolve, reject) => inFlight.waiters.push({ capture: null, value, resolve: resolve as (value: unknown) => void, reject }))
  }

  /** Commits what is gathered, waits for any compaction, and compacts a log that is not empty. Never rejects. */
  async close(): Promise<void> {
    try {
      await this.whenCommitted()
      await this.compacting
      if (this.status !== 'failed' && this.lastSeq > this.seqAtSnapshot) await this.compact()
    } catch (error) {
      this.log.error('room close could not commit', { room: this.boardId, error: String(error) })
    } finally {
      if (this.status !== 'failed') this.status = 'closed'
    }
  }

  private commitNext(): void {
    if (this.inFlight || this.status === 'failed') return
    if (this.gathering.entries.length === 0) {
      if (this.status !== 'closed') this.status = 'idle'
      return
    }
    const batch = this.gathering
    this.gathering = emptyBatch()
    this.inFlight = batch
    if (this.status !== 'closed') this.status = 'committing'
    const clocks = this.host.cutClocks()
    // Under steady load the pipeline is never idle, so the snapshot is read at the cut: exactly what this commit makes durable.
    const isDue = this.lastSeq + batch.entries.length - this.seqAtSnapshot >= this.compactAfterUpdates
    if (isDue && !this.compacting && this.status !== 'closed') {
      batch.snapshot = this.host.snapshot()
      batch.appliedAtCut = this.host.appliedSeq()
    }
    for (const waiter of batch.waiters) {
      if (!waiter.capture) continue
      try {
        waiter.value = waiter.capture()
      } catch (error) {
        waiter.reject(error)
      }
    }
    this.storage.appendUpdates(this.boardId, batch.entries.map((entry) => entry.update)).then(
      (lastSeq) => this.onCommitted(batch, clocks, lastSeq),
      (error: unknown) => this.fail(error),
    )
  }

  private onCommitted(batch: Batch<O>, clocks: Map<number, number>, lastSeq: number): void {
    const firstSeq = lastSeq - batch.entries.length + 1
    batch.entries.forEach((entry, index) => this.logged.push({ seq: firstSeq + index, bytes: entry.update.byteLength }))
    this.loggedBytes += batch.bytes
    this.lastSeq = lastSeq
    this.inFlight = null
    try {
      this.host.committed({ entries: batch.entries, clocks, firstSeq })
    } catch (error) {
      this.log.error('broadcast after commit failed', { room: this.boardId, error: String(error) })
    }
    for (const waiter of batch.waiters) waiter.resolve(waiter.value)
    // Whole only if, when it was read, the doc held every update logged before this batch (another instance's included).
    if (batch.snapshot && !this.compacting && (batch.appliedAtCut ?? 0) >= firstSeq - 1) void this.compact(batch.snapshot, lastSeq)
    if (this.gathering.entries.length > 0) return this.commitNext()
    if (this.status !== 'closed') this.status = 'idle'
  }

  /**
   * Folds the committed log into a snapshot of the doc through `throughSeq`
   * (read when nothing is uncommitted, or at the cut of the batch that ends
   * at `throughSeq`); counters move only once the snapshot is stored.
   */
  private compact(snapshot?: { update: Uint8Array; stateVector: Uint8Array }, throughSeq = this.lastSeq): Promise<void> {
    if (this.status === 'failed' || (!snapshot && (!this.isSettled || this.host.appliedSeq() < throughSeq))) return Promise.resolve()
    const { update, stateVector } = snapshot ?? this.host.snapshot()
    const run = this.storage
      .compact(this.boardId, update, stateVector, throughSeq)
      .then(() => {
        this.seqAtSnapshot = Math.max(this.seqAtSnapshot, throughSeq)
        this.snapshotBytes = update.byteLength
        this.logged = this.logged.filter((entry) => entry.seq > throughSeq)
        this.loggedBytes = this.logged.reduce((sum, entry) => sum + entry.bytes, 0)
        this.log.info('room compacted', { room: this.boardId, throughSeq, bytes: update.byteLength })
      })
      .catch((error: unknown) => this.log.error('compaction failed; the log is kept', { room: this.boardId, error: String(error) }))
      .finally(() => {
        if (this.compacting === run) this.compacting = null
      })
    this.compacting = run
    return run
  }

  private fail(error: unknown): void {
    if (this.status === 'failed') return
    this.status = 'failed'
    const batches = [this.inFlight, this.gathering].filter((batch): batch is Batch<O> => batch !== null)
    this.inFlight = null
    this.gathering = emptyBatch()
    this.log.error('storage commit failed; closing the room', { room: this.boardId, error: String(error) })
    for (const batch of batches) for (const waiter of batch.waiters) waiter.reject(error)
    this.host.failed(error)
  }
}
