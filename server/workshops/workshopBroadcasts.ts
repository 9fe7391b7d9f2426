import { scoreSummary } from '../../shared/rules/scoring.js'
import { shownRound } from '../../shared/rules/shownRound.js'
import { canSeeTally, visibleResults } from '../../shared/rules/voting.js'
import type { Actor } from '../../shared/rules/votingTypes.js'
import type { Connection } from '../rooms/Connection.js'
import type { RoomContext } from '../rooms/RoomHooks.js'
import type { BoardState, WorkshopHooksDeps } from './workshopTypes.js'

/** Sends the workshop's state to the people on a board. */
export interface WorkshopBroadcasts {
  /** Everyone's view of the rounds (and then the people list), on every instance; coalesced: requests during a send make one more send. */
  rounds(context: RoomContext): void
  /** This instance's connections' view of the rounds, after another instance changed them. */
  roundsHere(context: RoomContext): void
  /** The participants list to everyone; coalesced the same way. */
  people(context: RoomContext): void
  /** What a connection needs on hello: its session, the timer, the workshop's boards, its view of the rounds, and the people list. */
  sendEverything(context: RoomContext, connection: Connection): Promise<void>
}

/**
 * Coalesces a send: at most one runs at a time, and any number of requests
 * made while it runs cause exactly one more. A flood of votes then costs each
 * member a frame per round trip to the store, not a frame per vote.
 */
function coalesced(run: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running: Promise<void> | null = null
  let isDirty = false
  const start = (): void => {
    isDirty = false
    running = run()
      .catch(onError)
      .finally(() => {
        running = null
        if (isDirty) start()
      })
  }
  return () => {
    if (running) isDirty = true
    else start()
  }
}

/** The broadcasts of one workshop board. */
export function createWorkshopBroadcasts(deps: WorkshopHooksDeps, board: BoardState): WorkshopBroadcasts {
  const onError = (error: unknown) => deps.log.error('workshop broadcast failed', { room: board.boardId, error: String(error) })
  let roundsContext: RoomContext | null = null
  let peopleContext: RoomContext | null = null
  const roundsNow = coalesced(async () => {
    if (roundsContext && !roundsContext.isClosing) await sendRounds(deps, board, roundsContext.connections())
  }, onError)
  const peopleNow = coalesced(async () => {
    if (peopleContext && !peopleContext.isClosing) await sendPeople(deps, board, peopleContext)
  }, onError)
  return {
    rounds(context) {
      this.roundsHere(context)
      context.signal('rounds')
      this.people(context)
    },
    roundsHere(context) {
      roundsContext = context
      roundsNow()
    },
    people(context) {
      peopleContext = context
      peopleNow()
    },
    async sendEverything(context, connection) {
      const session = connection.session
      if (!session) return
      const workshop = await deps.store.getWorkshop(board.workshopId)
      connection.sendControl({
        type: 'session',
        role: session.role,
        personId: session.personId,
        name: session.name,
        color: session.color,
        workshopId: board.workshopId,
        workshopTitle: workshop?.title ?? null,
        workshopLanguage: workshop?.language ?? null,
        isLocked: board.isLocked,
      })
      const timer = await deps.store.getTimer(board.boardId)
      if (timer) connection.sendControl({ type: 'timer', isRunning: timer.isRunning, endsAt: timer.endsAt, remainingMs: timer.remainingMs, hasSound: timer.hasSound, serverNow: deps.now() })
      connection.sendControl({ type: 'boards', boards: await deps.store.listWorkshopBoards(board.workshopId) })
      if (board.follow.isOn) connection.sendControl({ type: 'follow', ...board.follow })
      await sendRounds(deps, board, [connection])
      this.people(context)
    },
  }
}

/** Sends each connection the rounds of the board as that person may see them, and the round the board shows. */
async function sendRounds(deps: WorkshopHooksDeps, board: BoardState, connections: readonly Connection[]): Promise<void> {
  const rounds = await deps.store.listRounds(board.boardId)
  const votes = await Promise.all(rounds.map((round) => deps.store.listVotes(round.id)))
  const scores = await Promise.all(rounds.map((round) => (round.kind === 'score' ? deps.store.listScores(round.id) : Promise.resolve([]))))
  const now = deps.now()
  const shown = shownRound({ rounds, ballotsOf: (round) => votes[rounds.indexOf(round)].length, chosenId: await deps.store.getShownRound(board.boardId), now })
  for (const connection of connections) {
    const session = connection.session
    if (!session) continue
    const viewer: Actor = { personId: session.personId, role: session.role }
    const views = rounds.map((round, index) => {
      const results = visibleResults({ round, votes: votes[index], viewer, scorers: scores[index].map((score) => score.voterId) })
      if (round.kind !== 'score') return { round, results }
      const summary = canSeeTally(round) ? Object.fromEntries(scoreSummary(scores[index])) : null
      const own = scores[index].filter((score) => score.voterId === session.personId)
      return { round, results, scores: { summary, own } }
    })
    connection.sendControl({ type: 'rounds', rounds: views, shownRoundId: shown.round?.id ?? null, isShownRoundChosen: shown.isChosen, serverNow: now })
  }
}

/** Sends everyone the participants list: who is online and who has voted in the open round. */
async function sendPeople(deps: WorkshopHooksDeps, board: BoardState, context: RoomContext): Promise<void> {
  const people = await deps.store.listPeople(board.workshopId)
  const rounds = await deps.store.listRounds(board.boardId)
  const current = rounds.filter((round) => round.state !== 'closed').at(-1)
  const ballots = current ? (current.kind === 'vote' ? await deps.store.listVotes(current.id) : await deps.store.listScores(current.id)) : []
  const voters = new Set(ballots.map((ballot) => ballot.voterId))
  const online = context.onlinePersonIds()
  const list = people.map((person) => ({ personId: person.id, name: person.name, color: person.color, role: person.role, isOnline: online.has(person.id), hasVoted: voters.has(person.id) }))
  context.broadcast({ type: 'people', people: list })
}
