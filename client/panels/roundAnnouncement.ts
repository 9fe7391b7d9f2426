import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import type { RoundState } from '../../shared/rules/votingTypes.js'

/** What changed in the rounds that everyone should hear about. */
export interface RoundEvent {
  kind: 'started' | 'revealed' | 'closed'
  view: RoundView
}

/** Each round's state by id, as last seen: what the next change is compared with. */
export type SeenRounds = ReadonlyMap<string, RoundState>

/** The rounds' states by id, to remember until the next change. */
export function seenRounds(rounds: readonly RoundView[]): SeenRounds {
  return new Map(rounds.map((view) => [view.round.id, view.round.state]))
}

/**
 * The newest change worth announcing between what was seen and the rounds
 * now: a round that started, was revealed or closed. On first sight (`seen`
 * null: the page just opened) only a round still running is news, so a
 * person who joins mid-round is told, and old rounds are not read out.
 */
export function roundEvent(seen: SeenRounds | null, rounds: readonly RoundView[]): RoundEvent | null {
  let event: RoundEvent | null = null
  for (const view of rounds) {
    const before = seen?.get(view.round.id)
    const now = view.round.state
    if (seen === null) {
      if (now !== 'closed') event = { kind: 'started', view }
    } else if (before === undefined) {
      event = { kind: now === 'closed' ? 'closed' : 'started', view }
    } else if (before !== now) {
      event = { kind: now === 'closed' ? 'closed' : 'revealed', view }
    }
  }
  return event
}

/** How early before its limit a close still counts as the round's time running out (the server closes it at the limit). */
const CLOSE_SLACK_MS = 1_000

/** Whether a round that just closed had reached its time limit (by the server's clock), rather than being closed early. */
export function isClosedByItsTime(view: RoundView, clockOffsetMs: number, now = Date.now()): boolean {
  return view.round.endsAt !== null && view.round.endsAt <= now + clockOffsetMs + CLOSE_SLACK_MS
}
