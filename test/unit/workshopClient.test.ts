import { describe, expect, it } from 'vitest'
import { boardLabel } from '../../client/panels/BoardsSection.js'
import { roundTimeLeft } from '../../client/panels/RoundCountdown.js'
import { roundDurationSeconds } from '../../client/panels/RoundForm.js'
import { EMPTY_WORKSHOP, reduceWorkshop, shownRoundView } from '../../client/sync/workshopState.js'
import { boardHref, readRecentBoards, rememberBoard } from '../../client/ui/recentBoards.js'
import { readRecentWorkshops, rememberWorkshop, type RecentWorkshop } from '../../client/ui/recentWorkshops.js'
import { lastBoardOf } from '../../client/ui/WorkshopList.js'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'

const memoryStorage = () => {
  const map = new Map<string, string>()
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) }
}

describe("this device's workshops", () => {
  const workshop = (overrides: Partial<RecentWorkshop> = {}): RecentWorkshop => ({ workshopId: 'w1', title: 'Työpaja', role: 'facilitator', token: 'k1.a.b', boardId: 'b1', openedAt: 1, ...overrides })
  it('keeps one entry per workshop and role, newest first, the latest token winning', () => {
    const storage = memoryStorage()
    rememberWorkshop(workshop(), storage)
    rememberWorkshop(workshop({ workshopId: 'w2', openedAt: 2 }), storage)
    rememberWorkshop(workshop({ role: 'participant', token: 'k1.p.q', openedAt: 3 }), storage)
    rememberWorkshop(workshop({ token: 'k1.rotated', boardId: 'b2', openedAt: 4 }), storage)
    expect(readRecentWorkshops(storage).map((entry) => [entry.workshopId, entry.role, entry.token, entry.boardId])).toEqual([
      ['w1', 'facilitator', 'k1.rotated', 'b2'],
      ['w1', 'participant', 'k1.p.q', 'b1'],
      ['w2', 'facilitator', 'k1.a.b', 'b1'],
    ])
  })
  it('reads a corrupt list as empty and skips malformed entries', () => {
    expect(readRecentWorkshops({ getItem: () => '{oops' })).toEqual([])
    expect(readRecentWorkshops({ getItem: () => JSON.stringify([workshop({ role: 'admin' as never }), { workshopId: 'w' }, workshop()]) })).toEqual([workshop()])
  })
  it('reopens a recent workshop board with the token it was opened with', () => {
    const storage = memoryStorage()
    rememberBoard('b1', 5, storage, 'k1.x+y')
    rememberBoard('b2', 6, storage, null)
    expect(readRecentBoards(storage).map(boardHref)).toEqual(['/b/b2', '/b/b1?token=k1.x%2By'])
  })
  it('opens a workshop on the board this device opened last with its token', () => {
    const storage = memoryStorage()
    rememberBoard('b3', 1, storage, 'k1.a.b')
    rememberBoard('other', 2, storage, 'k1.other')
    expect(lastBoardOf(workshop(), readRecentBoards(storage))).toBe('b3')
    expect(lastBoardOf(workshop({ token: 'k1.never-opened' }), readRecentBoards(storage))).toBe('b1')
  })
})

describe('workshop state in the client: boards, the shown round and the server clock', () => {
  const view = (id: string) => ({ round: { id }, results: {} }) as unknown as RoundView
  it('keeps the board list, the shown round and the clock offset the server sent', () => {
    let state = reduceWorkshop(EMPTY_WORKSHOP, { type: 'boards', boards: [{ id: 'b1', name: '' }, { id: 'b2', name: 'Nykytila' }] }, 0)
    state = reduceWorkshop(state, { type: 'rounds', rounds: [view('r1'), view('r2')], shownRoundId: 'r1', isShownRoundChosen: true, serverNow: 5_000 }, 4_000)
    expect(state.boards.map((board, index) => boardLabel(board, index, 'Board'))).toEqual(['Board 1', 'Nykytila'])
    expect([state.shownRoundId, state.isShownRoundChosen, state.clockOffsetMs]).toEqual(['r1', true, 1_000])
    expect(shownRoundView(state)?.round.id).toBe('r1')
    expect(shownRoundView(reduceWorkshop(state, { type: 'rounds', rounds: [], shownRoundId: null, isShownRoundChosen: false, serverNow: 0 }, 0))).toBeNull()
  })
  it.each<[string, { endsAt: number | null; state: 'open' | 'closed' }, number, number | null]>([
    ['no time limit', { endsAt: null, state: 'open' }, 0, null],
    ['15 s left by the server clock', { endsAt: 20_000, state: 'open' }, 4_000, 15_000],
    ['time is up', { endsAt: 20_000, state: 'open' }, 30_000, 0],
    ['closed early by the facilitator', { endsAt: 20_000, state: 'closed' }, 4_000, 0],
  ])('a round countdown: %s', (_name, round, now, expected) => {
    expect(roundTimeLeft(round, now, 1_000)).toBe(expected)
  })
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 15, 15],
    [0, 5, 10],
    [2, 30, 150],
    [200, 0, 7_200],
  ])('a time limit of %i min %i s is %s seconds', (minutes, seconds, expected) => {
    expect(roundDurationSeconds(minutes, seconds)).toBe(expected)
  })
})
