import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { DocStorage } from '../storage/DocStorage.js'
import type { Connection } from './Connection.js'
import { Room, type RoomOptions } from './Room.js'
import type { RoomHooks } from './RoomHooks.js'

/** Registry tuning. */
export interface RoomRegistryOptions extends RoomOptions {
  /** How long an empty room stays in memory before it is flushed and unloaded. */
  idleUnloadMs: number
}

/**
 * Keeps one Room per board in memory while anyone is on it. A room whose last
 * connection leaves is flushed and unloaded after `idleUnloadMs`; a join that
 * races an unload waits for it and loads the board again.
 */
export class RoomRegistry {
  private readonly rooms = new Map<BoardId, Promise<Room>>()
  private readonly unloadTimers = new Map<BoardId, NodeJS.Timeout>()

  constructor(
    private readonly storage: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomRegistryOptions,
    private readonly hooksFor: (boardId: BoardId) => Promise<RoomHooks>,
  ) {}

  /** Every room in memory that has finished loading. */
  async loadedRooms(): Promise<Room[]> {
    const settled = await Promise.allSettled(this.rooms.values())
    return settled.flatMap((result) => (result.status === 'fulfilled' && !result.value.isClosing ? [result.value] : []))
  }

  /** The board's room when it is loaded and open, else null. */
  async loadedRoom(boardId: BoardId): Promise<Room | null> {
    const room = await this.rooms.get(boardId)?.catch(() => null)
    return room && !room.isClosing ? room : null
  }

  /** Number of rooms loaded or loading. */
  get size(): number {
    return this.rooms.size
  }

  /** Whether a board's room is in memory now. */
  isLoaded(boardId: BoardId): boolean {
    return this.rooms.has(boardId)
  }

  /** Loads the board's room if needed and adds the connection to it. */
  async join(boardId: BoardId, connection: Connection): Promise<Room> {
    for (;;) {
      const room = await this.acquire(boardId)
      if (room.isClosing) {
        await room.closed
        continue
      }
      this.cancelUnload(boardId)
      room.join(connection)
      return room
    }
  }

  /** Removes the connection; an empty room is scheduled for unloading. */
  leave(room: Room, connection: Connection): void {
    room.leave(connection)
    if (room.connections.size > 0 || room.isClosing) return
    this.cancelUnload(room.boardId)
    const timer = setTimeout(() => void this.unload(room), this.options.idleUnloadMs)
    this.unloadTimers.set(room.boardId, timer)
  }

  /** Flushes and unloads every room. */
  async closeAll(): Promise<void> {
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    const rooms = await Promise.allSettled(this.rooms.values())
    await Promise.all(rooms.map((result) => (result.status === 'fulfilled' ? this.unload(result.value) : undefined)))
  }

  private acquire(boardId: BoardId): Promise<Room> {
    const existing = this.rooms.get(boardId)
    if (existing) return existing
    const loading = this.hooksFor(boardId).then((hooks) => Room.load(boardId, this.storage, this.log, this.options, hooks))
    this.rooms.set(boardId, loading)
    loading.then(
      (room) => {
        room.closed.then(() => {
          if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId)
        })
      },
      (error) => {
        this.log.error('room load failed', { room: boardId, error: String(error) })
        if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId)
      },
    )
    return loading
  }

  private async unload(room: Room): Promise<void> {
    this.cancelUnload(room.boardId)
    await room.close(CloseCode.goingAway, 'room unloaded')
    this.log.info('room unloaded', { room: room.boardId })
  }

  private cancelUnload(boardId: BoardId): void {
    const timer = this.unloadTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(boardId)
  }
}
