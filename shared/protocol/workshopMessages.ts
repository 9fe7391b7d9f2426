import { T } from '@tldraw/validate'
import type { Language } from '../language.js'
import type { Role } from '../rules/roles.js'
import type { Reason, ReasonParams } from './reasons.js'
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
  /** The workshop's language, which the PDF export starts in (null outside a workshop). */
  workshopLanguage: Language | null
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

/**
 * Every round of the board as this person may see it, and the one round
 * whose results the board shows (cards, action plan, PDF, CSV): the
 * facilitator's choice, else the latest revealed or closed vote round that
 * has ballots. `serverNow` lets a client count a round's `endsAt` down with
 * the server's clock.
 */
export interface RoundsMessage {
  type: 'rounds'
  rounds: RoundView[]
  /** The id of the round whose results the board shows, or null when no round has results to show. */
  shownRoundId: string | null
  /** True when the facilitator chose `shownRoundId`; false when it is the default choice. */
  isShownRoundChosen: boolean
  serverNow: number
}

/** A board of the workshop as everyone's board list shows it; `name` is '' until the facilitator names it. */
export interface BoardEntry {
  id: string
  name: string
}

/** Longest board name the server stores. */
export const MAX_BOARD_NAME_LENGTH = 80

/** Server → client workshop state. */
export type WorkshopUpdate =
  | SessionMessage
  | { type: 'lock'; isLocked: boolean }
  | RoundsMessage
  | { type: 'boards'; boards: BoardEntry[] }
  | { type: 'timer'; isRunning: boolean; endsAt: number | null; remainingMs: number; hasSound: boolean; serverNow: number }
  | { type: 'people'; people: { personId: string; name: string; color: string; role: Role; isOnline: boolean; hasVoted: boolean }[] }
  | { type: 'follow'; isOn: boolean; facilitatorClientId: number | null }
  | { type: 'summon'; bounds: Bounds }
  | { type: 'refused'; request: string; reason: Reason; params?: ReasonParams }

const id = T.string.check((value) => {
  if (value.length === 0 || value.length > 200) throw new Error('must be 1 to 200 characters')
})
const finite = T.number
const bounds = T.object({ x: finite, y: finite, w: finite, h: finite })
/** A board name as stored: control characters dropped, trimmed. */
export function cleanBoardName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '').trim()
}

const boardName = T.string.check((value) => {
  const length = cleanBoardName(value).length
  if (length === 0 || length > MAX_BOARD_NAME_LENGTH) throw new Error(`must be 1 to ${MAX_BOARD_NAME_LENGTH} characters, not blank`)
})

/** Validators of every client → server workshop request, discriminated on `type`; unknown fields are refused. */
export const workshopRequestValidator = T.union('type', {
  vote: T.object({ type: T.literal('vote'), roundId: id, cardId: id }),
  unvote: T.object({ type: T.literal('unvote'), roundId: id, cardId: id }),
  score: T.object({
    type: T.literal('score'),
    roundId: id,
    cardId: id,
    impact: T.literalEnum(1, 2, 3, 4, 5),
    effort: T.literalEnum('S', 'M', 'L'),
  }),
  // Round settings are checked by the voting rules (checkRoundSettings), which name what is wrong.
  'start-round': T.object({ type: T.literal('start-round'), settings: T.unknown }),
  'reveal-round': T.object({ type: T.literal('reveal-round'), roundId: id }),
  'close-round': T.object({ type: T.literal('close-round'), roundId: id }),
  'set-lock': T.object({ type: T.literal('set-lock'), isLocked: T.boolean }),
  // `set-and-start` sets the timer to exactly `durationMs` and starts it, in one operation (an agenda step).
  timer: T.object({
    type: T.literal('timer'),
    action: T.literalEnum('start', 'pause', 'add-minute', 'reset', 'set-and-start'),
    durationMs: T.number.check((value) => {
      if (value <= 0 || value > 4 * 3600_000) throw new Error('must be more than 0 and at most four hours')
    }).optional(),
    hasSound: T.boolean.optional(),
  }).check((request) => {
    if (request.action === 'set-and-start' && request.durationMs === undefined) throw new Error('set-and-start needs durationMs')
  }),
  // The round whose results the board shows; null goes back to the default choice.
  'show-round': T.object({ type: T.literal('show-round'), roundId: id.nullable() }),
  'rename-board': T.object({ type: T.literal('rename-board'), boardId: id, name: boardName }),
  follow: T.object({ type: T.literal('follow'), isOn: T.boolean }),
  summon: T.object({ type: T.literal('summon'), bounds }),
})

/** Client → server requests of a workshop: the type the validator accepts. */
export type WorkshopRequest = T.TypeOf<typeof workshopRequestValidator>
