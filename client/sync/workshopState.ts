import type { Reason, ReasonParams } from '../../shared/protocol/reasons.js'
import type { SessionMessage, WorkshopUpdate } from '../../shared/protocol/workshopMessages.js'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'

/** The workshop as the server last told this person: session, lock, rounds, timer, people, follow. */
export interface WorkshopState {
  session: SessionMessage | null
  isLocked: boolean
  rounds: RoundView[]
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
  rounds: [],
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
    case 'rounds':
      return { ...state, rounds: message.rounds }
    case 'timer': {
      const { type: _type, serverNow, ...timer } = message
      return { ...state, timer: { ...timer, clockOffsetMs: serverNow - now } }
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
