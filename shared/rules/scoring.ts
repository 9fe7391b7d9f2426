import { EFFORTS, type Effort } from '../schema/cards.js'
import type { Result } from '../result.js'
import { checkRoundAccepts } from './voting.js'
import type { Actor, Round, Score } from './votingTypes.js'

/**
 * Impact/effort scoring rules: pure functions on the rows the server has just
 * read inside the transaction that writes the score.
 *
 * Decisions:
 * - One score per person per card; scoring again overwrites it (the store
 *   upserts), so there is no budget to check.
 * - Like votes, scores are taken while the round is open or revealed, and
 *   refused once it is closed or its time is up.
 * - Means round half up: 2.5 impact shows as 3, an S/M tie (1.5) as M.
 */

/** What an effort size counts as in means: S=1, M=2, L=3. */
export const EFFORT_VALUE: Readonly<Record<Effort, number>> = { S: 1, M: 2, L: 3 }

/** Whether this person's impact/effort score of a card is allowed now; `impact` and `effort` are checked again at run time. */
export function checkScore(input: {
  round: Round | null
  actor: Actor
  cardId: string
  isCardInScope: boolean
  impact: number
  effort: string
  now: number
}): Result<true> {
  const accepts = checkRoundAccepts(input.round, 'score', input.actor, input.now)
  if (!accepts.ok) return accepts
  if (!input.isCardInScope) return { ok: false, reason: 'cardNotInRound' }
  if (!Number.isInteger(input.impact) || input.impact < 1 || input.impact > 5) return { ok: false, reason: 'invalidScore', detail: 'impact must be a whole number from 1 to 5' }
  if (!(EFFORTS as readonly string[]).includes(input.effort)) return { ok: false, reason: 'invalidScore', detail: "effort must be 'S', 'M' or 'L'" }
  return { ok: true, value: true }
}

/** How one card was scored: means, how far people agree (spread), and the means rounded back to the card's scales. */
export interface CardScoreSummary {
  count: number
  impactMean: number
  /** Population standard deviation of impact: 0 when everyone agrees. */
  impactSpread: number
  /** Mean effort with S=1, M=2, L=3. */
  effortMean: number
  /** Population standard deviation of effort on the same 1–3 scale. */
  effortSpread: number
  impactRounded: Score['impact']
  effortRounded: Effort
}

/**
 * Summarises a score round per card, card ids in code-unit order, for the
 * impact/effort matrix. If a person appears twice for a card, their last
 * score counts, as the store's overwrite would.
 */
export function scoreSummary(scores: readonly Score[]): Map<string, CardScoreSummary> {
  const latest = new Map<string, Score>()
  for (const score of scores) latest.set(JSON.stringify([score.cardId, score.voterId]), score)
  const byCard = new Map<string, Score[]>()
  for (const score of latest.values()) byCard.set(score.cardId, [...(byCard.get(score.cardId) ?? []), score])
  const cardIds = [...byCard.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return new Map(cardIds.map((cardId) => [cardId, summarise(byCard.get(cardId) ?? [])]))
}

function summarise(scores: readonly Score[]): CardScoreSummary {
  const impact = meanAndSpread(scores.map((score) => score.impact))
  const effort = meanAndSpread(scores.map((score) => EFFORT_VALUE[score.effort]))
  return {
    count: scores.length,
    impactMean: impact.mean,
    impactSpread: impact.spread,
    effortMean: effort.mean,
    effortSpread: effort.spread,
    impactRounded: clampRound(impact.mean, 1, 5) as Score['impact'],
    effortRounded: EFFORTS[clampRound(effort.mean, 1, 3) - 1],
  }
}

function meanAndSpread(values: readonly number[]): { mean: number; spread: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length
  return { mean, spread: Math.sqrt(variance) }
}

function clampRound(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)))
}
