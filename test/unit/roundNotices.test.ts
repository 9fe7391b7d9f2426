import { describe, expect, it } from 'vitest'
import { isClosedByItsTime, roundEvent, seenRounds } from '../../client/panels/roundAnnouncement.js'
import { roundProgress } from '../../client/panels/roundProgress.js'
import { isRefusalSettled, requestEffects } from '../../client/panels/requestLog.js'
import { EMPTY_WORKSHOP, type WorkshopState } from '../../client/sync/workshopState.js'
import type { RoundView, WorkshopUpdate } from '../../shared/protocol/workshopMessages.js'
import type { RoundResults } from '../../shared/rules/voting.js'
import type { Round, RoundKind, RoundState } from '../../shared/rules/votingTypes.js'

function view(id: string, state: RoundState, kind: RoundKind = 'vote', results: Partial<RoundResults> = {}): RoundView {
  const round: Round = { id, workshopId: 'w', boardId: 'b', kind, scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 2, isAnonymous: true, isHiddenUntilReveal: true, endsAt: null, state, createdAt: 1 }
  const base: RoundResults = { roundId: id, isTallyVisible: false, votersCount: 0, ownVotes: {}, votesUsed: 0, votesLeft: 3, tally: null, votersByCard: null, ranking: null }
  return { round, results: { ...base, ...results }, ...(kind === 'score' ? { scores: { summary: null, own: [] } } : {}) }
}

type People = Extract<WorkshopUpdate, { type: 'people' }>['people']
const person = (role: People[number]['role'], hasVoted: boolean): People[number] => ({ personId: `${role}-${Math.random()}`, name: role, color: '#000', role, isOnline: true, hasVoted })

describe('roundProgress', () => {
  const people = [person('facilitator', false), person('participant', true), person('participant', true), person('viewer', false)]

  it('counts a score round from who has scored: two of three, not the "0 of 3" its vote count gave', () => {
    expect(roundProgress(view('s', 'open', 'score'), people)).toEqual({ done: 2, of: 3 })
  })

  it('counts a vote round from its results, and never the viewer among those who may vote', () => {
    expect(roundProgress(view('v', 'open', 'vote', { votersCount: 1 }), people)).toEqual({ done: 1, of: 3 })
  })
})

describe('roundEvent', () => {
  it.each([
    ['a page that just opened hears of the running round only', null, [view('a', 'closed'), view('b', 'open')], { kind: 'started', id: 'b' }],
    ['a page that just opened after every round closed hears nothing', null, [view('a', 'closed')], null],
    ['a new round is a start', [view('a', 'closed')], [view('a', 'closed'), view('b', 'open')], { kind: 'started', id: 'b' }],
    ['open to revealed is a reveal', [view('a', 'open')], [view('a', 'revealed')], { kind: 'revealed', id: 'a' }],
    ['revealed to closed is a close', [view('a', 'revealed')], [view('a', 'closed')], { kind: 'closed', id: 'a' }],
    ['nothing changed, nothing to say', [view('a', 'open')], [view('a', 'open', 'vote', { votersCount: 2 })], null],
  ] as const)('%s', (_name, before, after, expected) => {
    const event = roundEvent(before && seenRounds(before), after)
    expect(event && { kind: event.kind, id: event.view.round.id }).toEqual(expected)
  })
})

describe('a refusal notice', () => {
  const workshop = (views: RoundView[], shownRoundId: string | null = null): WorkshopState => ({ ...EMPTY_WORKSHOP, rounds: views, shownRoundId })
  const refusedAt = 1_000

  it("clears once a request sent after the refusal takes effect: this person's withdrawal", () => {
    const before = requestEffects(workshop([view('a', 'open', 'vote', { ownVotes: { c: 2 } })]))
    const after = requestEffects(workshop([view('a', 'open', 'vote', { ownVotes: { c: 1 } })]))
    expect(isRefusalSettled(refusedAt, { sentAt: 1_200, before }, after)).toBe(true)
  })

  it('stays when the change comes from a request sent before the refusal (two clicks at once: the first is accepted last)', () => {
    const before = requestEffects(workshop([view('a', 'open', 'vote', { ownVotes: { c: 1 } })]))
    const after = requestEffects(workshop([view('a', 'open', 'vote', { ownVotes: { c: 2 } })]))
    expect(isRefusalSettled(refusedAt, { sentAt: 900, before }, after)).toBe(false)
  })

  it("stays while other people's votes arrive and nothing this person sent has taken effect", () => {
    const state = workshop([view('a', 'open', 'vote', { ownVotes: { c: 2 }, votersCount: 1 })])
    const later = workshop([view('a', 'open', 'vote', { ownVotes: { c: 2 }, votersCount: 2 })])
    expect(isRefusalSettled(refusedAt, { sentAt: 1_200, before: requestEffects(state) }, requestEffects(later))).toBe(false)
  })

  it("clears a facilitator's refused reveal once a round's state changes, and a refused choice of round once the shown round changes", () => {
    expect(isRefusalSettled(refusedAt, { sentAt: 1_100, before: requestEffects(workshop([view('a', 'open')])) }, requestEffects(workshop([view('a', 'revealed')])))).toBe(true)
    expect(isRefusalSettled(refusedAt, { sentAt: 1_100, before: requestEffects(workshop([view('a', 'closed')])) }, requestEffects(workshop([view('a', 'closed')], 'a')))).toBe(true)
  })

  it('stays when nothing was sent after it', () => {
    expect(isRefusalSettled(refusedAt, { sentAt: null, before: null }, requestEffects(workshop([])))).toBe(false)
  })
})

describe('isClosedByItsTime: whether a closed round is announced as "time is up"', () => {
  const ended = (endsAt: number | null): RoundView => {
    const closed = view('r1', 'closed')
    return { ...closed, round: { ...closed.round, endsAt } }
  }
  it.each([
    ['closed by the server at its limit', 100_000, 0, 100_000, true],
    ['its close arriving a little after the limit', 100_000, 0, 100_400, true],
    ['this device 700 ms behind the server (offset +700)', 100_000, 700, 99_400, true],
    ['closed by the facilitator ten seconds early', 100_000, 0, 90_000, false],
    ['a round without a time limit', null, 0, 100_000, false],
  ] as const)('%s', (_what, endsAt, offset, now, expected) => {
    expect(isClosedByItsTime(ended(endsAt), offset, now)).toBe(expected)
  })
})
