import type { ControlMessage } from '../../shared/protocol/messages.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import { boardChannel, decodeBoardMessage, encodeBoardMessage, type BoardMessage, type BoardSignal } from '../pubsub/boardMessages.js'
import type { PubSub } from '../pubsub/PubSub.js'
import type { DocStorage } from '../storage/DocStorage.js'

/** What the fan-out hands its room: updates to apply (already durable), presence, control messages and signals from other instances. */
export interface FanoutHost {
  /** Applies committed updates from the log or another instance; they are neither stored again nor republished. */
  applyRemote(updates: readonly Uint8Array[]): void
  remotePresence(update: Uint8Array): void
  remoteControl(message: ControlMessage): void
  remoteSignal(what: BoardSignal): void
}

/** How often a room on a shared board checks the log for what pub/sub may have dropped (at most once delivery). */
const CATCH_UP_EVERY_MS = 2_000

/**
 * How long a room waits for the message that fills a gap before it reads the
 * log. With two instances writing one board, one instance's commit often lands
 * between another's commit and its message: the message is on its way, and
 * reading the log for it at once cost a read per such batch (24 to 181 reads a
 * second in the scale-out bench).
 */
export const GAP_WAIT_MS = 150

/** Updates logged past a gap, held until the gap fills: another instance's (to apply), or this instance's own (already applied: null). */
type Held = { lastSeq: number; updates: readonly Uint8Array[] | null }

/**
 * A room's link to the other instances serving the same board (DESIGN.md,
 * "Several instances"). Committed batches go out with their log sequence
 * numbers; the room tracks `seen`, the sequence number through which it has
 * applied every logged update, and when an update arrives past a gap — or
 * the pub/sub connection returns, or a periodic check finds the log ahead —
 * it reads the missing rows from storage. A gap is first given GAP_WAIT_MS for
 * its message to arrive, holding what came after it. A lost message delays an
 * update; it never loses one. With the single-process fan-out this is inert.
 */
export class RoomFanout {
  private seen: number
  private readonly held = new Map<number, Held>()
  private gapTimer: NodeJS.Timeout | null = null
  private catchingUp: Promise<void> | null = null
  private isCatchUpAgain = false
  private readonly unsubscribe: () => void
  private readonly stopReconnect: () => void
  private readonly timer: NodeJS.Timeout | null

  constructor(
    private readonly boardId: BoardId,
    private readonly pubsub: PubSub,
    private readonly storage: DocStorage,
    private readonly log: Logger,
    private readonly host: FanoutHost,
    lastSeq: number,
  ) {
    this.seen = lastSeq
    this.unsubscribe = pubsub.subscribe(boardChannel(boardId), (bytes) => this.receive(bytes))
    this.stopReconnect = pubsub.onReconnect(() => this.catchUp())
    this.timer = pubsub.isShared ? setInterval(() => this.catchUp(), CATCH_UP_EVERY_MS) : null
    this.timer?.unref()
  }

  /** Whether updates are held past a gap, waiting for its message before the log is read (for tests and metrics). */
  get isWaitingForGap(): boolean {
    return this.gapTimer !== null
  }

  /** The sequence number through which this room has applied every logged update. */
  get seenSeq(): number {
    return this.seen
  }

  /** This instance committed updates `firstSeq..lastSeq`: tells the others, and catches up if someone else's came in between. */
  committed(firstSeq: number, updates: readonly Uint8Array[]): void {
    const lastSeq = firstSeq + updates.length - 1
    this.publish({ kind: 'update', firstSeq, updates: [...updates] })
    if (firstSeq <= this.seen + 1) {
      this.seen = Math.max(this.seen, lastSeq)
      this.drainHeld()
    } else this.holdPastGap(firstSeq, { lastSeq, updates: null })
  }

  /** Sends presence, control messages or signals to the other instances. */
  publish(message: BoardMessage): void {
    if (this.pubsub.isShared) this.pubsub.publish(boardChannel(this.boardId), encodeBoardMessage(this.pubsub.instanceId, message))
  }

  /** Stops listening. */
  close(): void {
    this.unsubscribe()
    this.stopReconnect()
    if (this.timer) clearInterval(this.timer)
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.held.clear()
  }

  private receive(bytes: Uint8Array): void {
    let decoded: ReturnType<typeof decodeBoardMessage>
    try {
      decoded = decodeBoardMessage(bytes)
    } catch (error) {
      return this.log.warn('unreadable message from another instance dropped', { room: this.boardId, error: String(error) })
    }
    if (decoded.instanceId === this.pubsub.instanceId) return
    // What the room does with it must not throw into the Redis client's event handler either: an update that will
    // not apply is left unseen (the log's copy is read at the next catch-up), anything else is dropped.
    try {
      this.dispatch(decoded.message)
    } catch (error) {
      this.log.warn('message from another instance could not be applied; dropped', { room: this.boardId, kind: decoded.message.kind, error: String(error) })
    }
  }

  private dispatch(message: BoardMessage): void {
    switch (message.kind) {
      case 'update':
        return this.receiveUpdates(message.firstSeq, message.updates)
      case 'presence':
        return this.host.remotePresence(message.update)
      case 'control':
        return this.host.remoteControl(message.message)
      case 'signal':
        return this.host.remoteSignal(message.what)
    }
  }

  private receiveUpdates(firstSeq: number, updates: readonly Uint8Array[]): void {
    const lastSeq = firstSeq + updates.length - 1
    if (lastSeq <= this.seen) return
    if (firstSeq > this.seen + 1) return this.holdPastGap(firstSeq, { lastSeq, updates })
    this.host.applyRemote(updates.slice(this.seen + 1 - firstSeq))
    this.seen = lastSeq
    this.drainHeld()
  }

  /** Keeps updates that came past a gap, and reads the log if the gap has not filled within GAP_WAIT_MS. */
  private holdPastGap(firstSeq: number, held: Held): void {
    const before = this.held.get(firstSeq)
    if (!before || before.lastSeq < held.lastSeq) this.held.set(firstSeq, held)
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null
      if (this.held.size > 0) this.catchUp()
    }, GAP_WAIT_MS)
  }

  /** Applies, in order, what was held and now follows `seen` without a gap; forgets what `seen` already covers. */
  private drainHeld(): void {
    let next: [number, Held] | undefined
    while ((next = [...this.held].find(([firstSeq, held]) => firstSeq <= this.seen + 1 && held.lastSeq > this.seen))) {
      const [firstSeq, held] = next
      if (held.updates) this.host.applyRemote(held.updates.slice(this.seen + 1 - firstSeq))
      this.seen = held.lastSeq
    }
    for (const [firstSeq, held] of this.held) if (held.lastSeq <= this.seen) this.held.delete(firstSeq)
    // The gap filled while its wait ran: nothing is left to read the log for.
    if (this.held.size === 0 && this.gapTimer) {
      clearTimeout(this.gapTimer)
      this.gapTimer = null
    }
  }

  /** Reads what this room has not seen from the log; one read at a time, and one more if asked meanwhile. */
  private catchUp(): void {
    if (this.catchingUp) return void (this.isCatchUpAgain = true)
    this.catchingUp = this.storage
      .loadUpdatesAfter(this.boardId, this.seen)
      .then((missed) => {
        const updates = missed.updates.filter((entry) => entry.seq > this.seen).map((entry) => entry.update)
        if (missed.snapshot) updates.unshift(missed.snapshot)
        if (updates.length > 0) this.host.applyRemote(updates)
        this.seen = Math.max(this.seen, missed.lastSeq)
        this.drainHeld()
      })
      .catch((error: unknown) => this.log.warn('catching up from the log failed; will try again', { room: this.boardId, error: String(error) }))
      .finally(() => {
        this.catchingUp = null
        if (this.isCatchUpAgain) {
          this.isCatchUpAgain = false
          this.catchUp()
        }
      })
  }
}
