import { describe, expect, it } from 'vitest'
import { checkShowableRound, defaultShownRound, isRoundShowable, shownRound } from '../../shared/rules/shownRound.js'
import type { Round } from '../../shared/rules/votingTypes.js'

const NOW = 1_000_000

function round(id: string, overrides: Partial<Round> = {}): Round {
  return {
    id, workshopId: 'w', boardId: 'board', kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3,
    isAnonymous: false, isHiddenUntilReveal: true, endsAt: null, state: 'closed', createdAt: 0, ...overrides,
  }
}

describe('which round a board shows', () => {
  it.each<[string, Partial<Round>, boolean]>([
    ['a closed vote round', {}, true],
    ['a revealed vote round', { state: 'revealed' }, true],
    ['an open vote round', { state: 'open' }, false],
    ['an open vote round past its time (not closed yet)', { state: 'open', endsAt: NOW }, true],
    ['an open vote round before its time', { state: 'open', endsAt: NOW + 1 }, false],
    ['a closed score round', { kind: 'score' }, false],
  ])('%s is showable: %s', (_name, overrides, expected) => {
    expect(isRoundShowable(round('r', overrides), NOW)).toBe(expected)
  })

  const ballots: Record<string, number> = { first: 6, second: 0, third: 2, open: 4 }
  const ballotsOf = (r: Round) => ballots[r.id] ?? 0
  it.each<[string, Round[], string | null]>([
    ['no rounds', [], null],
    ['a later round closed empty keeps the earlier results', [round('first'), round('second')], 'first'],
    ['the latest with ballots', [round('first'), round('third', { state: 'revealed' })], 'third'],
    ['an open round never', [round('first'), round('open', { state: 'open' })], 'first'],
    ['only empty rounds: none', [round('second')], null],
  ])('by default: %s', (_name, rounds, expected) => {
    expect(defaultShownRound(rounds, ballotsOf, NOW)?.id ?? null).toBe(expected)
  })

  it.each<[string, string | null, string | null, boolean]>([
    ['no choice: the default', null, 'third', false],
    ["the facilitator's choice, even an empty round", 'second', 'second', true],
    ['a choice that is no longer showable falls back to the default', 'open', 'third', false],
    ['a choice of a round that is gone falls back', 'gone', 'third', false],
  ])('%s', (_name, chosenId, expected, isChosen) => {
    const rounds = [round('first'), round('second'), round('third'), round('open', { state: 'open' })]
    const shown = shownRound({ rounds, ballotsOf, chosenId, now: NOW })
    expect([shown.round?.id ?? null, shown.isChosen]).toEqual([expected, isChosen])
  })

  it.each<[string, Round | null, object]>([
    ['a closed vote round of the board', round('r'), { ok: true }],
    ['no round', null, { ok: false, reason: 'roundNotFound' }],
    ["another board's round", round('r', { boardId: 'other' }), { ok: false, reason: 'roundNotFound' }],
    ['a score round', round('r', { kind: 'score' }), { ok: false, reason: 'roundKindMismatch', params: { kind: 'score' } }],
    ['an open round', round('r', { state: 'open' }), { ok: false, reason: 'roundNotRevealed' }],
  ])('the facilitator may choose %s: %j', (_name, candidate, expected) => {
    expect(checkShowableRound(candidate, 'board', NOW)).toMatchObject(expected)
  })
})
