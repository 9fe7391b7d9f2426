import type { Logger } from '../log.js'
import type { WorkshopRooms } from './workshopRooms.js'
import type { WorkshopStore } from './WorkshopStore.js'

/** What the workshop hooks need. */
export interface WorkshopHooksDeps {
  store: WorkshopStore
  log: Logger
  now: () => number
  /** The loaded rooms of each workshop, for its board list; one per server. */
  rooms: WorkshopRooms
}

/** A workshop board's state the hooks keep in memory: its lock, read once from the store and written through. */
export interface BoardState {
  boardId: string
  workshopId: string
  isLocked: boolean
}
