import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import type { RoundSettings } from '../../shared/rules/voting.js'
import type { StringKey } from '../i18n/strings.js'

/** One step of the gap-and-elevator method and what it sets up: the lock, the timer, a round. */
export interface AgendaStep {
  id: 'target' | 'current' | 'gaps' | 'elevators' | 'vote' | 'prioritise' | 'owners'
  label: StringKey
  isLocked: boolean
  minutes: number
  round: 'vote' | 'score' | null
}

/** The method, step by step: target state → current state → gaps → elevators → vote → prioritise → owners. */
export const AGENDA: readonly AgendaStep[] = [
  { id: 'target', label: 'agenda.target', isLocked: false, minutes: 10, round: null },
  { id: 'current', label: 'agenda.current', isLocked: false, minutes: 15, round: null },
  { id: 'gaps', label: 'agenda.gaps', isLocked: false, minutes: 15, round: null },
  { id: 'elevators', label: 'agenda.elevators', isLocked: false, minutes: 20, round: null },
  { id: 'vote', label: 'agenda.vote', isLocked: true, minutes: 5, round: 'vote' },
  { id: 'prioritise', label: 'agenda.prioritise', isLocked: true, minutes: 10, round: 'score' },
  { id: 'owners', label: 'agenda.owners', isLocked: false, minutes: 10, round: null },
]

/**
 * The requests that set a step up, in order: the lock, then the timer set to
 * exactly the step's length and started in one server-side operation (never
 * a reset followed by a start, which a paused remainder could race). A step
 * with a round also starts it, with the settings the facilitator chose
 * (`settings` is required for such a step). Pure, so the agenda's effect is testable.
 */
export function requestsForStep(step: AgendaStep, settings?: RoundSettings): WorkshopRequest[] {
  const requests: WorkshopRequest[] = [
    { type: 'set-lock', isLocked: step.isLocked },
    { type: 'timer', action: 'set-and-start', durationMs: step.minutes * 60_000 },
  ]
  if (step.round && settings) requests.push({ type: 'start-round', settings: { ...settings, kind: step.round } })
  return requests
}
