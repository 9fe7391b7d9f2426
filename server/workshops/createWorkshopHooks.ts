import { randomUUID } from 'node:crypto'
import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import { canEditBoard, canFacilitate } from '../../shared/rules/roles.js'
import { scoreSummary } from '../../shared/rules/scoring.js'
import { canSeeTally, cardsInScope, checkRoundSettings, visibleResults } from '../../shared/rules/voting.js'
import type { Actor, Round } from '../../shared/rules/votingTypes.js'
import type { Logger } from '../log.js'
import { openBoardHooks, type Room, type RoomConnection, type RoomHooks } from '../rooms/Room.js'
import { readShapes } from '../rooms/readShapes.js'
import { applyTimerAction, DEFAULT_TIMER_MS } from './timer.js'
import type { WorkshopStore } from './WorkshopStore.js'

/** What the workshop hooks need. */
export interface WorkshopHooksDeps {
  store: WorkshopStore
  log: Logger
  now: () => number
}

/**
 * The workshop layer of a board's room: writes allowed by role and lock,
 * awareness stamped with the invite's name and colour, and facilitation
 * requests (rounds, votes, scores, lock, timer, follow, summon) checked on
 * the server and answered with the new state for everyone on the board.
 */
export function createWorkshopHooks(deps: WorkshopHooksDeps): (boardId: string) => Promise<RoomHooks> {
  const locks = new Map<string, boolean>()
  return async (boardId) => {
    const workshopId = await deps.store.workshopOfBoard(boardId)
    if (!workshopId) return openBoardHooks
    locks.set(boardId, await deps.store.isBoardLocked(boardId))
    const state = { locks, workshopId, boardId }
    const background = (what: string, work: Promise<void>) =>
      work.catch((error) => deps.log.error('workshop update failed', { room: boardId, what, error: String(error) }))
    return {
      canWrite: (_room, connection) => connection.session !== null && canEditBoard(connection.session.role, locks.get(boardId) === true),
      stampAwareness,
      onRequest: (room, connection, request) => void background(request.type, handle(deps, state, room, connection, request)),
      onHello: (room, connection) => void background('hello', sendEverything(deps, state, room, connection)),
      onLeave: (room) => {
        if (!room.isClosing) void background('leave', broadcastPeople(deps, state, room))
      },
    }
  }
}

interface BoardState {
  locks: Map<string, boolean>
  workshopId: string
  boardId: string
}

/** Overwrites the name and colour a client claims with the ones bound to its connection. */
function stampAwareness(connection: RoomConnection, state: string): string {
  const session = connection.session
  if (!session) return state
  try {
    const parsed = JSON.parse(state) as Record<string, unknown> | null
    if (parsed === null) return state
    parsed.user = { name: session.name, color: session.color, personId: session.personId, role: session.role }
    if (typeof parsed.presence === 'object' && parsed.presence !== null) {
      Object.assign(parsed.presence, { userName: session.name, color: session.color, userId: session.personId })
    }
    return JSON.stringify(parsed)
  } catch {
    return 'null'
  }
}

async function handle(deps: WorkshopHooksDeps, board: BoardState, room: Room, connection: RoomConnection, request: WorkshopRequest): Promise<void> {
  const session = connection.session
  const refuse = (reason: string) => room.sendControl(connection, { type: 'refused', request: request.type, reason })
  if (!session) return refuse('no session')
  const actor: Actor = { personId: session.personId, role: session.role }
  const needsFacilitator = !['vote', 'unvote', 'score'].includes(request.type)
  if (needsFacilitator && !canFacilitate(session.role)) return refuse('only the facilitator can do this')
  try {
    const reason = await apply(deps, board, room, connection, actor, request)
    if (reason) refuse(reason)
  } catch (error) {
    deps.log.error('workshop request failed', { room: board.boardId, conn: connection.id, request: request.type, error: String(error) })
    refuse('the server could not do this now')
  }
}

/** Carries out one request; returns a reason when it is refused. */
async function apply(deps: WorkshopHooksDeps, board: BoardState, room: Room, connection: RoomConnection, actor: Actor, request: WorkshopRequest): Promise<string | void> {
  const { store } = deps
  const now = deps.now()
  switch (request.type) {
    case 'vote':
    case 'unvote':
    case 'score': {
      const round = await store.getRound(request.roundId)
      if (!round || round.boardId !== board.boardId) return 'no such round on this board'
      const isCardInScope = cardsInScope(round.scope, readShapes(room.doc)).has(request.cardId)
      const input = { roundId: request.roundId, actor, cardId: request.cardId, isCardInScope, now }
      const result =
        request.type === 'vote' ? await store.castVote(input) : request.type === 'unvote' ? await store.withdrawVote(input) : await store.saveScore({ ...input, impact: request.impact, effort: request.effort })
      if (!result.ok) return result.reason
      return void (await broadcastRounds(deps, board, room))
    }
    case 'start-round': {
      const settings = checkRoundSettings(request.settings)
      if (!settings.ok) return settings.reason
      const { durationSeconds, ...rest } = settings.value
      const round: Round = { ...rest, id: randomUUID(), workshopId: board.workshopId, boardId: board.boardId, endsAt: durationSeconds ? now + durationSeconds * 1000 : null, state: 'open', createdAt: now }
      await store.createRound(round)
      return void (await broadcastRounds(deps, board, room))
    }
    case 'reveal-round':
    case 'close-round': {
      const round = await store.getRound(request.roundId)
      if (!round || round.boardId !== board.boardId) return 'no such round on this board'
      if (round.state === 'closed') return 'the round is closed'
      await store.setRoundState(round.id, request.type === 'reveal-round' ? 'revealed' : 'closed')
      return void (await broadcastRounds(deps, board, room))
    }
    case 'set-lock':
      await store.setBoardLocked(board.boardId, request.isLocked)
      board.locks.set(board.boardId, request.isLocked)
      return broadcast(room, { type: 'lock', isLocked: request.isLocked })
    case 'timer': {
      const timer = applyTimerAction((await store.getTimer(board.boardId)) ?? { boardId: board.boardId, isRunning: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS, hasSound: false }, request, now)
      await store.saveTimer(timer)
      return broadcast(room, { type: 'timer', isRunning: timer.isRunning, endsAt: timer.endsAt, remainingMs: timer.remainingMs, hasSound: timer.hasSound, serverNow: now })
    }
    case 'follow':
      return broadcast(room, { type: 'follow', isOn: request.isOn, facilitatorClientId: connection.awarenessClientId }, connection)
    case 'summon':
      return broadcast(room, { type: 'summon', bounds: request.bounds }, connection)
  }
}

function broadcast(room: Room, message: Parameters<Room['sendControl']>[1], except?: RoomConnection): void {
  for (const connection of room.connections) if (connection !== except) room.sendControl(connection, message)
}

/** Sends each person the rounds of the board as that person may see them. */
async function broadcastRounds(deps: WorkshopHooksDeps, board: BoardState, room: Room, only?: RoomConnection): Promise<void> {
  const rounds = await deps.store.listRounds(board.boardId)
  const votes = await Promise.all(rounds.map((round) => deps.store.listVotes(round.id)))
  const scores = await Promise.all(rounds.map((round) => (round.kind === 'score' ? deps.store.listScores(round.id) : Promise.resolve([]))))
  for (const connection of only ? [only] : room.connections) {
    const session = connection.session
    if (!session) continue
    const viewer: Actor = { personId: session.personId, role: session.role }
    const views = rounds.map((round, index) => {
      const results = visibleResults({ round, votes: votes[index], viewer })
      if (round.kind !== 'score') return { round, results }
      const summary = canSeeTally(round, session.role) ? Object.fromEntries(scoreSummary(scores[index])) : null
      const own = scores[index].filter((score) => score.voterId === session.personId)
      return { round, results, scores: { summary, own } }
    })
    room.sendControl(connection, { type: 'rounds', rounds: views })
  }
  await broadcastPeople(deps, board, room)
}

/** Sends everyone the participants list: who is online and who has voted in the open round. */
async function broadcastPeople(deps: WorkshopHooksDeps, board: BoardState, room: Room): Promise<void> {
  const people = await deps.store.listPeople(board.workshopId)
  const rounds = await deps.store.listRounds(board.boardId)
  const current = rounds.filter((round) => round.state !== 'closed').at(-1)
  const voters = new Set(current ? (current.kind === 'vote' ? await deps.store.listVotes(current.id) : await deps.store.listScores(current.id)).map((ballot) => ballot.voterId) : [])
  const online = new Set([...room.connections].map((connection) => connection.session?.personId))
  const list = people.map((person) => ({ personId: person.id, name: person.name, color: person.color, role: person.role, isOnline: online.has(person.id), hasVoted: voters.has(person.id) }))
  broadcast(room, { type: 'people', people: list })
}

async function sendEverything(deps: WorkshopHooksDeps, board: BoardState, room: Room, connection: RoomConnection): Promise<void> {
  const session = connection.session
  if (!session) return
  const workshop = await deps.store.getWorkshop(board.workshopId)
  room.sendControl(connection, {
    type: 'session',
    ...session,
    workshopId: board.workshopId,
    workshopTitle: workshop?.title ?? null,
    isLocked: board.locks.get(board.boardId) === true,
  })
  const timer = await deps.store.getTimer(board.boardId)
  if (timer) room.sendControl(connection, { type: 'timer', isRunning: timer.isRunning, endsAt: timer.endsAt, remainingMs: timer.remainingMs, hasSound: timer.hasSound, serverNow: deps.now() })
  await broadcastRounds(deps, board, room, connection)
  await broadcastPeople(deps, board, room)
}
