import type { Role } from './roles.js'

/** What a voting round covers. `cardIds` is a facilitator's selection. */
export type RoundScope =
  | { kind: 'all-elevators' }
  | { kind: 'gap'; gapId: string }
  | { kind: 'stage'; journeyId: string; stageId: string }
  | { kind: 'selection'; cardIds: string[] }

/** A round either collects votes (dots on cards) or impact/effort scores. */
export type RoundKind = 'vote' | 'score'

/** open: accepting votes; revealed: results shown, still accepting until closed; closed: final and read-only. */
export type RoundState = 'open' | 'revealed' | 'closed'

/** A voting round as stored on the server. */
export interface Round {
  id: string
  workshopId: string
  boardId: string
  kind: RoundKind
  scope: RoundScope
  votesPerPerson: number
  maxVotesPerCard: number
  isAnonymous: boolean
  /** Results hidden until reveal (true) or shown live (false). */
  isHiddenUntilReveal: boolean
  /** Epoch ms when the round stops accepting votes, or null for no time limit. */
  endsAt: number | null
  state: RoundState
  createdAt: number
}

/** One vote: a dot a person put on a card. */
export interface Vote {
  roundId: string
  voterId: string
  cardId: string
}

/** One person's impact/effort score of a card in a score round. */
export interface Score {
  roundId: string
  voterId: string
  cardId: string
  impact: 1 | 2 | 3 | 4 | 5
  effort: 'S' | 'M' | 'L'
}

/** Who is asking: their person id and role. */
export interface Actor {
  personId: string
  role: Role
}
