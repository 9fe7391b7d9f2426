import type { Round, RoundScope } from '../../shared/rules/votingTypes.js'
import type { InviteLink, Person, TimerState, Workshop } from '../workshops/WorkshopStore.js'

/*
 * Rows of the workshop tables as both SQL stores read them. SQLite keeps a
 * flag as 0 or 1, PostgreSQL as a boolean; the mappers take either.
 */

/** A `workshops` row. */
export interface WorkshopRow {
  id: string
  title: string
  language: Workshop['language']
  created_at: number
}

/** An `invite_links` row. */
export interface LinkRow {
  id: string
  workshop_id: string
  role: InviteLink['role']
  expires_at: number
  revoked_at: number | null
  created_at: number
}

/** A `people` row. */
export interface PersonRow {
  id: string
  workshop_id: string
  name: string
  color: string
  role: Person['role']
}

/** A `timers` row. */
export interface TimerRow {
  board_id: string
  is_running: number | boolean
  ends_at: number | null
  remaining_ms: number
  has_sound: number | boolean
}

/** A `rounds` row. */
export interface RoundRow {
  id: string
  workshop_id: string
  board_id: string
  kind: Round['kind']
  scope: string
  votes_per_person: number
  max_votes_per_card: number
  is_anonymous: number | boolean
  is_hidden: number | boolean
  ends_at: number | null
  state: Round['state']
  created_at: number
}

/** A workshop from its row. */
export const toWorkshop = (row: WorkshopRow): Workshop => ({ id: row.id, title: row.title, language: row.language, createdAt: row.created_at })

/** A link from its row. */
export const toLink = (row: LinkRow): InviteLink => ({
  id: row.id,
  workshopId: row.workshop_id,
  role: row.role,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
})

/** A person from its row. */
export const toPerson = (row: PersonRow): Person => ({ id: row.id, workshopId: row.workshop_id, name: row.name, color: row.color, role: row.role })

/** A timer from its row. */
export const toTimer = (row: TimerRow): TimerState => ({
  boardId: row.board_id,
  isRunning: Boolean(row.is_running),
  endsAt: row.ends_at,
  remainingMs: row.remaining_ms,
  hasSound: Boolean(row.has_sound),
})

/** A round from its row. */
export const toRound = (row: RoundRow): Round => ({
  id: row.id,
  workshopId: row.workshop_id,
  boardId: row.board_id,
  kind: row.kind,
  scope: JSON.parse(row.scope) as RoundScope,
  votesPerPerson: row.votes_per_person,
  maxVotesPerCard: row.max_votes_per_card,
  isAnonymous: Boolean(row.is_anonymous),
  isHiddenUntilReveal: Boolean(row.is_hidden),
  endsAt: row.ends_at,
  state: row.state,
  createdAt: row.created_at,
})
