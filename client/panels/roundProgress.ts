import type { RoundView, WorkshopUpdate } from '../../shared/protocol/workshopMessages.js'
import { canVote } from '../../shared/rules/roles.js'

/** The workshop's people as the server lists them. */
type People = Extract<WorkshopUpdate, { type: 'people' }>['people']

/**
 * How many of the people who may vote have cast a ballot in the round that
 * runs now: "N of M have voted". A vote round counts its voters in its
 * results; a score round's results hold votes only (always none), so its
 * count comes from the people list, where the server marks who has voted or
 * scored in the running round. Reading the results for a score round was
 * the "0 of 3 have voted" after two people had scored.
 */
export function roundProgress(view: RoundView, people: People): { done: number; of: number } {
  const of = people.filter((person) => canVote(person.role)).length
  const done = view.round.kind === 'score' ? people.filter((person) => person.hasVoted && canVote(person.role)).length : view.results.votersCount
  return { done, of: Math.max(of, done) }
}
