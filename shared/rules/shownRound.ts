import type { Result } from '../result.js'
import type { Round } from './votingTypes.js'

/**
 * Which voting round's results a board shows (cards, action plan, PDF, CSV).
 * Every round keeps its ballots; the board shows one of them: the round the
 * facilitator chose, else the latest vote round that is revealed or closed
 * and has ballots. A later round closed empty therefore never hides the
 * results of an earlier one.
 */

/** Whether a round's results are settled enough to be shown to everyone: a vote round that is revealed, closed, or past its time. */
export function isRoundShowable(round: Round, now: number): boolean {
  if (round.kind !== 'vote') return false
  return round.state !== 'open' || (round.endsAt !== null && round.endsAt <= now)
}

/** The default choice: the latest showable vote round with at least one ballot, or null. Rounds come oldest first. */
export function defaultShownRound(rounds: readonly Round[], ballotsOf: (round: Round) => number, now: number): Round | null {
  return rounds.filter((round) => isRoundShowable(round, now) && ballotsOf(round) > 0).at(-1) ?? null
}

/** The round a board shows: the facilitator's choice while it is a showable round of the board, else the default choice. */
export function shownRound(input: { rounds: readonly Round[]; ballotsOf: (round: Round) => number; chosenId: string | null; now: number }): { round: Round | null; isChosen: boolean } {
  const chosen = input.chosenId === null ? undefined : input.rounds.find((round) => round.id === input.chosenId)
  if (chosen && isRoundShowable(chosen, input.now)) return { round: chosen, isChosen: true }
  return { round: defaultShownRound(input.rounds, input.ballotsOf, input.now), isChosen: false }
}

/** Whether the facilitator may choose this round to show: a vote round of the board whose results are revealed or closed. */
export function checkShowableRound(round: Round | null, boardId: string, now: number): Result<Round> {
  if (!round || round.boardId !== boardId) return { ok: false, reason: 'roundNotFound' }
  if (round.kind !== 'vote') return { ok: false, reason: 'roundKindMismatch', params: { kind: round.kind } }
  if (!isRoundShowable(round, now)) return { ok: false, reason: 'roundNotRevealed' }
  return { ok: true, value: round }
}
