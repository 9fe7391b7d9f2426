import type { Reason } from '../../shared/protocol/reasons.js'
import { describe, expect, it } from 'vitest'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import type { Role } from '../../shared/rules/roles.js'
import { canSeeTally, cardsInScope, checkRoundSettings, checkVote, checkWithdraw, visibleResults } from '../../shared/rules/voting.js'
import type { Actor, Round, RoundScope, Vote } from '../../shared/rules/votingTypes.js'

const NOW = 1_000_000

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: 'round-1',
    workshopId: 'ws',
    boardId: 'board',
    kind: 'vote',
    scope: { kind: 'all-elevators' },
    votesPerPerson: 3,
    maxVotesPerCard: 2,
    isAnonymous: false,
    isHiddenUntilReveal: false,
    endsAt: null,
    state: 'open',
    createdAt: 0,
    ...overrides,
  }
}

const actor = (role: Role, personId = `person-${role}`): Actor => ({ personId, role })
const participant = actor('participant')

function card(id: string, type: string, props: Record<string, unknown>): PlanShape {
  return { id, type, props }
}

/** Two stages of one grid, cards in them and outside, a note and a grid that are not cards. */
const shapes: PlanShape[] = [
  card('shape:journey', 'journey', { stages: [] }),
  card('shape:gap-a', 'gap', { journeyId: 'shape:journey', stageId: 'buy' }),
  card('shape:gap-b', 'gap', { journeyId: 'shape:journey', stageId: 'use' }),
  card('shape:touch-buy', 'touchpoint', { journeyId: 'shape:journey', stageId: 'buy' }),
  card('shape:lift-a1', 'elevator', { gapId: 'shape:gap-a', journeyId: 'shape:journey', stageId: 'buy' }),
  card('shape:lift-a2', 'elevator', { gapId: 'shape:gap-a', journeyId: '', stageId: '' }),
  card('shape:lift-b1', 'elevator', { gapId: 'shape:gap-b', journeyId: 'shape:journey', stageId: 'use' }),
  card('shape:lift-loose', 'elevator', { gapId: '', journeyId: '', stageId: '' }),
  card('shape:note', 'note', { journeyId: 'shape:journey', stageId: 'buy' }),
]

describe('cardsInScope', () => {
  it.each<[string, RoundScope, string[]]>([
    ['all elevators', { kind: 'all-elevators' }, ['shape:lift-a1', 'shape:lift-a2', 'shape:lift-b1', 'shape:lift-loose']],
    ["one gap's elevators", { kind: 'gap', gapId: 'shape:gap-a' }, ['shape:lift-a1', 'shape:lift-a2']],
    ['a gap with no elevators', { kind: 'gap', gapId: 'shape:gone' }, []],
    ['an empty gap id, not the unlinked elevators', { kind: 'gap', gapId: '' }, []],
    ["one stage's cards, not notes", { kind: 'stage', journeyId: 'shape:journey', stageId: 'buy' }, ['shape:gap-a', 'shape:touch-buy', 'shape:lift-a1']],
    ['a stage of another grid', { kind: 'stage', journeyId: 'shape:other', stageId: 'buy' }, []],
    ['an empty stage, not the cards outside grids', { kind: 'stage', journeyId: '', stageId: '' }, []],
    ['a selection of existing cards', { kind: 'selection', cardIds: ['shape:gap-b', 'shape:lift-loose', 'shape:deleted', 'shape:note'] }, ['shape:gap-b', 'shape:lift-loose']],
  ])('%s', (_name, scope, expected) => {
    expect([...cardsInScope(scope, shapes)].sort()).toEqual([...expected].sort())
  })

  it('reads shapes whose props are not objects without throwing', () => {
    expect(cardsInScope({ kind: 'gap', gapId: 'g' }, [{ id: 'x', type: 'elevator', props: null }])).toEqual(new Set())
  })
})

const okVote: Parameters<typeof checkVote>[0] = { round: round(), actor: participant, cardId: 'shape:lift-a1', isCardInScope: true, votesByActor: 0, votesOnCard: 0, now: NOW }

describe('checkVote', () => {
  it.each<[string, Partial<typeof okVote>, Reason | null]>([
    ['an open round', {}, null],
    ['a revealed round (revealing does not stop voting)', { round: round({ state: 'revealed' }) }, null],
    ['by the facilitator', { actor: actor('facilitator') }, null],
    ['before the time limit', { round: round({ endsAt: NOW + 1 }) }, null],
    ['no such round', { round: null }, 'roundNotFound'],
    ['a closed round', { round: round({ state: 'closed' }) }, 'roundClosed'],
    ['the time limit reached', { round: round({ endsAt: NOW }) }, 'roundTimeUp'],
    ['the time limit passed', { round: round({ endsAt: NOW - 1 }) }, 'roundTimeUp'],
    ['a score round', { round: round({ kind: 'score' }) }, 'roundKindMismatch'],
    ['a viewer', { actor: actor('viewer') }, 'roleCannotVote'],
    ['a card out of scope', { isCardInScope: false }, 'cardNotInRound'],
    ['budget: one vote left', { votesByActor: 2 }, null],
    ['budget: none left', { votesByActor: 3 }, 'voteBudgetUsed'],
    ['budget: over (a lowered budget)', { votesByActor: 4 }, 'voteBudgetUsed'],
    ['card cap: one place left', { votesOnCard: 1 }, null],
    ['card cap: reached (per person)', { votesOnCard: 2 }, 'cardVoteCapReached'],
  ])('%s', (_name, overrides, refusal) => {
    const result = checkVote({ ...okVote, ...overrides })
    if (refusal === null) expect(result).toEqual({ ok: true, value: true })
    else expect(result).toMatchObject({ ok: false, reason: refusal })
  })

  it('checks the closed round before anything else the person could fix', () => {
    const result = checkVote({ ...okVote, round: round({ state: 'closed' }), actor: actor('viewer'), isCardInScope: false, votesByActor: 9 })
    expect(result).toMatchObject({ ok: false, reason: 'roundClosed' })
  })
})

const okWithdraw: Parameters<typeof checkWithdraw>[0] = { round: round(), actor: participant, votesByActorOnCard: 1, now: NOW }

describe('checkWithdraw', () => {
  it.each<[string, Partial<typeof okWithdraw>, Reason | null]>([
    ['own vote in an open round', {}, null],
    ['own vote in a revealed round', { round: round({ state: 'revealed' }) }, null],
    ['no such round', { round: null }, 'roundNotFound'],
    ['a closed round', { round: round({ state: 'closed' }) }, 'roundClosed'],
    ['after the time limit', { round: round({ endsAt: NOW }) }, 'roundTimeUp'],
    ['a score round', { round: round({ kind: 'score' }) }, 'roundKindMismatch'],
    ['a viewer', { actor: actor('viewer'), votesByActorOnCard: 0 }, 'roleCannotVote'],
    ["someone else's vote (none of one's own on the card)", { votesByActorOnCard: 0 }, 'noVoteToWithdraw'],
  ])('%s', (_name, overrides, refusal) => {
    const result = checkWithdraw({ ...okWithdraw, ...overrides })
    if (refusal === null) expect(result).toEqual({ ok: true, value: true })
    else expect(result).toMatchObject({ ok: false, reason: refusal })
  })
})

const settings = {
  kind: 'vote',
  scope: { kind: 'all-elevators' },
  votesPerPerson: 3,
  maxVotesPerCard: 2,
  isAnonymous: true,
  isHiddenUntilReveal: true,
  durationSeconds: null,
}

describe('checkRoundSettings', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a vote round on all elevators', {}],
    ['a score round', { kind: 'score' }],
    ["one gap's elevators", { scope: { kind: 'gap', gapId: 'shape:gap-a' } }],
    ['one stage', { scope: { kind: 'stage', journeyId: 'shape:j', stageId: 'buy' } }],
    ['a selection of 1', { scope: { kind: 'selection', cardIds: ['shape:a'] } }],
    ['a selection of 500', { scope: { kind: 'selection', cardIds: Array.from({ length: 500 }, (_, i) => `shape:${i}`) } }],
    ['1 vote each', { votesPerPerson: 1, maxVotesPerCard: 1 }],
    ['50 votes each, all on one card', { votesPerPerson: 50, maxVotesPerCard: 50 }],
    ['10 seconds', { durationSeconds: 10 }],
    ['2 hours', { durationSeconds: 7200 }],
    ['named and live', { isAnonymous: false, isHiddenUntilReveal: false }],
  ])('accepts %s', (_name, overrides) => {
    const input = { ...settings, ...overrides }
    expect(checkRoundSettings(input)).toEqual({ ok: true, value: input })
  })

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'vote', /must be an object/],
    ['null', null, /must be an object/],
    ['an unknown kind', { ...settings, kind: 'poll' }, /kind must be/],
    ['no scope', { ...settings, scope: undefined }, /scope must be an object/],
    ['an unknown scope kind', { ...settings, scope: { kind: 'everything' } }, /scope kind must be/],
    ['a gap scope without a gap', { ...settings, scope: { kind: 'gap' } }, /gapId/],
    ['a gap scope with an empty gap id', { ...settings, scope: { kind: 'gap', gapId: '' } }, /gapId/],
    ['a gap id over 200 characters', { ...settings, scope: { kind: 'gap', gapId: 'g'.repeat(201) } }, /gapId/],
    ['a stage scope without a stage', { ...settings, scope: { kind: 'stage', journeyId: 'j' } }, /stageId/],
    ['a stage scope without a journey', { ...settings, scope: { kind: 'stage', stageId: 's' } }, /journeyId/],
    ['an empty selection', { ...settings, scope: { kind: 'selection', cardIds: [] } }, /1 to 500 card ids/],
    ['a selection of 501', { ...settings, scope: { kind: 'selection', cardIds: Array.from({ length: 501 }, (_, i) => `s${i}`) } }, /1 to 500/],
    ['a selection that is not a list', { ...settings, scope: { kind: 'selection', cardIds: 'shape:a' } }, /1 to 500/],
    ['a selection with a number', { ...settings, scope: { kind: 'selection', cardIds: ['shape:a', 7] } }, /card ids only/],
    ['0 votes each', { ...settings, votesPerPerson: 0, maxVotesPerCard: 0 }, /votesPerPerson/],
    ['51 votes each', { ...settings, votesPerPerson: 51 }, /votesPerPerson/],
    ['2.5 votes each', { ...settings, votesPerPerson: 2.5 }, /votesPerPerson/],
    ['votes as text', { ...settings, votesPerPerson: '3' }, /votesPerPerson/],
    ['no budget', { ...settings, votesPerPerson: undefined }, /votesPerPerson/],
    ['a card cap of 0', { ...settings, maxVotesPerCard: 0 }, /maxVotesPerCard/],
    ['a card cap over the budget', { ...settings, maxVotesPerCard: 4 }, /maxVotesPerCard/],
    ['anonymous as text', { ...settings, isAnonymous: 'yes' }, /isAnonymous/],
    ['no hidden flag', { ...settings, isHiddenUntilReveal: undefined }, /isHiddenUntilReveal/],
    ['9 seconds', { ...settings, durationSeconds: 9 }, /durationSeconds/],
    ['7201 seconds', { ...settings, durationSeconds: 7201 }, /durationSeconds/],
    ['a fractional duration', { ...settings, durationSeconds: 60.5 }, /durationSeconds/],
    ['a duration as text', { ...settings, durationSeconds: '60' }, /durationSeconds/],
  ])('refuses %s', (_name, input, reason) => {
    expect(checkRoundSettings(input)).toMatchObject({ ok: false, reason: 'invalidSettings', detail: expect.stringMatching(reason) })
  })

  it('returns only known fields, a missing duration as null, and a selection without repeats', () => {
    const input = { ...settings, durationSeconds: undefined, extra: 'x', scope: { kind: 'selection', cardIds: ['a', 'b', 'a'], extra: 1 } }
    expect(checkRoundSettings(input)).toEqual({ ok: true, value: { ...settings, durationSeconds: null, scope: { kind: 'selection', cardIds: ['a', 'b'] } } })
  })
})

/** Ann 2 on a + 1 on b, Bo 1 on a, Cy 1 on c; the viewer's person id never voted. */
const votes: Vote[] = [
  { roundId: 'round-1', voterId: 'person-ann', cardId: 'shape:a' },
  { roundId: 'round-1', voterId: 'person-ann', cardId: 'shape:a' },
  { roundId: 'round-1', voterId: 'person-ann', cardId: 'shape:b' },
  { roundId: 'round-1', voterId: 'person-bo', cardId: 'shape:a' },
  { roundId: 'round-1', voterId: 'person-cy', cardId: 'shape:c' },
  { roundId: 'other-round', voterId: 'person-dee', cardId: 'shape:a' },
]
const VOTER_IDS = ['person-ann', 'person-bo', 'person-cy', 'person-dee']
const viewers: Record<Role, Actor> = { facilitator: actor('facilitator', 'person-cy'), participant: actor('participant', 'person-ann'), viewer: actor('viewer', 'person-vi') }
const modes = { hidden: { isHiddenUntilReveal: true, state: 'open' }, live: { isHiddenUntilReveal: false, state: 'open' }, revealed: { isHiddenUntilReveal: true, state: 'revealed' }, closed: { isHiddenUntilReveal: true, state: 'closed' } } as const
const matrix = Object.entries(modes).flatMap(([mode, overrides]) =>
  [true, false].flatMap((isAnonymous) => (Object.keys(viewers) as Role[]).map((role) => [mode, isAnonymous ? 'anonymous' : 'named', role, overrides, isAnonymous] as const)),
)

describe('visibleResults', () => {
  it.each(matrix)('%s, %s, seen by the %s', (mode, _named, role, overrides, isAnonymous) => {
    const viewer = viewers[role]
    const results = visibleResults({ round: round({ ...overrides, isAnonymous }), votes, viewer })
    // Hidden until reveal means hidden from everyone, the facilitator included; all see how many have voted.
    const isTallyVisible = mode !== 'hidden'
    expect(results.isTallyVisible).toBe(isTallyVisible)
    expect(results.votersCount).toBe(3)
    const own = { facilitator: { 'shape:c': 1 }, participant: { 'shape:a': 2, 'shape:b': 1 }, viewer: {} }[role]
    expect(results.ownVotes).toEqual(own)
    expect(results.votesUsed).toBe({ facilitator: 1, participant: 3, viewer: 0 }[role])
    expect(results.votesLeft).toBe({ facilitator: 2, participant: 0, viewer: 0 }[role])
    expect(results.tally).toEqual(isTallyVisible ? { 'shape:a': 3, 'shape:b': 1, 'shape:c': 1 } : null)
    expect(results.ranking).toEqual(
      isTallyVisible ? [{ cardId: 'shape:a', votes: 3, rank: 1 }, { cardId: 'shape:b', votes: 1, rank: 2 }, { cardId: 'shape:c', votes: 1, rank: 2 }] : null,
    )
    const named = { 'shape:a': [{ voterId: 'person-ann', votes: 2 }, { voterId: 'person-bo', votes: 1 }], 'shape:b': [{ voterId: 'person-ann', votes: 1 }], 'shape:c': [{ voterId: 'person-cy', votes: 1 }] }
    expect(results.votersByCard).toEqual(isTallyVisible && !isAnonymous ? named : null)
    const json = JSON.stringify(results)
    if (isAnonymous || !isTallyVisible) for (const voterId of VOTER_IDS) expect(json).not.toContain(voterId)
    expect(json).not.toContain('person-dee')
  })

  it.each<[string, Partial<Round>, boolean]>([
    ['live', { isHiddenUntilReveal: false }, true],
    ['live and closed', { isHiddenUntilReveal: false, state: 'closed' }, true],
    ['hidden and open', { isHiddenUntilReveal: true }, false],
    ['hidden and revealed', { isHiddenUntilReveal: true, state: 'revealed' }, true],
    ['hidden and closed', { isHiddenUntilReveal: true, state: 'closed' }, true],
  ])('canSeeTally: %s, the same for every role', (_name, overrides, expected) => {
    expect(canSeeTally(round(overrides))).toBe(expected)
  })

  it.each(['facilitator', 'participant', 'viewer'] as const)('a hidden round shows the %s only how many have voted, until reveal', (role) => {
    const hidden = visibleResults({ round: round({ isHiddenUntilReveal: true }), votes, viewer: viewers[role] })
    expect(hidden).toMatchObject({ isTallyVisible: false, votersCount: 3, tally: null, ranking: null, votersByCard: null })
    const revealed = visibleResults({ round: round({ isHiddenUntilReveal: true, state: 'revealed' }), votes, viewer: viewers[role] })
    expect(revealed).toMatchObject({ isTallyVisible: true, tally: { 'shape:a': 3, 'shape:b': 1, 'shape:c': 1 } })
  })

  it('ranks ties by card id with a shared rank, and an empty round has an empty ranking', () => {
    const tied: Vote[] = ['z', 'y', 'y', 'x', 'x', 'w'].map((cardId, index) => ({ roundId: 'round-1', voterId: `v${index}`, cardId }))
    const results = visibleResults({ round: round(), votes: tied, viewer: participant })
    expect(results.ranking).toEqual([
      { cardId: 'x', votes: 2, rank: 1 },
      { cardId: 'y', votes: 2, rank: 1 },
      { cardId: 'w', votes: 1, rank: 3 },
      { cardId: 'z', votes: 1, rank: 3 },
    ])
    const empty = visibleResults({ round: round(), votes: [], viewer: participant })
    expect(empty).toMatchObject({ votersCount: 0, votesLeft: 3, tally: {}, ranking: [], votersByCard: {} })
  })
})

describe('visibleResults of a score round', () => {
  it('counts the people who scored, each once, not votes (a score round has none)', () => {
    const scoreRound = { ...round({ kind: 'score' }) }
    const results = visibleResults({ round: scoreRound, votes: [], viewer: participant, scorers: ['a', 'b', 'a'] })
    expect(results.votersCount).toBe(2)
  })
})
