import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.js'
import type { DocStorage, NewBoard } from '../../server/storage/DocStorage.js'
import type { InviteLink } from '../../server/workshops/WorkshopStore.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import { STORE_FIXTURES, WORKSHOP_STORE_FIXTURES, type OpenStore, type StoreFixture } from '../helpers/storeFixtures.js'

const bytes = (...values: number[]) => new Uint8Array(values)
const openBoard = (id: string, createdAt: number, initialUpdate: Uint8Array | null = null): NewBoard => ({ id, createdAt, initialUpdate, workshop: null })
/** Promise.race against a deadline that lets the test fail with a name instead of a vitest timeout. */
const settlesWithin = <T>(promise: Promise<T>, ms: number): Promise<PromiseSettledResult<T> | 'hung'> =>
  Promise.race([Promise.allSettled([promise]).then(([result]) => result), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())])

/** Opens a fixture per test and closes everything it opened afterwards. */
function useFixture(make: () => StoreFixture) {
  const state = { fixture: null as StoreFixture | null, current: null as OpenStore | null, opened: [] as OpenStore[] }
  beforeEach(async () => {
    state.fixture = make()
    state.current = await state.fixture.open()
    state.opened.push(state.current)
  })
  afterEach(async () => {
    for (const handle of state.opened.splice(0)) await handle.close()
    await state.fixture?.cleanup()
  })
  return {
    get storage() {
      return state.current!.docs
    },
    get workshops() {
      return state.current!.workshops!
    },
    /** Closes the open handle and opens the same data again. */
    async reopen(): Promise<DocStorage> {
      await state.current!.close()
      state.current = await state.fixture!.open()
      state.opened.push(state.current)
      return state.current.docs
    },
    close: () => state.current!.close(),
  }
}

describe.each(Object.keys(STORE_FIXTURES))('DocStorage contract: %s', (name) => {
  const isPersistent = name !== 'memory'
  const s = useFixture(STORE_FIXTURES[name])

  it('creates a board and finds it; an unknown board is null', async () => {
    await s.storage.createBoard(openBoard('board-a', 1234))
    expect(await s.storage.getBoard('board-a')).toEqual({ id: 'board-a', createdAt: 1234 })
    expect(await s.storage.getBoard('board-b')).toBeNull()
    expect(await s.storage.loadDoc('board-a')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [], lastSeq: 0 })
  })

  it('stores the initial update as seq 1; the next append is seq 2', async () => {
    await s.storage.createBoard(openBoard('board-a', 1, bytes(4, 2)))
    expect(await s.storage.loadDoc('board-a')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(4, 2)], lastSeq: 1 })
    expect(await s.storage.appendUpdates('board-a', [bytes(5)])).toBe(2)
  })

  it('refuses a board whose id exists and stores nothing of the second call', async () => {
    await s.storage.createBoard(openBoard('board-a', 1, bytes(1)))
    await expect(s.storage.createBoard(openBoard('board-a', 2, bytes(2)))).rejects.toThrow()
    expect(await s.storage.getBoard('board-a')).toEqual({ id: 'board-a', createdAt: 1 })
    expect(await s.storage.loadDoc('board-a')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(1)], lastSeq: 1 })
  })

  it('loads an unknown doc as empty', async () => {
    expect(await s.storage.loadDoc('nothing')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [], lastSeq: 0 })
  })

  it('appends updates in order and numbers them', async () => {
    expect(await s.storage.appendUpdates('d', [bytes(1), bytes(2)])).toBe(2)
    expect(await s.storage.appendUpdates('d', [bytes(3)])).toBe(3)
    expect(await s.storage.loadDoc('d')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(1), bytes(2), bytes(3)], lastSeq: 3 })
  })

  it('keeps docs apart', async () => {
    await s.storage.appendUpdates('d1', [bytes(1)])
    await s.storage.appendUpdates('d2', [bytes(2)])
    expect((await s.storage.loadDoc('d1')).updates).toEqual([bytes(1)])
    expect((await s.storage.loadDoc('d2')).updates).toEqual([bytes(2)])
  })

  it('group commit: concurrent appends on several boards resolve with increasing seqs per board, and load back in order', async () => {
    const boards = ['g1', 'g2', 'g3', 'g4', 'g5']
    const sent = new Map<string, Uint8Array[]>(boards.map((id) => [id, []]))
    const calls: { id: string; count: number; seq: Promise<number> }[] = []
    // Interleaved and never awaited one by one, so the appends of many boards meet in the same batches.
    for (let i = 0; i < 60; i++) {
      for (const [b, id] of boards.entries()) {
        const updates = i % 7 === b ? [bytes(b, i, 0), bytes(b, i, 1)] : [bytes(b, i)]
        sent.get(id)!.push(...updates)
        calls.push({ id, count: updates.length, seq: s.storage.appendUpdates(id, updates) })
      }
    }
    const seqs = await Promise.all(calls.map((call) => call.seq))
    for (const id of boards) {
      const mine = calls.flatMap((call, index) => (call.id === id ? [{ count: call.count, seq: seqs[index] }] : []))
      let expected = 0
      for (const call of mine) expect(call.seq).toBe((expected += call.count))
      expect(await s.storage.loadDoc(id)).toEqual({ snapshot: null, snapshotStateVector: null, updates: sent.get(id), lastSeq: expected })
    }
  })

  it('compacts: the snapshot replaces updates through its sequence number, later ones stay', async () => {
    await s.storage.appendUpdates('d', [bytes(1), bytes(2), bytes(3)])
    await s.storage.compact('d', bytes(9, 9), bytes(1, 5, 3), 2)
    expect(await s.storage.loadDoc('d')).toEqual({ snapshot: bytes(9, 9), snapshotStateVector: bytes(1, 5, 3), updates: [bytes(3)], lastSeq: 3 })
    expect(await s.storage.appendUpdates('d', [bytes(4)])).toBe(4)
    await s.storage.compact('d', bytes(8), bytes(1, 5, 4), 4)
    expect(await s.storage.loadDoc('d')).toEqual({ snapshot: bytes(8), snapshotStateVector: bytes(1, 5, 4), updates: [], lastSeq: 4 })
    expect(await s.storage.appendUpdates('d', [bytes(5)])).toBe(5)
  })

  it('keeps each board\'s log its own across interleaved commits, a compaction and a reopen (persistent stores: the log is read back from the file)', async () => {
    await s.storage.createBoard(openBoard('first', 1, bytes(100)))
    await Promise.all([s.storage.appendUpdates('first', [bytes(1), bytes(2)]), s.storage.appendUpdates('second', [bytes(21)]), s.storage.appendUpdates('third', [bytes(31)])])
    await Promise.all([s.storage.appendUpdates('second', [bytes(22), bytes(23)]), s.storage.appendUpdates('first', [bytes(3)])])
    expect(await s.storage.compact('second', bytes(29), bytes(2, 9), 2)).toBe(true)
    // A creation that fails leaves no log rows behind for its board id.
    await expect(s.storage.createBoard(openBoard('first', 2, bytes(99)))).rejects.toThrow()
    const storage = isPersistent ? await s.reopen() : s.storage
    expect(await storage.loadDoc('first')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(100), bytes(1), bytes(2), bytes(3)], lastSeq: 4 })
    expect(await storage.loadDoc('second')).toEqual({ snapshot: bytes(29), snapshotStateVector: bytes(2, 9), updates: [bytes(23)], lastSeq: 3 })
    expect(await storage.loadUpdatesAfter('first', 2)).toEqual({ snapshot: null, updates: [{ seq: 3, update: bytes(2) }, { seq: 4, update: bytes(3) }], lastSeq: 4 })
    expect(await storage.loadUpdatesAfter('second', 1)).toEqual({ snapshot: bytes(29), updates: [{ seq: 3, update: bytes(23) }], lastSeq: 3 })
    expect(await storage.appendUpdates('second', [bytes(24)])).toBe(4)
    expect(await storage.appendUpdates('third', [bytes(32)])).toBe(2)
    expect(await storage.compact('second', bytes(28), bytes(2, 10), 4)).toBe(true)
    expect(await storage.appendUpdates('second', [bytes(25)])).toBe(5)
    expect(await storage.loadDoc('second')).toMatchObject({ snapshot: bytes(28), updates: [bytes(25)], lastSeq: 5 })
    expect((await storage.loadDoc('third')).updates).toEqual([bytes(31), bytes(32)])
  })

  it('returns copies: changing a loaded or appended array changes nothing stored', async () => {
    const update = bytes(1, 2)
    await s.storage.appendUpdates('d', [update])
    update[0] = 7
    const loaded = await s.storage.loadDoc('d')
    loaded.updates[0][1] = 7
    expect((await s.storage.loadDoc('d')).updates).toEqual([bytes(1, 2)])
  })

  it('close settles the appends in flight first', async () => {
    const pending = [s.storage.appendUpdates('d', [bytes(1)]), s.storage.appendUpdates('d', [bytes(2)]), s.storage.appendUpdates('e', [bytes(3)])]
    const closed = s.close()
    expect(await Promise.all(pending)).toEqual([1, 2, 1])
    await closed
  })

  it('after close every call rejects, none hangs', { timeout: 5_000 }, async () => {
    await s.storage.createBoard(openBoard('board-a', 1))
    await s.close()
    const calls: [string, Promise<unknown>][] = [
      ['createBoard', s.storage.createBoard(openBoard('board-b', 2))],
      ['getBoard', s.storage.getBoard('board-a')],
      ['loadDoc', s.storage.loadDoc('board-a')],
      ['appendUpdates', s.storage.appendUpdates('board-a', [bytes(1)])],
      ['compact', s.storage.compact('board-a', bytes(1), bytes(0), 0)],
    ]
    const outcomeOf = async (call: Promise<unknown>) => {
      const settled = await settlesWithin(call, 2_000)
      return settled === 'hung' ? 'hung' : settled.status
    }
    const outcomes = await Promise.all(calls.map(async ([method, call]) => [method, await outcomeOf(call)]))
    expect(Object.fromEntries(outcomes)).toEqual({ createBoard: 'rejected', getBoard: 'rejected', loadDoc: 'rejected', appendUpdates: 'rejected', compact: 'rejected' })
  })

  it('loads the updates after a sequence number, each with its number; the snapshot only once a compaction folded some of them', async () => {
    expect(await s.storage.loadUpdatesAfter('d', 0)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    await s.storage.appendUpdates('d', [bytes(1), bytes(2), bytes(3), bytes(4)])
    expect(await s.storage.loadUpdatesAfter('d', 2)).toEqual({ snapshot: null, updates: [{ seq: 3, update: bytes(3) }, { seq: 4, update: bytes(4) }], lastSeq: 4 })
    expect(await s.storage.loadUpdatesAfter('d', 4)).toEqual({ snapshot: null, updates: [], lastSeq: 4 })
    await s.storage.compact('d', bytes(9), bytes(0, 3), 3)
    expect(await s.storage.loadUpdatesAfter('d', 3)).toEqual({ snapshot: null, updates: [{ seq: 4, update: bytes(4) }], lastSeq: 4 })
    // Updates 2 and 3 are only in the snapshot now: the catch-up gets it, then what follows it.
    expect(await s.storage.loadUpdatesAfter('d', 1)).toEqual({ snapshot: bytes(9), updates: [{ seq: 4, update: bytes(4) }], lastSeq: 4 })
    expect(await s.storage.loadUpdatesAfter('other', 0)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
  })

  it('catches up across a group commit: the rows after a seq are exactly what the later appends resolved with', async () => {
    const first = await s.storage.appendUpdates('d', [bytes(1)])
    const later = await Promise.all([s.storage.appendUpdates('d', [bytes(2), bytes(3)]), s.storage.appendUpdates('e', [bytes(7)]), s.storage.appendUpdates('d', [bytes(4)])])
    expect(later).toEqual([3, 1, 4])
    const missed = await s.storage.loadUpdatesAfter('d', first)
    expect(missed.updates.map((entry) => [entry.seq, entry.update[0]])).toEqual([[2, 2], [3, 3], [4, 4]])
  })

  it('refuses a compaction through an older point than the stored snapshot, and keeps the log it folded nothing of', async () => {
    await s.storage.appendUpdates('d', [bytes(1), bytes(2), bytes(3), bytes(4)])
    expect(await s.storage.compact('d', bytes(8), bytes(8), 3)).toBe(true)
    expect(await s.storage.compact('d', bytes(7), bytes(7), 2)).toBe(false)
    expect(await s.storage.compact('d', bytes(6), bytes(6), 3)).toBe(false)
    expect(await s.storage.loadDoc('d')).toEqual({ snapshot: bytes(8), snapshotStateVector: bytes(8), updates: [bytes(4)], lastSeq: 4 })
  })

  it.skipIf(!isPersistent)('keeps everything committed across a reopen (persistent stores only)', async () => {
    await s.storage.createBoard(openBoard('board-a', 5, bytes(1)))
    await s.storage.appendUpdates('board-a', [bytes(2), bytes(3)])
    await s.storage.compact('board-a', bytes(7), bytes(1, 2, 1), 2)
    const again = await s.reopen()
    expect(await again.getBoard('board-a')).toEqual({ id: 'board-a', createdAt: 5 })
    expect(await again.loadDoc('board-a')).toEqual({ snapshot: bytes(7), snapshotStateVector: bytes(1, 2, 1), updates: [bytes(3)], lastSeq: 3 })
    expect(await again.appendUpdates('board-a', [bytes(4)])).toBe(4)
  })

  it.skipIf(!isPersistent)('numbers appends after a reopen on from the stored log (persistent stores only)', async () => {
    await Promise.all([s.storage.appendUpdates('d', [bytes(1)]), s.storage.appendUpdates('d', [bytes(2), bytes(3)])])
    const again = await s.reopen()
    expect(await again.appendUpdates('d', [bytes(4)])).toBe(4)
    expect((await again.loadDoc('d')).updates).toEqual([bytes(1), bytes(2), bytes(3), bytes(4)])
  })
})

describe('memory storage', () => {
  it('refuses a workshop board, since it holds no workshops, and stores nothing of it', async () => {
    const storage = createMemoryStorage()
    await expect(storage.createBoard({ id: 'board-w', createdAt: 1, initialUpdate: bytes(1), workshop: { id: 'w1' } })).rejects.toThrow()
    expect(await storage.getBoard('board-w')).toBeNull()
    expect(await storage.loadDoc('board-w')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [], lastSeq: 0 })
    await storage.close()
  })
})

const link = (id: string, workshopId: string, createdAt = 1): InviteLink => ({ id, workshopId, role: 'participant', expiresAt: 10_000, revokedAt: null, createdAt })
const round = (id: string, workshopId: string, boardId: string): Round => ({
  id, workshopId, boardId, kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 2,
  isAnonymous: false, isHiddenUntilReveal: true, endsAt: null, state: 'closed', createdAt: 1,
})
const newWorkshopBoard = (id: string, workshopId: string, links: InviteLink[]): NewBoard => ({
  id, createdAt: 10, initialUpdate: bytes(1, 1),
  workshop: { id: workshopId, create: { workshop: { id: workshopId, title: 'Kuilu day', language: 'fi', createdAt: 10 }, links } },
})

describe.each(Object.keys(WORKSHOP_STORE_FIXTURES))('board creation is one transaction: %s', (name) => {
  const s = useFixture(WORKSHOP_STORE_FIXTURES[name])

  /** Everything a createBoard call could have left behind, read back through both stores. */
  const traces = async (boardId: string, workshopId: string, linkIds: string[]) => ({
    board: await s.storage.getBoard(boardId),
    doc: (await s.storage.loadDoc(boardId)).lastSeq,
    workshop: await s.workshops.getWorkshop(workshopId),
    boards: await s.workshops.listBoards(workshopId),
    membership: await s.workshops.workshopOfBoard(boardId),
    links: await Promise.all(linkIds.map((id) => s.workshops.getLink(id))),
    rounds: await s.workshops.listRounds(boardId),
  })
  const NOTHING = (linkCount: number) => ({ board: null, doc: 0, workshop: null, boards: [], membership: null, links: Array(linkCount).fill(null), rounds: [] })

  it('creates a new workshop with its links, the board, its membership and its first update together', async () => {
    await s.storage.createBoard(newWorkshopBoard('board-1', 'w1', [link('l1', 'w1', 1), link('l2', 'w1', 2)]))
    expect(await s.workshops.getWorkshop('w1')).toEqual({ id: 'w1', title: 'Kuilu day', language: 'fi', createdAt: 10 })
    expect((await s.workshops.listLinks('w1')).map((l) => l.id)).toEqual(['l1', 'l2'])
    expect(await s.workshops.listBoards('w1')).toEqual(['board-1'])
    expect(await s.workshops.workshopOfBoard('board-1')).toBe('w1')
    expect(await s.storage.loadDoc('board-1')).toMatchObject({ updates: [bytes(1, 1)], lastSeq: 1 })
    await s.storage.createBoard({ id: 'board-2', createdAt: 11, initialUpdate: null, workshop: { id: 'w1' } })
    expect(await s.workshops.listBoards('w1')).toEqual(['board-1', 'board-2'])
  })

  it('stores nothing when a link id already exists: no board, no workshop, no membership, no other link', async () => {
    await s.storage.createBoard(newWorkshopBoard('board-1', 'w1', [link('l1', 'w1')]))
    await expect(s.storage.createBoard(newWorkshopBoard('board-2', 'w2', [link('l2', 'w2'), link('l1', 'w2')]))).rejects.toThrow()
    expect(await traces('board-2', 'w2', ['l2'])).toEqual(NOTHING(1))
    expect((await s.workshops.getLink('l1'))?.workshopId).toBe('w1')
  })

  it('stores nothing when an imported round id repeats: no board, no membership, no round', async () => {
    await s.storage.createBoard(newWorkshopBoard('board-1', 'w1', []))
    const rounds = [{ round: round('r1', 'w1', 'board-3'), votes: [], scores: [] }, { round: round('r1', 'w1', 'board-3'), votes: [], scores: [] }]
    await expect(s.storage.createBoard({ id: 'board-3', createdAt: 12, initialUpdate: bytes(3), workshop: { id: 'w1', rounds } })).rejects.toThrow()
    const w1 = await s.workshops.getWorkshop('w1')
    expect(await traces('board-3', 'w1', [])).toEqual({ ...NOTHING(0), workshop: w1, boards: ['board-1'] })
    expect(await s.workshops.getRound('r1')).toBeNull()
  })

  it('stores nothing of a new workshop and its links when its imported rounds fail after the board is written', async () => {
    const board = newWorkshopBoard('board-4', 'w4', [link('l4', 'w4')])
    const rounds = [{ round: round('r4', 'w4', 'board-4'), votes: [], scores: [] }, { round: round('r4', 'w4', 'board-4'), votes: [], scores: [] }]
    await expect(s.storage.createBoard({ ...board, workshop: { ...board.workshop!, rounds } })).rejects.toThrow()
    expect(await traces('board-4', 'w4', ['l4'])).toEqual(NOTHING(1))
    expect(await s.workshops.getRound('r4')).toBeNull()
  })

  it('stores nothing of a new workshop when the board id already exists', async () => {
    await s.storage.createBoard(openBoard('board-1', 1, bytes(1)))
    await expect(s.storage.createBoard(newWorkshopBoard('board-1', 'w9', [link('l9', 'w9')]))).rejects.toThrow()
    expect(await traces('board-1', 'w9', ['l9'])).toEqual({ ...NOTHING(1), board: { id: 'board-1', createdAt: 1 }, doc: 1 })
    expect((await s.storage.loadDoc('board-1')).updates).toEqual([bytes(1)])
  })

  it('keeps a failed creation out across a reopen too (persistent stores only)', async () => {
    await expect(s.storage.createBoard(newWorkshopBoard('board-2', 'w2', [link('l2', 'w2'), link('l2', 'w2')]))).rejects.toThrow()
    await s.reopen()
    expect(await traces('board-2', 'w2', ['l2'])).toEqual(NOTHING(1))
  })
})
