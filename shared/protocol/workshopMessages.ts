import type { Role } from '../rules/roles.js'
import type { CardScoreSummary } from '../rules/scoring.js'
import type { RoundResults } from '../rules/voting.js'
import type { Round, Score } from '../rules/votingTypes.js'

/**
 * Workshop messages on the control channel (message type 8, see messages.ts).
 * Requests go client → server and are checked there against the role, the
 * stored state and the shared rules; the server answers with the new state,
 * broadcast to everyone on the board, or with `refused` to the requester.
 */

/** A page-space rectangle, for "bring everyone here". */
export interface Bounds {
  x: number
  y: number
  w: number
  h: number
}

/** Client → server requests of a workshop. */
export type WorkshopRequest =
  | { type: 'vote'; roundId: string; cardId: string }
  | { type: 'unvote'; roundId: string; cardId: string }
  | { type: 'score'; roundId: string; cardId: string; impact: Score['impact']; effort: Score['effort'] }
  | { type: 'start-round'; settings: unknown }
  | { type: 'reveal-round'; roundId: string }
  | { type: 'close-round'; roundId: string }
  | { type: 'set-lock'; isLocked: boolean }
  | { type: 'timer'; action: 'start' | 'pause' | 'add-minute' | 'reset'; durationMs?: number; hasSound?: boolean }
  | { type: 'follow'; isOn: boolean }
  | { type: 'summon'; bounds: Bounds }

/** What a person is on this connection, stamped by the server from the invite. */
export interface SessionMessage {
  type: 'session'
  role: Role
  personId: string
  name: string
  color: string
  workshopId: string | null
  /** The workshop's title, for the PDF cover and the panel (null outside a workshop). */
  workshopTitle: string | null
  isLocked: boolean
}

/** One round as one person may see it (results filtered by the shared visibility rules). */
export interface RoundView {
  round: Round
  /** Output of `visibleResults` for this person. */
  results: RoundResults
  /** Score rounds: per card means and spreads once visible (else null), and this person's own scores. */
  scores?: { summary: Record<string, CardScoreSummary> | null; own: Score[] }
}

/** Server → client workshop state. */
export type WorkshopUpdate =
  | SessionMessage
  | { type: 'lock'; isLocked: boolean }
  | { type: 'rounds'; rounds: RoundView[] }
  | { type: 'timer'; isRunning: boolean; endsAt: number | null; remainingMs: number; hasSound: boolean; serverNow: number }
  | { type: 'people'; people: { personId: string; name: string; color: string; role: Role; isOnline: boolean; hasVoted: boolean }[] }
  | { type: 'follow'; isOn: boolean; facilitatorClientId: number | null }
  | { type: 'summon'; bounds: Bounds }
  | { type: 'refused'; request: string; reason: string }

const TIMER_ACTIONS = new Set(['start', 'pause', 'add-minute', 'reset'])
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** Parses a workshop request; null when it is not one or is malformed (the connection is then told `refused`). */
export function parseWorkshopRequest(value: Record<string, unknown>): WorkshopRequest | null {
  switch (value.type) {
    case 'vote':
    case 'unvote':
      return isId(value.roundId) && isId(value.cardId) ? { type: value.type, roundId: value.roundId, cardId: value.cardId } : null
    case 'score':
      if (!isId(value.roundId) || !isId(value.cardId)) return null
      if (![1, 2, 3, 4, 5].includes(value.impact as number) || !['S', 'M', 'L'].includes(value.effort as string)) return null
      return { type: 'score', roundId: value.roundId, cardId: value.cardId, impact: value.impact as Score['impact'], effort: value.effort as Score['effort'] }
    case 'start-round':
      return { type: 'start-round', settings: value.settings }
    case 'reveal-round':
    case 'close-round':
      return isId(value.roundId) ? { type: value.type, roundId: value.roundId } : null
    case 'set-lock':
      return typeof value.isLocked === 'boolean' ? { type: 'set-lock', isLocked: value.isLocked } : null
    case 'timer': {
      if (!TIMER_ACTIONS.has(value.action as string)) return null
      const durationMs = isFiniteNumber(value.durationMs) && value.durationMs > 0 && value.durationMs <= 4 * 3600_000 ? value.durationMs : undefined
      return { type: 'timer', action: value.action as 'start', durationMs, hasSound: value.hasSound === true }
    }
    case 'follow':
      return typeof value.isOn === 'boolean' ? { type: 'follow', isOn: value.isOn } : null
    case 'summon': {
      const bounds = value.bounds as Record<string, unknown> | undefined
      if (!bounds || ![bounds.x, bounds.y, bounds.w, bounds.h].every(isFiniteNumber)) return null
      return { type: 'summon', bounds: { x: bounds.x as number, y: bounds.y as number, w: bounds.w as number, h: bounds.h as number } }
    }
    default:
      return null
  }
}
