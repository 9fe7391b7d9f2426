import { ELEVATOR, GAP, TOUCHPOINT } from '../schema/cards.js'
import type { Result } from '../result.js'
import type { PlanShape } from './actionPlan.js'
import { canVote } from './roles.js'
import type { Actor, Round, RoundKind, RoundScope, Vote } from './votingTypes.js'

/**
 * Voting rules (DESIGN.md invariant 2): pure functions on the rows the server
 * has just read inside the transaction that will write the vote, so a vote is
 * accepted only when the round, the role, the budget, the card's cap and the
 * scope all allow it. Nothing here reads the CRDT's idea of a vote.
 *
 * Decisions:
 * - A revealed round still takes votes and withdrawals; only `closed` (or the
 *   time limit) freezes it. Revealing shows results, closing ends the round.
 * - The time limit freezes a round like closing does: no votes and no
 *   withdrawals once `endsAt <= now`.
 * - Results hidden until reveal are hidden from everyone, the facilitator
 *   included (a shared screen would spoil the vote): until the round is
 *   revealed or closed, everyone sees only how many people have voted.
 * - Anonymous rounds never carry voter ids, to anyone, the facilitator included.
 */

/** Bounds a facilitator's round settings must keep; the UI offers the same ranges. */
export const ROUND_LIMITS = {
  votesPerPerson: { min: 1, max: 50 },
  durationSeconds: { min: 10, max: 7200 },
  selectionSize: { min: 1, max: 500 },
  idLength: { max: 200 },
} as const

const CARD_TYPES: ReadonlySet<string> = new Set([TOUCHPOINT, GAP, ELEVATOR])

/** The ids of the cards a round covers on this board; cards deleted from the board drop out. */
export function cardsInScope(scope: RoundScope, shapes: readonly PlanShape[]): Set<string> {
  const cards = shapes.filter((shape) => CARD_TYPES.has(shape.type))
  switch (scope.kind) {
    case 'all-elevators':
      return idsOf(cards.filter((shape) => shape.type === ELEVATOR))
    case 'gap':
      if (scope.gapId === '') return new Set()
      return idsOf(cards.filter((shape) => shape.type === ELEVATOR && prop(shape, 'gapId') === scope.gapId))
    case 'stage':
      if (scope.journeyId === '' || scope.stageId === '') return new Set()
      return idsOf(cards.filter((shape) => prop(shape, 'journeyId') === scope.journeyId && prop(shape, 'stageId') === scope.stageId))
    case 'selection': {
      const existing = idsOf(cards)
      return new Set(scope.cardIds.filter((id) => existing.has(id)))
    }
  }
}

/** Whether a round of this kind takes ballots from this person now: the checks votes, withdrawals and scores share. */
export function checkRoundAccepts(round: Round | null, kind: RoundKind, actor: Actor, now: number): Result<Round> {
  if (!round) return { ok: false, reason: 'roundNotFound' }
  if (round.state === 'closed') return { ok: false, reason: 'roundClosed' }
  if (round.endsAt !== null && round.endsAt <= now) return { ok: false, reason: 'roundTimeUp' }
  if (round.kind !== kind) return { ok: false, reason: 'roundKindMismatch', params: { kind: round.kind } }
  if (!canVote(actor.role)) return { ok: false, reason: 'roleCannotVote', params: { role: actor.role } }
  return { ok: true, value: round }
}

/** Whether one more vote by this person on this card is allowed, given the counts read in the same transaction. */
export function checkVote(input: {
  round: Round | null
  actor: Actor
  cardId: string
  isCardInScope: boolean
  votesByActor: number
  /** This person's votes already on this card: the cap is per person, as in dot voting. */
  votesOnCard: number
  now: number
}): Result<true> {
  const accepts = checkRoundAccepts(input.round, 'vote', input.actor, input.now)
  if (!accepts.ok) return accepts
  const round = accepts.value
  if (!input.isCardInScope) return { ok: false, reason: 'cardNotInRound' }
  if (input.votesByActor >= round.votesPerPerson) return { ok: false, reason: 'voteBudgetUsed', params: { votes: round.votesPerPerson } }
  if (input.votesOnCard >= round.maxVotesPerCard) return { ok: false, reason: 'cardVoteCapReached', params: { votes: round.maxVotesPerCard } }
  return { ok: true, value: true }
}

/** Whether this person may take back one of their own votes on a card: only their own, only while the round runs. */
export function checkWithdraw(input: { round: Round | null; actor: Actor; votesByActorOnCard: number; now: number }): Result<true> {
  const accepts = checkRoundAccepts(input.round, 'vote', input.actor, input.now)
  if (!accepts.ok) return accepts
  if (input.votesByActorOnCard <= 0) return { ok: false, reason: 'noVoteToWithdraw' }
  return { ok: true, value: true }
}

/** What a facilitator chooses when starting a round; the server adds ids, state, times. */
export interface RoundSettings {
  kind: RoundKind
  scope: RoundScope
  votesPerPerson: number
  maxVotesPerCard: number
  isAnonymous: boolean
  isHiddenUntilReveal: boolean
  /** Time limit in seconds, or null for none. */
  durationSeconds: number | null
}

/**
 * Validates the settings a client sent to start a round and returns a fresh
 * object with only the known fields, so nothing unchecked reaches storage.
 * All fields are required for both kinds (a score round ignores the budget);
 * `durationSeconds` may be missing, meaning no time limit.
 */
export function checkRoundSettings(input: unknown): Result<RoundSettings> {
  if (!isObject(input)) return { ok: false, reason: 'invalidSettings', detail: 'round settings must be an object' }
  if (input.kind !== 'vote' && input.kind !== 'score') return { ok: false, reason: 'invalidSettings', detail: "kind must be 'vote' or 'score'" }
  const scope = checkScope(input.scope)
  if (!scope.ok) return scope
  const { votesPerPerson, maxVotesPerCard, isAnonymous, isHiddenUntilReveal } = input
  const budget = ROUND_LIMITS.votesPerPerson
  if (!isIntegerIn(votesPerPerson, budget.min, budget.max)) return { ok: false, reason: 'invalidSettings', detail: `votesPerPerson must be a whole number from ${budget.min} to ${budget.max}` }
  if (!isIntegerIn(maxVotesPerCard, 1, votesPerPerson)) return { ok: false, reason: 'invalidSettings', detail: 'maxVotesPerCard must be a whole number from 1 to votesPerPerson' }
  if (typeof isAnonymous !== 'boolean') return { ok: false, reason: 'invalidSettings', detail: 'isAnonymous must be true or false' }
  if (typeof isHiddenUntilReveal !== 'boolean') return { ok: false, reason: 'invalidSettings', detail: 'isHiddenUntilReveal must be true or false' }
  const duration = input.durationSeconds ?? null
  const { min, max } = ROUND_LIMITS.durationSeconds
  if (duration !== null && !isIntegerIn(duration, min, max)) return { ok: false, reason: 'invalidSettings', detail: `durationSeconds must be null or a whole number from ${min} to ${max}` }
  const value: RoundSettings = { kind: input.kind, scope: scope.value, votesPerPerson, maxVotesPerCard, isAnonymous, isHiddenUntilReveal, durationSeconds: duration }
  return { ok: true, value }
}

/** Validates one scope variant and rebuilds it without unknown fields; a selection's repeated ids count once. */
export function checkScope(input: unknown): Result<RoundScope> {
  if (!isObject(input)) return { ok: false, reason: 'invalidSettings', detail: 'scope must be an object' }
  switch (input.kind) {
    case 'all-elevators':
      return { ok: true, value: { kind: 'all-elevators' } }
    case 'gap':
      if (!isId(input.gapId)) return { ok: false, reason: 'invalidSettings', detail: 'a gap scope needs the gapId' }
      return { ok: true, value: { kind: 'gap', gapId: input.gapId } }
    case 'stage':
      if (!isId(input.journeyId) || !isId(input.stageId)) return { ok: false, reason: 'invalidSettings', detail: 'a stage scope needs the journeyId and the stageId' }
      return { ok: true, value: { kind: 'stage', journeyId: input.journeyId, stageId: input.stageId } }
    case 'selection': {
      const { min, max } = ROUND_LIMITS.selectionSize
      const ids = input.cardIds
      if (!Array.isArray(ids) || ids.length < min || ids.length > max) return { ok: false, reason: 'invalidSettings', detail: `a selection needs ${min} to ${max} card ids` }
      if (!ids.every(isId)) return { ok: false, reason: 'invalidSettings', detail: 'a selection holds card ids only' }
      return { ok: true, value: { kind: 'selection', cardIds: [...new Set(ids)] } }
    }
    default:
      return { ok: false, reason: 'invalidSettings', detail: "scope kind must be 'all-elevators', 'gap', 'stage' or 'selection'" }
  }
}

/** One card's place in a round's ranking; equal votes share a rank (1, 1, 3). */
export interface RankedCard {
  cardId: string
  votes: number
  rank: number
}

/** One round's results as one person may see them; plain JSON, sent as is. */
export interface RoundResults {
  roundId: string
  /** Whether this person sees the per-card tally and the ranking now. */
  isTallyVisible: boolean
  /** How many distinct people have cast at least one vote. */
  votersCount: number
  /** This person's own votes: card id → count. */
  ownVotes: Record<string, number>
  votesUsed: number
  /** Votes this person has left; 0 for roles that cannot vote. */
  votesLeft: number
  /** Card id → votes, for cards with at least one vote; null while hidden from this person. */
  tally: Record<string, number> | null
  /** Card id → who voted and how often, by voter id; null when anonymous or hidden. */
  votersByCard: Record<string, { voterId: string; votes: number }[]> | null
  /** Cards with votes, most votes first, then by card id; null while hidden. */
  ranking: RankedCard[] | null
}

/** Whether anyone sees a round's tally now: live rounds always, hidden ones once revealed or closed; the same for every role. */
export function canSeeTally(round: Round): boolean {
  return !round.isHiddenUntilReveal || round.state !== 'open'
}

/** Filters a round's votes down to what one person may see (see the decisions at the top of this file). */
export function visibleResults(input: { round: Round; votes: readonly Vote[]; viewer: Actor; scorers?: readonly string[] }): RoundResults {
  const { round, viewer } = input
  const votes = input.votes.filter((vote) => vote.roundId === round.id)
  // A score round has no votes: how many people took part is how many scored.
  const voters = round.kind === 'score' ? new Set(input.scorers ?? []) : new Set(votes.map((vote) => vote.voterId))
  const own = votes.filter((vote) => vote.voterId === viewer.personId)
  const isTallyVisible = canSeeTally(round)
  const tally = isTallyVisible ? countBy(votes, (vote) => vote.cardId) : null
  return {
    roundId: round.id,
    isTallyVisible,
    votersCount: voters.size,
    ownVotes: Object.fromEntries(countBy(own, (vote) => vote.cardId)),
    votesUsed: own.length,
    votesLeft: canVote(viewer.role) ? Math.max(0, round.votesPerPerson - own.length) : 0,
    tally: tally && Object.fromEntries(tally),
    votersByCard: tally && !round.isAnonymous ? votersByCard(votes) : null,
    ranking: tally && rank(tally),
  }
}

function votersByCard(votes: readonly Vote[]): Record<string, { voterId: string; votes: number }[]> {
  const byCard = new Map<string, Vote[]>()
  for (const vote of votes) byCard.set(vote.cardId, [...(byCard.get(vote.cardId) ?? []), vote])
  const entries = [...byCard].map(([cardId, cardVotes]) => {
    const voters = [...countBy(cardVotes, (vote) => vote.voterId)].map(([voterId, count]) => ({ voterId, votes: count }))
    return [cardId, voters.sort((a, b) => compareText(a.voterId, b.voterId))] as const
  })
  return Object.fromEntries(entries)
}

function rank(tally: ReadonlyMap<string, number>): RankedCard[] {
  const sorted = [...tally].sort(([aId, a], [bId, b]) => b - a || compareText(aId, bId))
  const ranked: RankedCard[] = []
  for (const [index, [cardId, votes]] of sorted.entries()) {
    const previous = ranked[index - 1]
    ranked.push({ cardId, votes, rank: previous?.votes === votes ? previous.rank : index + 1 })
  }
  return ranked
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

function idsOf(shapes: readonly PlanShape[]): Set<string> {
  return new Set(shapes.map((shape) => shape.id))
}

function prop(shape: PlanShape, key: string): unknown {
  return isObject(shape.props) ? shape.props[key] : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= ROUND_LIMITS.idLength.max
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
