import { useContext } from 'react'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { shownRoundView, type WorkshopState } from '../sync/workshopState.js'
import { BoardContext, type BoardContextValue } from './BoardContext.js'

/**
 * Votes per card from the one round the board shows (the facilitator's
 * choice, else the latest revealed or closed round with ballots): the dots
 * cards show and the action plan ranks by. A round still hidden until reveal
 * is never the shown round, so its votes never reach a card.
 */
export function shownTally(context: BoardContextValue | null): Record<string, number> {
  return (context && shownRoundView(context.state.workshop)?.results.tally) ?? {}
}

/** A round's number as people read it: its place among the board's rounds of the same kind, from 1. */
export function roundNumber(rounds: readonly RoundView[], roundId: string): number {
  const round = rounds.find((view) => view.round.id === roundId)?.round
  if (!round) return 0
  return rounds.filter((view) => view.round.kind === round.kind).findIndex((view) => view.round.id === roundId) + 1
}

/** The round that takes ballots now (open or revealed, not closed), or null: the newest such round, as the voting panel shows it. */
export function currentRound(workshop: WorkshopState): RoundView | null {
  return workshop.rounds.filter((view) => view.round.state !== 'closed').at(-1) ?? null
}

/** The votes a card got in the round the board shows, or 0. Works outside a board page too. */
export function useCardVotes(cardId: string): number {
  return shownTally(useContext(BoardContext))[cardId] ?? 0
}

/** Votes per card from the round the board shows. */
export function useVisibleTally(): Record<string, number> {
  return shownTally(useContext(BoardContext))
}

/** The round the board shows and its number, or null. Works outside a board page too. */
export function useShownRound(): { view: RoundView; number: number } | null {
  const context = useContext(BoardContext)
  const view = context && shownRoundView(context.state.workshop)
  return view ? { view, number: roundNumber(context.state.workshop.rounds, view.round.id) } : null
}
