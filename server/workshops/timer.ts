import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import type { TimerState } from './WorkshopStore.js'

/** Five minutes: the timer's length when the facilitator does not say. */
export const DEFAULT_TIMER_MS = 5 * 60_000

/**
 * The timer after a facilitator's action: start, pause, add a minute, reset,
 * or set-and-start (exactly `durationMs`, running, whatever the timer was:
 * an agenda step's one operation, so no paused remainder can leak in). Pure.
 */
export function applyTimerAction(timer: TimerState, request: Extract<WorkshopRequest, { type: 'timer' }>, now: number): TimerState {
  const remaining = timer.isRunning && timer.endsAt !== null ? Math.max(0, timer.endsAt - now) : timer.remainingMs
  const hasSound = request.hasSound ?? timer.hasSound
  switch (request.action) {
    case 'start': {
      const length = request.durationMs ?? (remaining > 0 ? remaining : DEFAULT_TIMER_MS)
      return { ...timer, isRunning: true, endsAt: now + length, remainingMs: length, hasSound }
    }
    case 'pause':
      return { ...timer, isRunning: false, endsAt: null, remainingMs: remaining, hasSound }
    case 'add-minute':
      return timer.isRunning && timer.endsAt !== null
        ? { ...timer, endsAt: timer.endsAt + 60_000, remainingMs: remaining + 60_000, hasSound }
        : { ...timer, remainingMs: remaining + 60_000, hasSound }
    case 'set-and-start': {
      const length = request.durationMs ?? DEFAULT_TIMER_MS
      return { ...timer, isRunning: true, endsAt: now + length, remainingMs: length, hasSound }
    }
    case 'reset':
      return { ...timer, isRunning: false, endsAt: null, remainingMs: request.durationMs ?? DEFAULT_TIMER_MS, hasSound }
  }
}
