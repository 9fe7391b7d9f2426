import type { ControlMessage } from '../../shared/protocol/messages.js'
import type { Logger } from '../log.js'
import type { RoomContext } from '../rooms/RoomHooks.js'
import type { WorkshopStore } from './WorkshopStore.js'

/**
 * The loaded rooms of each workshop, for news that concerns every board of
 * a workshop rather than one: its board list (a board added or renamed).
 * A room is noted when the workshop layer first hears from it and dropped
 * once it closes.
 */
export interface WorkshopRooms {
  /** Notes a loaded room of a workshop. */
  add(workshopId: string, context: RoomContext): void
  /** Forgets a room that is closing. */
  remove(workshopId: string, context: RoomContext): void
  /** Sends the workshop's board list, as stored now, to everyone on any of its boards. */
  announceBoards(workshopId: string): Promise<void>
}

/** Creates the registry of loaded workshop rooms over the store. */
export function createWorkshopRooms(deps: { store: WorkshopStore; log: Logger; publishToBoard: (boardId: string, message: ControlMessage) => void }): WorkshopRooms {
  const rooms = new Map<string, Set<RoomContext>>()
  return {
    add(workshopId, context) {
      const set = rooms.get(workshopId) ?? new Set()
      // A room that unloaded while empty never said goodbye: drop it here.
      for (const known of set) if (known.isClosing) set.delete(known)
      set.add(context)
      rooms.set(workshopId, set)
    },
    remove(workshopId, context) {
      const set = rooms.get(workshopId)
      set?.delete(context)
      if (set?.size === 0) rooms.delete(workshopId)
    },
    async announceBoards(workshopId) {
      const set = rooms.get(workshopId) ?? new Set<RoomContext>()
      const boards = await deps.store.listWorkshopBoards(workshopId)
      const message = { type: 'boards' as const, boards }
      for (const context of set) {
        if (context.isClosing) set.delete(context)
        else context.broadcast(message)
      }
      // Boards loaded only on other instances hear it on their own channels (a room's broadcast covers its own).
      const here = new Set([...set].map((context) => context.boardId))
      for (const board of boards) if (!here.has(board.id)) deps.publishToBoard(board.id, message)
      if (set.size === 0) rooms.delete(workshopId)
      deps.log.info('workshop boards announced', { workshop: workshopId, boards: boards.length })
    },
  }
}
