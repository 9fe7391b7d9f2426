import type { Round } from '../../shared/rules/votingTypes.js'
import type { WorkshopHooksDeps } from './workshopTypes.js'

/** The longest delay setTimeout takes; a longer wait is cut into turns. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** The time limits of one board's rounds while its room is loaded. */
export interface RoundDeadlines {
  /** Reads the board's rounds and arms a timer for each open one with a time limit; one already past closes at once. */
  armAll(): Promise<void>
  /** Arms the timer of one round (a round just started with a time limit). */
  arm(round: Round): void
  /** Clears every timer: nobody is on the board, or its room unloads. */
  clear(): void
  /** Whether the timers are armed (armAll ran and nothing cleared them since). */
  readonly isArmed: boolean
}

/**
 * Closes a board's rounds at their `endsAt` on the server, without any
 * client asking. One timer per round while the room is loaded; when it
 * fires the round is closed in the store only if it is not closed already
 * (a conditional update), so a round closes exactly once even when a
 * facilitator closes it at the same moment or a reloaded room arms it
 * again. `onClosed` runs after the stored change, to broadcast it. A timer
 * that fires early by the server's clock (`now`) waits for the rest.
 */
export function createRoundDeadlines(deps: WorkshopHooksDeps & { boardId: string; onClosed(round: Round): void }): RoundDeadlines {
  const timers = new Map<string, NodeJS.Timeout>()
  let generation = 0
  let isArmed = false
  const close = async (round: Round): Promise<void> => {
    timers.delete(round.id)
    if (!(await deps.store.closeRoundIfOpen(round.id))) return
    deps.log.info('round closed at its time limit', { room: deps.boardId, round: round.id, endsAt: round.endsAt ?? undefined })
    deps.onClosed(round)
  }
  const arm = (round: Round): void => {
    if (round.endsAt === null || round.state === 'closed') return
    clearTimeout(timers.get(round.id))
    const endsAt = round.endsAt
    const wait = (): void => {
      const left = endsAt - deps.now()
      if (left > 0) return void timers.set(round.id, setTimeout(wait, Math.min(left, MAX_TIMEOUT_MS)))
      void close(round).catch((error) => deps.log.error('closing a round at its time limit failed', { room: deps.boardId, round: round.id, error: String(error) }))
    }
    wait()
  }
  return {
    async armAll() {
      const armedFor = ++generation
      const rounds = await deps.store.listRounds(deps.boardId)
      if (armedFor !== generation) return
      isArmed = true
      for (const round of rounds) arm(round)
    },
    arm,
    clear() {
      generation++
      isArmed = false
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },
    get isArmed() {
      return isArmed
    },
  }
}
