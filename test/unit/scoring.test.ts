import type { Reason } from '../../shared/protocol/reasons.js'
import { describe, expect, it } from 'vitest'
import { checkScore, scoreSummary } from '../../shared/rules/scoring.js'
import type { Round, Score } from '../../shared/rules/votingTypes.js'

const NOW = 1_000_000

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: 'round-s',
    workshopId: 'ws',
    boardId: 'board',
    kind: 'score',
    scope: { kind: 'all-elevators' },
    votesPerPerson: 1,
    maxVotesPerCard: 1,
    isAnonymous: true,
    isHiddenUntilReveal: true,
    endsAt: null,
    state: 'open',
    createdAt: 0,
    ...overrides,
  }
}

const okScore: Parameters<typeof checkScore>[0] = { round: round(), actor: { personId: 'p', role: 'participant' }, cardId: 'shape:lift', isCardInScope: true, impact: 4, effort: 'M', now: NOW }

describe('checkScore', () => {
  it.each<[string, Partial<typeof okScore>, Reason | null]>([
    ['an open round', {}, null],
    ['a revealed round', { round: round({ state: 'revealed' }) }, null],
    ['by the facilitator', { actor: { personId: 'f', role: 'facilitator' } }, null],
    ['impact 1, effort S', { impact: 1, effort: 'S' }, null],
    ['impact 5, effort L', { impact: 5, effort: 'L' }, null],
    ['before the time limit', { round: round({ endsAt: NOW + 1 }) }, null],
    ['no such round', { round: null }, 'roundNotFound'],
    ['a closed round', { round: round({ state: 'closed' }) }, 'roundClosed'],
    ['the time limit reached', { round: round({ endsAt: NOW }) }, 'roundTimeUp'],
    ['a vote round', { round: round({ kind: 'vote' }) }, 'roundKindMismatch'],
    ['a viewer', { actor: { personId: 'v', role: 'viewer' } }, 'roleCannotVote'],
    ['a card out of scope', { isCardInScope: false }, 'cardNotInRound'],
    ['impact 0', { impact: 0 }, 'invalidScore'],
    ['impact 6', { impact: 6 }, 'invalidScore'],
    ['impact 2.5', { impact: 2.5 }, 'invalidScore'],
    ['impact NaN', { impact: Number.NaN }, 'invalidScore'],
    ['effort XL', { effort: 'XL' }, 'invalidScore'],
    ['effort s (lower case)', { effort: 's' }, 'invalidScore'],
  ])('%s', (_name, overrides, refusal) => {
    const result = checkScore({ ...okScore, ...overrides })
    if (refusal === null) expect(result).toEqual({ ok: true, value: true })
    else expect(result).toMatchObject({ ok: false, reason: refusal })
  })
})

const score = (voterId: string, cardId: string, impact: Score['impact'], effort: Score['effort']): Score => ({ roundId: 'round-s', voterId, cardId, impact, effort })

describe('scoreSummary', () => {
  it.each<[string, Score[], { count: number; impactMean: number; impactSpread: number; effortMean: number; effortSpread: number; impactRounded: number; effortRounded: string }]>([
    ['one score', [score('a', 'c', 4, 'M')], { count: 1, impactMean: 4, impactSpread: 0, effortMean: 2, effortSpread: 0, impactRounded: 4, effortRounded: 'M' }],
    ['full agreement', [score('a', 'c', 3, 'L'), score('b', 'c', 3, 'L'), score('d', 'c', 3, 'L')], { count: 3, impactMean: 3, impactSpread: 0, effortMean: 3, effortSpread: 0, impactRounded: 3, effortRounded: 'L' }],
    ['split to the ends', [score('a', 'c', 1, 'S'), score('b', 'c', 5, 'L')], { count: 2, impactMean: 3, impactSpread: 2, effortMean: 2, effortSpread: 1, impactRounded: 3, effortRounded: 'M' }],
    ['halves round up', [score('a', 'c', 2, 'S'), score('b', 'c', 3, 'M')], { count: 2, impactMean: 2.5, impactSpread: 0.5, effortMean: 1.5, effortSpread: 0.5, impactRounded: 3, effortRounded: 'M' }],
    [
      'seven people, mixed',
      [score('a', 'c', 2, 'S'), score('b', 'c', 4, 'S'), score('d', 'c', 4, 'S'), score('e', 'c', 4, 'S'), score('f', 'c', 5, 'M'), score('g', 'c', 5, 'M'), score('h', 'c', 1, 'L')],
      { count: 7, impactMean: 3.571428571, impactSpread: 1.399708424, effortMean: 1.571428571, effortSpread: 0.728431359, impactRounded: 4, effortRounded: 'M' },
    ],
  ])('%s', (_name, scores, expected) => {
    const summary = scoreSummary(scores).get('c')
    expect(summary).toBeDefined()
    const { impactMean, impactSpread, effortMean, effortSpread, ...exact } = summary!
    expect(exact).toEqual({ count: expected.count, impactRounded: expected.impactRounded, effortRounded: expected.effortRounded })
    expect(impactMean).toBeCloseTo(expected.impactMean, 8)
    expect(impactSpread).toBeCloseTo(expected.impactSpread, 8)
    expect(effortMean).toBeCloseTo(expected.effortMean, 8)
    expect(effortSpread).toBeCloseTo(expected.effortSpread, 8)
  })

  it('uses the population standard deviation, not the sample one', () => {
    const impacts: Score['impact'][] = [1, 2, 3, 4, 5]
    const summary = scoreSummary(impacts.map((impact, i) => score(`v${i}`, 'c', impact, 'M'))).get('c')!
    expect(summary.impactMean).toBe(3)
    expect(summary.impactSpread).toBeCloseTo(Math.SQRT2, 12)
    expect(summary.effortSpread).toBe(0)
  })

  it('keeps cards apart, in card id order, with one score per person per card (the last)', () => {
    const summary = scoreSummary([score('a', 'z', 5, 'L'), score('a', 'y', 1, 'S'), score('a', 'z', 2, 'S'), score('b', 'z', 4, 'S')])
    expect([...summary.keys()]).toEqual(['y', 'z'])
    expect(summary.get('z')).toMatchObject({ count: 2, impactMean: 3, effortMean: 1, effortRounded: 'S' })
    expect(summary.get('y')).toMatchObject({ count: 1, impactRounded: 1 })
  })

  it('is empty without scores', () => {
    expect(scoreSummary([]).size).toBe(0)
  })
})
