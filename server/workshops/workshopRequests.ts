import { randomUUID } from 'node:crypto'
import { cleanBoardName, type WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import type { Refusal } from '../../shared/result.js'
import { canFacilitate } from '../../shared/rules/roles.js'
import { checkShowableRound } from '../../shared/rules/shownRound.js'
import { cardsInScope, checkRoundSettings } from '../../shared/rules/voting.js'
import type { Actor, Round } from '../../shared/rules/votingTypes.js'
import type { Connection } from '../rooms/Connection.js'
import type { RoomContext } from '../rooms/RoomHooks.js'
import type { RoundDeadlines } from './roundDeadlines.js'
import type { BoardState, WorkshopHooksDeps } from './workshopTypes.js'
import { applyTimerAction, DEFAULT_TIMER_MS } from './timer.js'
import type { WorkshopBroadcasts } from './workshopBroadcasts.js'

/** What a request handler reaches: the store, the board's state, its broadcasts and its rounds' time limits. */
export interface RequestDeps extends WorkshopHooksDeps {
  board: BoardState
  broadcasts: WorkshopBroadcasts
  deadlines: RoundDeadlines
}

const BALLOTS = new Set(['vote', 'unvote', 'score'])

/** Checks a request against the role, carries it out, and answers everyone with the new state, or the requester with `refused`. */
export async function handleWorkshopRequest(deps: RequestDeps, context: RoomContext, connection: Connection, request: WorkshopRequest): Promise<void> {
  const refuse = (refusal: Refusal) => connection.sendControl({ type: 'refused', request: request.type, reason: refusal.reason, params: refusal.params })
  const session = connection.session
  if (!session) return refuse({ reason: 'notInWorkshop' })
  if (!BALLOTS.has(request.type) && !canFacilitate(session.role)) return refuse({ reason: 'facilitatorOnly' })
  try {
    const refusal = await apply(deps, context, connection, { personId: session.personId, role: session.role }, request)
    if (refusal) refuse(refusal)
  } catch (error) {
    deps.log.error('workshop request failed', { room: deps.board.boardId, conn: connection.id, request: request.type, error: String(error) })
    refuse({ reason: 'storageFailure' })
  }
}

/** Carries out one request; returns the refusal when it is refused. */
async function apply(deps: RequestDeps, context: RoomContext, connection: Connection, actor: Actor, request: WorkshopRequest): Promise<Refusal | void> {
  const { store, board, broadcasts } = deps
  const now = deps.now()
  switch (request.type) {
    case 'vote':
    case 'unvote':
    case 'score': {
      const round = await store.getRound(request.roundId)
      if (!round || round.boardId !== board.boardId) return { reason: 'roundNotFound' }
      const isCardInScope = cardsInScope(round.scope, context.readShapes()).has(request.cardId)
      const input = { roundId: request.roundId, actor, cardId: request.cardId, isCardInScope, now }
      const result =
        request.type === 'vote' ? await store.castVote(input) : request.type === 'unvote' ? await store.withdrawVote(input) : await store.saveScore({ ...input, impact: request.impact, effort: request.effort })
      if (!result.ok) return result
      return broadcasts.rounds(context)
    }
    case 'start-round': {
      const settings = checkRoundSettings(request.settings)
      if (!settings.ok) return settings
      const { durationSeconds, ...rest } = settings.value
      const round: Round = { ...rest, id: randomUUID(), workshopId: board.workshopId, boardId: board.boardId, endsAt: durationSeconds ? now + durationSeconds * 1000 : null, state: 'open', createdAt: now }
      await store.createRound(round)
      deps.deadlines.arm(round)
      return broadcasts.rounds(context)
    }
    case 'reveal-round':
    case 'close-round': {
      const round = await store.getRound(request.roundId)
      if (!round || round.boardId !== board.boardId) return { reason: 'roundNotFound' }
      if (round.state === 'closed') return { reason: 'roundClosed' }
      await store.setRoundState(round.id, request.type === 'reveal-round' ? 'revealed' : 'closed')
      return broadcasts.rounds(context)
    }
    case 'show-round': {
      if (request.roundId !== null) {
        const showable = checkShowableRound(await store.getRound(request.roundId), board.boardId, now)
        if (!showable.ok) return showable
      }
      await store.setShownRound(board.boardId, request.roundId)
      return broadcasts.rounds(context)
    }
    case 'rename-board': {
      if ((await store.workshopOfBoard(request.boardId)) !== board.workshopId) return { reason: 'boardNotFound' }
      await store.renameBoard(request.boardId, cleanBoardName(request.name))
      return deps.rooms.announceBoards(board.workshopId)
    }
    case 'set-lock':
      await store.setBoardLocked(board.boardId, request.isLocked)
      board.isLocked = request.isLocked
      return context.broadcast({ type: 'lock', isLocked: request.isLocked })
    case 'timer': {
      const stored = await store.getTimer(board.boardId)
      const timer = applyTimerAction(stored ?? { boardId: board.boardId, isRunning: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS, hasSound: false }, request, now)
      await store.saveTimer(timer)
      return context.broadcast({ type: 'timer', isRunning: timer.isRunning, endsAt: timer.endsAt, remainingMs: timer.remainingMs, hasSound: timer.hasSound, serverNow: now })
    }
    case 'follow':
      // Everyone hears it, the facilitator too (its button shows the server's state), and newcomers get it on hello.
      board.follow = { isOn: request.isOn, facilitatorClientId: context.presenceClientId(connection) }
      return context.broadcast({ type: 'follow', ...board.follow })
    case 'summon':
      return context.broadcast({ type: 'summon', bounds: request.bounds }, connection)
  }
}
