import { useContext } from 'react'
import { BoardContext, type BoardContextValue } from './BoardContext.js'

/**
 * Votes per card from the newest round whose tally this person may see
 * (revealed, closed, or live): the dots cards show and the action plan ranks by.
 */
export function latestVisibleTally(context: BoardContextValue | null): Record<string, number> {
  const rounds = context?.state.workshop.rounds ?? []
  const visible = rounds.filter((view) => view.round.kind === 'vote' && view.results.tally !== null).at(-1)
  return visible?.results.tally ?? {}
}

/** The votes a card got in the newest visible round, or 0. Works outside a board page too. */
export function useCardVotes(cardId: string): number {
  return latestVisibleTally(useContext(BoardContext))[cardId] ?? 0
}

/** Votes per card from the newest visible round. */
export function useVisibleTally(): Record<string, number> {
  return latestVisibleTally(useContext(BoardContext))
}
