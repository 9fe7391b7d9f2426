import { canEditBoard } from '../../shared/rules/roles.js'
import type { PresenceState } from '../../shared/schema/presenceState.js'
import type { Connection } from '../rooms/Connection.js'
import { openBoardHooks, type RoomContext, type RoomHooks } from '../rooms/RoomHooks.js'
import { createRoundDeadlines } from './roundDeadlines.js'
import { createWorkshopBroadcasts } from './workshopBroadcasts.js'
import { handleWorkshopRequest } from './workshopRequests.js'
import type { BoardState, WorkshopHooksDeps } from './workshopTypes.js'

export type { BoardState, WorkshopHooksDeps } from './workshopTypes.js'

/**
 * The workshop layer of a board's room: writes allowed by role and lock,
 * presence stamped with the invite's name and colour, and facilitation
 * requests (rounds, votes, scores, lock, timer, follow, summon, the round
 * shown, board names) checked on the server and answered with the new state
 * for everyone on the board (the board list: on every board of the
 * workshop). Rounds with a time limit close on the server at their time:
 * the timers are armed when the room loads (and when someone comes back to
 * an emptied room) and cleared when the last person leaves or the room closes.
 */
export function createWorkshopHooks(deps: WorkshopHooksDeps): (boardId: string) => Promise<RoomHooks> {
  return async (boardId) => {
    const workshopId = await deps.store.workshopOfBoard(boardId)
    if (!workshopId) return openBoardHooks
    const board: BoardState = { boardId, workshopId, isLocked: await deps.store.isBoardLocked(boardId), follow: { isOn: false, facilitatorClientId: null } }
    const broadcasts = createWorkshopBroadcasts(deps, board)
    const background = (what: string, work: Promise<void>) =>
      work.catch((error) => deps.log.error('workshop update failed', { room: boardId, what, error: String(error) }))
    // The room's context, once the room has first called in: where a round closed by its time limit is announced.
    let room: RoomContext | null = null
    const seen = (context: RoomContext): void => {
      if (room === context) return
      room = context
      deps.rooms.add(workshopId, context)
    }
    const deadlines = createRoundDeadlines({ ...deps, boardId, onClosed: () => room && !room.isClosing && broadcasts.rounds(room) })
    await deadlines.armAll()
    return {
      canWrite: (connection) => {
        const role = connection.session?.role ?? 'viewer'
        if (canEditBoard(role, board.isLocked)) return null
        return role === 'viewer' ? 'viewerReadOnly' : 'boardLocked'
      },
      stampPresence,
      onRequest: (context, connection, request) => {
        seen(context)
        void background(request.type, handleWorkshopRequest({ ...deps, board, broadcasts, deadlines }, context, connection, request))
      },
      onHello: (context, connection) => {
        seen(context)
        if (!deadlines.isArmed) void background('round time limits', deadlines.armAll())
        void background('hello', broadcasts.sendEverything(context, connection))
      },
      onLeave: (context) => {
        if (context.isClosing || context.connections().length === 0) deadlines.clear()
        if (context.isClosing) deps.rooms.remove(workshopId, context)
        else broadcasts.people(context)
      },
      onRemoteControl: (context, message) => {
        seen(context)
        // Another instance changed the board's lock or Follow me: this instance decides writes and tells newcomers from its own copy.
        if (message.type === 'lock') board.isLocked = message.isLocked
        if (message.type === 'follow') board.follow = { isOn: message.isOn, facilitatorClientId: message.facilitatorClientId }
      },
      onRemoteSignal: (context, what) => {
        seen(context)
        if (what === 'rounds') broadcasts.roundsHere(context)
      },
    }
  }
}

/**
 * Overwrites who a state claims to be with the person bound to its
 * connection. tldraw's presence validator wants `user:`-prefixed user ids,
 * so the stamped id keeps that form and browsers show the cursor.
 */
export function stampPresence(connection: Connection, state: PresenceState): PresenceState {
  const session = connection.session
  if (!session) return state
  const stamped: PresenceState = { ...state, user: { name: session.name, color: session.color, personId: session.personId, role: session.role } as PresenceState['user'] }
  if (state.presence) {
    stamped.presence = { ...state.presence, userId: `user:${session.personId}`, userName: session.name, color: session.color }
  }
  return stamped
}
