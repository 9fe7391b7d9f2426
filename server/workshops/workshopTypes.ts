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

/** A workshop board's state the hooks keep in memory: its lock (read once from the store and written through) and whether the facilitator leads. */
export interface BoardState {
  boardId: string
  workshopId: string
  isLocked: boolean
  /** Follow me: on, with the leader's presence client id, until the facilitator turns it off. Kept in memory: it lasts a session, not a board. */
  follow: { isOn: boolean; facilitatorClientId: number | null }
}
