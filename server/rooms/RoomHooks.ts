import type { ControlMessage } from '../../shared/protocol/messages.js'
import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import type { PresenceState } from '../../shared/schema/presenceState.js'
import type { BoardSignal } from '../pubsub/boardMessages.js'
import type { Connection } from './Connection.js'

/** What the workshop layer may see and do in a room: no doc, no socket, no pipeline. */
export interface RoomContext {
  readonly boardId: BoardId
  /** Whether the room is closing: no more broadcasts are worth sending. */
  readonly isClosing: boolean
  /** The connections on the board now. */
  connections(): readonly Connection[]
  /** Sends a control message to every connection that said hello, but `except`, on every instance. */
  broadcast(message: ControlMessage, except?: Connection): void
  /** Tells the other instances that per-person state changed, so each recomputes it for its own connections. */
  signal(what: BoardSignal): void
  /** The people on the board now, on every instance. */
  onlinePersonIds(): Set<string>
  /** The board's shape records as committed so far, bad entries skipped. */
  readShapes(): PlanShape[]
  /** The Yjs client id a connection's presence speaks for, or null. */
  presenceClientId(connection: Connection): number | null
}

/** Why a write is denied: the role or the lock. */
export type WriteDenial = 'viewerReadOnly' | 'boardLocked'

/** What the workshop layer plugs into a room: who may write, whose name shows, what requests do. */
export interface RoomHooks {
  /** Null when the connection may change the doc now, else why not. */
  canWrite(connection: Connection): WriteDenial | null
  /** Rewrites one awareness state before it is relayed, e.g. to stamp the invite's name. */
  stampPresence(connection: Connection, state: PresenceState): PresenceState
  /** Handles a workshop request from the control channel. */
  onRequest(context: RoomContext, connection: Connection, request: WorkshopRequest): void
  /** A connection said hello: the workshop layer sends it the session and state. */
  onHello(context: RoomContext, connection: Connection): void
  /** A connection left the room. */
  onLeave(context: RoomContext, connection: Connection): void
  /** Another instance broadcast a control message (a lock, the timer, …): keep this instance's state in step. The room relays it. */
  onRemoteControl(context: RoomContext, message: ControlMessage): void
  /** Another instance changed per-person state: recompute it for this instance's connections. */
  onRemoteSignal(context: RoomContext, what: BoardSignal): void
}

/** Hooks of an open board: everyone writes, names are the clients' own, no workshop requests. */
export const openBoardHooks: RoomHooks = {
  canWrite: () => null,
  stampPresence: (_connection, state) => state,
  onRequest: (_context, connection, request) => connection.sendControl({ type: 'refused', request: request.type, reason: 'notInWorkshop' }),
  onHello: () => {},
  onLeave: () => {},
  onRemoteControl: () => {},
  onRemoteSignal: () => {},
}
