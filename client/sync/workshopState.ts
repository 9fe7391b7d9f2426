import type { Reason, ReasonParams } from '../../shared/protocol/reasons.js'
import type { BoardEntry, RoundView, SessionMessage, WorkshopUpdate } from '../../shared/protocol/workshopMessages.js'

/** The workshop as the server last told this person: session, lock, boards, rounds, timer, people, follow. */
export interface WorkshopState {
  session: SessionMessage | null
  isLocked: boolean
  /** The workshop's boards in list order, with their names ('' until named). */
  boards: BoardEntry[]
  rounds: RoundView[]
  /** The round whose results the board shows (cards, action plan, PDF, CSV), or null; the same for everyone. */
  shownRoundId: string | null
  /** Whether the facilitator chose `shownRoundId` (else it is the latest revealed or closed round with ballots). */
  isShownRoundChosen: boolean
  /** Server clock minus this device's clock, from the last message that carried the server's time: count `endsAt` down with it. */
  clockOffsetMs: number
  timer: { isRunning: boolean; endsAt: number | null; remainingMs: number; hasSound: boolean; clockOffsetMs: number } | null
  people: Extract<WorkshopUpdate, { type: 'people' }>['people']
  follow: { isOn: boolean; facilitatorClientId: number | null }
  /** The last request the server refused, with its reason code and values, for a notice. */
  refused: { request: string; reason: Reason; params?: ReasonParams; at: number } | null
}

/** Before the server has said anything (and on open boards, for good). */
export const EMPTY_WORKSHOP: WorkshopState = {
  session: null,
  isLocked: false,
  boards: [],
  rounds: [],
  shownRoundId: null,
  isShownRoundChosen: false,
  clockOffsetMs: 0,
  timer: null,
  people: [],
  follow: { isOn: false, facilitatorClientId: null },
  refused: null,
}

/** Folds one server message into the workshop state. Pure; `now` is the local clock. */
export function reduceWorkshop(state: WorkshopState, message: WorkshopUpdate, now: number): WorkshopState {
  switch (message.type) {
    case 'session':
      return { ...state, session: message, isLocked: message.isLocked }
    case 'lock':
      return { ...state, isLocked: message.isLocked }
    case 'boards':
      return { ...state, boards: message.boards }
    case 'rounds':
      return { ...state, rounds: message.rounds, shownRoundId: message.shownRoundId, isShownRoundChosen: message.isShownRoundChosen, clockOffsetMs: message.serverNow - now }
    case 'timer': {
      const { type: _type, serverNow, ...timer } = message
      return { ...state, timer: { ...timer, clockOffsetMs: serverNow - now }, clockOffsetMs: serverNow - now }
    }
    case 'people':
      return { ...state, people: message.people }
    case 'follow':
      return { ...state, follow: { isOn: message.isOn, facilitatorClientId: message.facilitatorClientId } }
    case 'refused':
      return { ...state, refused: { request: message.request, reason: message.reason, params: message.params, at: now } }
    case 'summon':
      return state
  }
}

/** Whether this person may change the board now. */
export function isReadOnly(state: WorkshopState): boolean {
  const role = state.session?.role
  if (!role) return false
  return role === 'viewer' || (role === 'participant' && state.isLocked)
}

/** The round the board shows, as this person sees it, or null: what cards, the action plan and the PDF read their votes from. */
export function shownRoundView(state: WorkshopState): RoundView | null {
  return state.rounds.find((view) => view.round.id === state.shownRoundId) ?? null
}
