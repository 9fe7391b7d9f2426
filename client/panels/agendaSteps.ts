import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
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

/** The requests that set a step up, in order. Pure, so the agenda's effect is testable. */
export function requestsForStep(step: AgendaStep): WorkshopRequest[] {
  const requests: WorkshopRequest[] = [
    { type: 'set-lock', isLocked: step.isLocked },
    { type: 'timer', action: 'reset', durationMs: step.minutes * 60_000 },
    { type: 'timer', action: 'start' },
  ]
  if (step.round) {
    const settings = { kind: step.round, scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: step.round === 'vote', isHiddenUntilReveal: step.round === 'vote', durationSeconds: null }
    requests.push({ type: 'start-round', settings })
  }
  return requests
}
