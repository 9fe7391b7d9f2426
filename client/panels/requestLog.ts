import { create } from 'zustand'
import type { WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import { useBoardContext } from '../board/BoardContext.js'
import type { WorkshopState } from '../sync/workshopState.js'

/**
 * When this person last sent a workshop request from the voting UI, and what
 * it could change looked like then. UI state only. The server answers a
 * refused request with `refused` but an accepted one only with the new state,
 * and that state can arrive after a refusal of a later request (two clicks
 * at once: the first is accepted, the second refused, and the first's new
 * state comes last). So a refusal counts as settled only by a change that
 * follows a request sent after the refusal arrived.
 */
interface RequestLog {
  sentAt: number | null
  /** `requestEffects` of the workshop when the request was sent. */
  before: string | null
  note(before: string, at: number): void
}

/** The request log's store. */
export const useRequestLog = create<RequestLog>()((set) => ({
  sentAt: null,
  before: null,
  note: (before, at) => set({ sentAt: at, before }),
}))

/** What a voting request of this person changes that they can see: their own ballots, the rounds' states, the round the board shows. */
export function requestEffects(workshop: WorkshopState): string {
  const rounds = workshop.rounds.map((view) => [view.round.id, view.round.state, view.results.ownVotes, view.scores?.own ?? null])
  return JSON.stringify([rounds, workshop.shownRoundId, workshop.isShownRoundChosen])
}

/** Whether a refusal that arrived at `refusedAt` is settled: a request sent after it has since taken effect. Pure. */
export function isRefusalSettled(refusedAt: number, log: { sentAt: number | null; before: string | null }, effectsNow: string): boolean {
  return log.sentAt !== null && log.sentAt >= refusedAt && log.before !== null && log.before !== effectsNow
}

/** Sends a workshop request and notes when, and what it may change, so that its success can clear a refusal notice. */
export function useSendRequest(): (request: WorkshopRequest) => void {
  const { state, handle } = useBoardContext()
  return (request) => {
    useRequestLog.getState().note(requestEffects(state.workshop), Date.now())
    handle?.request(request)
  }
}

/** The refusal notice to show: the last refusal until a later request of this person takes effect (or the notice is dismissed), else null. */
export function useOpenRefusal(): WorkshopState['refused'] {
  const { state } = useBoardContext()
  const sentAt = useRequestLog((log) => log.sentAt)
  const before = useRequestLog((log) => log.before)
  const refused = state.workshop.refused
  if (!refused || isRefusalSettled(refused.at, { sentAt, before }, requestEffects(state.workshop))) return null
  return refused
}
