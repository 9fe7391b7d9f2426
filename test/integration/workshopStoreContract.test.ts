import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedRound } from '../../server/storage/DocStorage.js'
import type { BallotInput, InviteLink, Person, WorkshopStore } from '../../server/workshops/WorkshopStore.js'
import type { Role } from '../../shared/rules/roles.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import { WORKSHOP_STORE_FIXTURES, type OpenStore, type StoreFixture } from '../helpers/storeFixtures.js'

const NOW = 1_000_000
/** SQLite's tests of one thread kind share one store (a worker takes a while to start), so every id is made unique to its test. */
let testNumber = 0
const u = (name: string) => `${name}-${testNumber}`
let W = ''
let BOARD = ''

const link = (id: string, createdAt: number, role: Role = 'participant'): InviteLink => ({ id, workshopId: W, role, expiresAt: NOW + 3_600_000, revokedAt: null, createdAt })
const round = (id: string, overrides: Partial<Round> = {}): Round => ({
  id, workshopId: W, boardId: BOARD, kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3,
  isAnonymous: false, isHiddenUntilReveal: true, endsAt: null, state: 'open', createdAt: NOW, ...overrides,
})
const ballot = (roundId: string, personId: string, cardId: string, overrides: Partial<BallotInput> = {}): BallotInput => ({
  roundId, actor: { personId, role: 'participant' }, cardId, isCardInScope: true, now: NOW, ...overrides,
})
/** A refusal as the store returns it, reduced to what callers may compare: the code and its params. */
const refusalOf = (result: { ok: boolean; reason?: string; params?: unknown }) => (result.ok ? 'accepted' : { reason: result.reason, params: result.params })

describe.each(Object.keys(WORKSHOP_STORE_FIXTURES))('WorkshopStore contract: %s', (name) => {
  let fixture: StoreFixture
  let store: OpenStore & { workshops: WorkshopStore }
  const open = async () => {
    store = (await fixture.open()) as typeof store
    return store
  }
  const reopen = async () => {
    await store.close()
    return open()
  }
  // SQLite keeps one file for the suite (a worker takes a while to start); PostgreSQL gives each test a schema of its own.
  const scope = WORKSHOP_STORE_FIXTURES[name]().scope
  const start = async () => {
    fixture = WORKSHOP_STORE_FIXTURES[name]()
    await open()
  }
  const stop = async () => {
    await store.close()
    await fixture.cleanup()
  }

  beforeAll(async () => {
    if (scope === 'suite') await start()
  })
  afterAll(async () => {
    if (scope === 'suite') await stop()
  })
  afterEach(async () => {
    if (scope === 'test') await stop()
  })
  beforeEach(async () => {
    if (scope === 'test') await start()
    testNumber++
    W = u('workshop')
    BOARD = u('board')
    await store.docs.createBoard({
      id: BOARD, createdAt: NOW, initialUpdate: null,
      workshop: { id: W, create: { workshop: { id: W, title: 'Palvelupolku', language: 'fi', createdAt: NOW }, links: [link(u('facilitator-link'), NOW, 'facilitator')] } },
    })
  })

  it('lists a workshop\'s boards in the order they joined and knows each board\'s workshop', async () => {
    await store.docs.createBoard({ id: u('board-2'), createdAt: NOW, initialUpdate: null, workshop: { id: W } })
    expect(await store.workshops.getWorkshop(W)).toEqual({ id: W, title: 'Palvelupolku', language: 'fi', createdAt: NOW })
    expect(await store.workshops.getWorkshop(u('nope'))).toBeNull()
    expect(await store.workshops.listBoards(W)).toEqual([BOARD, u('board-2')])
    expect(await store.workshops.workshopOfBoard(u('board-2'))).toBe(W)
    expect(await store.workshops.workshopOfBoard(u('open-board'))).toBeNull()
  })

  it('names boards, keeps the round each board shows, and keeps both across a reopen', async () => {
    await store.docs.createBoard({ id: u('board-2'), createdAt: NOW, initialUpdate: null, workshop: { id: W } })
    expect(await store.workshops.listWorkshopBoards(W)).toEqual([{ id: BOARD, name: '' }, { id: u('board-2'), name: '' }])
    await store.workshops.renameBoard(u('board-2'), 'Nykytila')
    await store.workshops.setShownRound(BOARD, u('round'))
    expect(await store.workshops.getShownRound(u('board-2'))).toBeNull()
    await reopen()
    expect(await store.workshops.listWorkshopBoards(W)).toEqual([{ id: BOARD, name: '' }, { id: u('board-2'), name: 'Nykytila' }])
    expect(await store.workshops.getShownRound(BOARD)).toBe(u('round'))
    await store.workshops.setShownRound(BOARD, null)
    expect(await store.workshops.getShownRound(BOARD)).toBeNull()
  })

  it('closes a round at its time limit exactly once, however many closers race', async () => {
    await store.workshops.createRound(round(u('timed'), { endsAt: NOW }))
    const closed = await Promise.all(Array.from({ length: 5 }, () => store.workshops.closeRoundIfOpen(u('timed'))))
    expect(closed.filter(Boolean)).toHaveLength(1)
    expect((await store.workshops.getRound(u('timed')))?.state).toBe('closed')
    await store.workshops.createRound(round(u('revealed'), { state: 'revealed' }))
    expect(await store.workshops.closeRoundIfOpen(u('revealed'))).toBe(true)
    expect(await store.workshops.closeRoundIfOpen(u('no-such-round'))).toBe(false)
  })

  it('creates, lists, revokes and re-dates links', async () => {
    await store.workshops.createLink(link(u('late'), NOW + 2))
    await store.workshops.createLink(link(u('early'), NOW + 1, 'viewer'))
    expect((await store.workshops.listLinks(W)).map((l) => l.id)).toEqual([u('facilitator-link'), u('early'), u('late')])
    await store.workshops.revokeLink(u('early'), NOW + 5)
    await store.workshops.setLinkExpiry(u('late'), NOW + 99)
    expect(await store.workshops.getLink(u('early'))).toEqual({ ...link(u('early'), NOW + 1, 'viewer'), revokedAt: NOW + 5 })
    expect(await store.workshops.getLink(u('late'))).toEqual({ ...link(u('late'), NOW + 2), expiresAt: NOW + 99 })
    expect(await store.workshops.getLink(u('nope'))).toBeNull()
    await expect(store.workshops.createLink(link(u('late'), NOW + 3))).rejects.toThrow()
  })

  it('saves people, overwrites a person who joins again, and lists them by name per workshop', async () => {
    const person = (id: string, name: string, role: Role = 'participant', workshopId = W): Person => ({ id, workshopId, name, color: '#123456', role })
    await store.workshops.savePerson(person('p1', 'Sanna'))
    await store.workshops.savePerson(person('p2', 'Aino', 'facilitator'))
    await store.workshops.savePerson(person('p3', 'Other', 'viewer', 'workshop-2'))
    await store.workshops.savePerson(person('p1', 'Sanna K', 'viewer'))
    expect(await store.workshops.listPeople(W)).toEqual([person('p2', 'Aino', 'facilitator'), person('p1', 'Sanna K', 'viewer')])
  })

  it('locks and unlocks boards one by one; a board never locked is unlocked', async () => {
    expect(await store.workshops.isBoardLocked(BOARD)).toBe(false)
    await store.workshops.setBoardLocked(BOARD, true)
    expect([await store.workshops.isBoardLocked(BOARD), await store.workshops.isBoardLocked(u('board-2'))]).toEqual([true, false])
    await store.workshops.setBoardLocked(BOARD, false)
    expect(await store.workshops.isBoardLocked(BOARD)).toBe(false)
  })

  it('keeps one timer per board, running or paused', async () => {
    expect(await store.workshops.getTimer(BOARD)).toBeNull()
    await store.workshops.saveTimer({ boardId: BOARD, isRunning: true, endsAt: NOW + 60_000, remainingMs: 60_000, hasSound: true })
    await store.workshops.saveTimer({ boardId: BOARD, isRunning: false, endsAt: null, remainingMs: 12_345, hasSound: false })
    expect(await store.workshops.getTimer(BOARD)).toEqual({ boardId: BOARD, isRunning: false, endsAt: null, remainingMs: 12_345, hasSound: false })
  })

  it('lists a board\'s rounds oldest first, round state changes kept', async () => {
    await store.workshops.createRound(round(u('r-late'), { createdAt: NOW + 20, kind: 'score', scope: { kind: 'selection', cardIds: ['c1', 'c2'] } }))
    await store.workshops.createRound(round(u('r-early'), { createdAt: NOW + 10, isAnonymous: true, endsAt: NOW + 60_000 }))
    await store.workshops.createRound(round(u('r-other'), { boardId: u('board-2') }))
    await store.workshops.setRoundState(u('r-early'), 'revealed')
    const rounds = await store.workshops.listRounds(BOARD)
    expect(rounds.map((r) => r.id)).toEqual([u('r-early'), u('r-late')])
    expect(rounds[0]).toEqual(round(u('r-early'), { createdAt: NOW + 10, isAnonymous: true, endsAt: NOW + 60_000, state: 'revealed' }))
    expect(await store.workshops.getRound(u('r-late'))).toEqual(round(u('r-late'), { createdAt: NOW + 20, kind: 'score', scope: { kind: 'selection', cardIds: ['c1', 'c2'] } }))
    expect(await store.workshops.getRound(u('nope'))).toBeNull()
  })

  it('accepts exactly the budget of each of 20 voters firing three times their budget at once', async () => {
    await store.workshops.createRound(round(u('r1'), { votesPerPerson: 3, maxVotesPerCard: 3 }))
    const voters = Array.from({ length: 20 }, (_, i) => `voter-${i}`)
    // Every ballot goes out before any answer comes back; each voter spreads them over distinct cards so only the budget can bite.
    const results = await Promise.all(voters.flatMap((voter) => Array.from({ length: 9 }, (_, i) => store.workshops.castVote(ballot(u('r1'), voter, `card-${i}`)))))
    const byVoter = voters.map((_, v) => results.slice(v * 9, v * 9 + 9).map(refusalOf))
    for (const outcomes of byVoter) {
      expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(3)
      expect(outcomes.filter((outcome) => outcome !== 'accepted')).toEqual(Array(6).fill({ reason: 'voteBudgetUsed', params: { votes: 3 } }))
    }
    expect(await store.workshops.listVotes(u('r1'))).toHaveLength(60)
  })

  it('accepts exactly the per-card cap of each of 20 voters firing three times the cap at one card', async () => {
    await store.workshops.createRound(round(u('r1'), { votesPerPerson: 10, maxVotesPerCard: 2 }))
    const voters = Array.from({ length: 20 }, (_, i) => `voter-${i}`)
    const results = await Promise.all(voters.flatMap((voter) => Array.from({ length: 6 }, () => store.workshops.castVote(ballot(u('r1'), voter, 'hot-card')))))
    expect(results.filter((result) => result.ok)).toHaveLength(40)
    expect(results.filter((result) => !result.ok).map(refusalOf)).toEqual(Array(80).fill({ reason: 'cardVoteCapReached', params: { votes: 2 } }))
    const votes = await store.workshops.listVotes(u('r1'))
    expect(voters.map((voter) => votes.filter((vote) => vote.voterId === voter).length)).toEqual(Array(20).fill(2))
  })

  it('withdraws one own vote at a time, which gives the budget back', async () => {
    await store.workshops.createRound(round(u('r1'), { votesPerPerson: 2, maxVotesPerCard: 2 }))
    for (const card of ['a', 'a']) expect((await store.workshops.castVote(ballot(u('r1'), 'p1', card))).ok).toBe(true)
    expect(refusalOf(await store.workshops.castVote(ballot(u('r1'), 'p1', 'b')))).toEqual({ reason: 'voteBudgetUsed', params: { votes: 2 } })
    expect(await store.workshops.withdrawVote(ballot(u('r1'), 'p1', 'a'))).toEqual({ ok: true, value: { roundId: u('r1'), voterId: 'p1', cardId: 'a' } })
    expect(refusalOf(await store.workshops.withdrawVote(ballot(u('r1'), 'p2', 'a')))).toEqual({ reason: 'noVoteToWithdraw', params: undefined })
    expect((await store.workshops.castVote(ballot(u('r1'), 'p1', 'b'))).ok).toBe(true)
    expect(await store.workshops.listVotes(u('r1'))).toEqual([{ roundId: u('r1'), voterId: 'p1', cardId: 'a' }, { roundId: u('r1'), voterId: 'p1', cardId: 'b' }])
  })

  it('takes votes in a revealed round', async () => {
    await store.workshops.createRound(round(u('r1'), { state: 'revealed' }))
    expect((await store.workshops.castVote(ballot(u('r1'), 'p1', 'a'))).ok).toBe(true)
  })

  it.each([
    { case: 'an unknown round', round: null, call: 'castVote', ballot: {}, refusal: { reason: 'roundNotFound' } },
    { case: 'a closed round, voting', round: { state: 'closed' }, call: 'castVote', ballot: {}, refusal: { reason: 'roundClosed' } },
    { case: 'a closed round, withdrawing', round: { state: 'closed' }, call: 'withdrawVote', ballot: {}, refusal: { reason: 'roundClosed' } },
    { case: 'a closed round, scoring', round: { state: 'closed', kind: 'score' }, call: 'saveScore', ballot: {}, refusal: { reason: 'roundClosed' } },
    { case: 'a round whose time is up', round: { endsAt: NOW }, call: 'castVote', ballot: {}, refusal: { reason: 'roundTimeUp' } },
    { case: 'a vote in a score round', round: { kind: 'score' }, call: 'castVote', ballot: {}, refusal: { reason: 'roundKindMismatch', params: { kind: 'score' } } },
    { case: 'a score in a vote round', round: {}, call: 'saveScore', ballot: {}, refusal: { reason: 'roundKindMismatch', params: { kind: 'vote' } } },
    { case: 'a viewer voting', round: {}, call: 'castVote', ballot: { actor: { personId: 'v1', role: 'viewer' } }, refusal: { reason: 'roleCannotVote', params: { role: 'viewer' } } },
    { case: 'a card outside the round', round: {}, call: 'castVote', ballot: { isCardInScope: false }, refusal: { reason: 'cardNotInRound' } },
    { case: 'a score out of range', round: { kind: 'score' }, call: 'saveScore', ballot: { impact: 7 }, refusal: { reason: 'invalidScore' } },
  ] as const)('refuses $case with its reason code, storing nothing', async (row) => {
    if (row.round) await store.workshops.createRound(round(u('r1'), row.round as Partial<Round>))
    const input = { ...ballot(u('r1'), 'p1', 'card-a'), impact: 3 as const, effort: 'M' as const, ...row.ballot } as BallotInput & { impact: 3; effort: 'M' }
    const result = await store.workshops[row.call](input)
    expect(refusalOf(result)).toEqual({ params: undefined, ...row.refusal })
    expect([await store.workshops.listVotes(u('r1')), await store.workshops.listScores(u('r1'))]).toEqual([[], []])
  })

  it('keeps one score per person and card, the latest, listed by voter then card', async () => {
    await store.workshops.createRound(round(u('s1'), { kind: 'score' }))
    const score = (voter: string, card: string, impact: 1 | 2 | 3 | 4 | 5, effort: 'S' | 'M' | 'L') => store.workshops.saveScore({ ...ballot(u('s1'), voter, card), impact, effort })
    expect(await score('p2', 'b', 5, 'L')).toEqual({ ok: true, value: { roundId: u('s1'), voterId: 'p2', cardId: 'b', impact: 5, effort: 'L' } })
    await score('p1', 'b', 2, 'S')
    await score('p1', 'a', 1, 'S')
    await score('p1', 'b', 4, 'M')
    expect(await store.workshops.listScores(u('s1'))).toEqual([
      { roundId: u('s1'), voterId: 'p1', cardId: 'a', impact: 1, effort: 'S' },
      { roundId: u('s1'), voterId: 'p1', cardId: 'b', impact: 4, effort: 'M' },
      { roundId: u('s1'), voterId: 'p2', cardId: 'b', impact: 5, effort: 'L' },
    ])
  })

  it('imports rounds with their ballots through createBoard; an imported closed round takes no more', async () => {
    const imported: ImportedRound[] = [
      { round: round(u('imp-vote'), { boardId: u('board-imp'), state: 'closed', createdAt: NOW + 1 }), votes: [{ roundId: 'x', voterId: 'p1', cardId: 'a' }, { roundId: 'x', voterId: 'p2', cardId: 'a' }], scores: [] },
      { round: round(u('imp-score'), { boardId: u('board-imp'), kind: 'score', state: 'closed', createdAt: NOW + 2 }), votes: [], scores: [{ roundId: 'x', voterId: 'p1', cardId: 'a', impact: 4, effort: 'S' }] },
    ]
    await store.docs.createBoard({ id: u('board-imp'), createdAt: NOW, initialUpdate: new Uint8Array([1]), workshop: { id: W, rounds: imported } })
    expect((await store.workshops.listRounds(u('board-imp'))).map((r) => r.id)).toEqual([u('imp-vote'), u('imp-score')])
    expect(await store.workshops.listVotes(u('imp-vote'))).toEqual([{ roundId: u('imp-vote'), voterId: 'p1', cardId: 'a' }, { roundId: u('imp-vote'), voterId: 'p2', cardId: 'a' }])
    expect(await store.workshops.listScores(u('imp-score'))).toEqual([{ roundId: u('imp-score'), voterId: 'p1', cardId: 'a', impact: 4, effort: 'S' }])
    expect(refusalOf(await store.workshops.castVote(ballot(u('imp-vote'), 'p3', 'a')))).toEqual({ reason: 'roundClosed', params: undefined })
  })

  it('keeps links, people, locks, timers, rounds and ballots across a reopen', async () => {
    await store.workshops.savePerson({ id: 'p1', workshopId: W, name: 'Sanna', color: '#111111', role: 'participant' })
    await store.workshops.setBoardLocked(BOARD, true)
    await store.workshops.saveTimer({ boardId: BOARD, isRunning: false, endsAt: null, remainingMs: 5, hasSound: true })
    await store.workshops.createRound(round(u('r1')))
    await store.workshops.castVote(ballot(u('r1'), 'p1', 'a'))
    const again = (await reopen()).workshops
    expect(await again.getLink(u('facilitator-link'))).toEqual(link(u('facilitator-link'), NOW, 'facilitator'))
    expect((await again.listPeople(W)).map((p) => p.name)).toEqual(['Sanna'])
    expect(await again.isBoardLocked(BOARD)).toBe(true)
    expect((await again.getTimer(BOARD))?.remainingMs).toBe(5)
    expect(await again.listVotes(u('r1'))).toEqual([{ roundId: u('r1'), voterId: 'p1', cardId: 'a' }])
  })

  it('rejects every call once the store is closed, without hanging', { timeout: 5_000 }, async () => {
    const closed = store
    await closed.close()
    try {
      const calls = [closed.workshops.getWorkshop(W), closed.workshops.castVote(ballot(u('r1'), 'p1', 'a')), closed.workshops.listRounds(BOARD), closed.workshops.setBoardLocked(BOARD, true)]
      expect((await Promise.allSettled(calls)).map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected'])
    } finally {
      await open()
    }
  })
})
