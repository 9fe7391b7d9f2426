import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPostgresStore, type PostgresStore } from '../../server/storage/postgres/openPostgresStore.js'
import { COMPACTION_LOCK_KEY } from '../../server/storage/postgres/pgDocs.js'
import type { BallotInput } from '../../server/workshops/WorkshopStore.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import { createTestSchema, hasPostgres, withClient, type TestSchema } from '../helpers/postgres.js'

const HAS_POSTGRES = await hasPostgres()
const NOW = 1_000_000
const W = 'workshop-1'
const BOARD = 'board-1'

const round = (id: string, overrides: Partial<Round> = {}): Round => ({
  id, workshopId: W, boardId: BOARD, kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3,
  isAnonymous: false, isHiddenUntilReveal: true, endsAt: null, state: 'open', createdAt: NOW, ...overrides,
})
const ballot = (roundId: string, personId: string, cardId: string): BallotInput => ({ roundId, actor: { personId, role: 'participant' }, cardId, isCardInScope: true, now: NOW })
const bytes = (...values: number[]) => new Uint8Array(values)

/**
 * Two stores on one schema, each with its own pool: two server instances as
 * PostgreSQL sees them, sharing nothing but the database.
 */
describe.skipIf(!HAS_POSTGRES)('PostgreSQL store shared by two instances', () => {
  let schema: TestSchema
  let a: PostgresStore
  let b: PostgresStore
  beforeEach(async () => {
    schema = await createTestSchema()
    a = await openPostgresStore(schema.url)
    b = await openPostgresStore(schema.url)
    await a.docs.createBoard({
      id: BOARD, createdAt: NOW, initialUpdate: null,
      workshop: { id: W, create: { workshop: { id: W, title: 'Kuilu', language: 'fi', createdAt: NOW }, links: [] } },
    })
  })
  afterEach(async () => {
    await Promise.all([a.close(), b.close()])
    await schema.drop()
  })

  it('holds the vote budget: 20 voters, each firing 3× the budget at once over both instances, get exactly the budget', async () => {
    await a.workshops.createRound(round('r1', { votesPerPerson: 3, maxVotesPerCard: 3 }))
    const voters = Array.from({ length: 20 }, (_, i) => `voter-${i}`)
    // Each voter's ballots alternate between the instances, so one person's ballots race each other across pools.
    const results = await Promise.all(voters.flatMap((voter, v) => Array.from({ length: 9 }, (_, i) => ((v + i) % 2 === 0 ? a : b).workshops.castVote(ballot('r1', voter, `card-${i}`)))))
    const accepted = voters.map((_, v) => results.slice(v * 9, v * 9 + 9).filter((result) => result.ok).length)
    expect(accepted).toEqual(Array(20).fill(3))
    const votes = await b.workshops.listVotes('r1')
    const overBudget = voters.reduce((sum, voter) => sum + Math.max(0, votes.filter((vote) => vote.voterId === voter).length - 3), 0)
    expect({ votes: votes.length, overBudget }).toEqual({ votes: 60, overBudget: 0 })
  })

  it('holds the per-card cap across instances: 20 voters firing 3× the cap at one card get exactly the cap', async () => {
    await a.workshops.createRound(round('r1', { votesPerPerson: 10, maxVotesPerCard: 2 }))
    const voters = Array.from({ length: 20 }, (_, i) => `voter-${i}`)
    const results = await Promise.all(voters.flatMap((voter, v) => Array.from({ length: 6 }, (_, i) => ((v + i) % 2 === 0 ? a : b).workshops.castVote(ballot('r1', voter, 'hot-card')))))
    expect(results.filter((result) => result.ok)).toHaveLength(40)
    const votes = await a.workshops.listVotes('r1')
    expect(voters.map((voter) => votes.filter((vote) => vote.voterId === voter).length)).toEqual(Array(20).fill(2))
  })

  it('closes a round at its time limit exactly once when both instances hold the room and their timers fire together', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `timed-${i}`)
    for (const id of ids) await a.workshops.createRound(round(id, { endsAt: NOW }))
    const closes = await Promise.all(ids.flatMap((id) => [a, b, a, b].map((store) => store.workshops.closeRoundIfOpen(id).then((isMine) => ({ id, isMine })))))
    expect(ids.map((id) => closes.filter((close) => close.id === id && close.isMine).length)).toEqual(Array(10).fill(1))
  })

  it('numbers appends to one board from both instances without a gap or a repeat, each call\'s updates consecutive', async () => {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const updates = Array.from({ length: 1 + (i % 3) }, (_, k) => bytes(i, k))
      return { updates, last: (i % 2 === 0 ? a : b).docs.appendUpdates('shared', updates) }
    })
    const lasts = await Promise.all(calls.map((call) => call.last))
    const bySeq = new Map<number, Uint8Array>()
    calls.forEach((call, index) => call.updates.forEach((update, k) => bySeq.set(lasts[index] - call.updates.length + 1 + k, update)))
    const total = calls.reduce((sum, call) => sum + call.updates.length, 0)
    expect([...bySeq.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect((await a.docs.loadDoc('shared')).updates).toEqual([...bySeq.entries()].sort(([x], [y]) => x - y).map(([, update]) => update))
  })

  it('compacts one board from both instances at once: one snapshot wins, and no update after it is lost while appends go on', async () => {
    const written = new Map<number, Uint8Array>()
    const append = async (store: PostgresStore, n: number) => {
      const update = bytes(n % 256, n >> 8)
      written.set(await store.docs.appendUpdates('hot', [update]), update)
    }
    for (let n = 0; n < 50; n++) await append(n % 2 ? a : b, n)
    for (let turn = 1; turn <= 10; turn++) {
      const through = (await a.docs.loadDoc('hot')).lastSeq
      // Both instances fold the same point while both keep appending: the appends take numbers past `through`.
      const racing = Array.from({ length: 10 }, (_, i) => append(i % 2 ? a : b, 1000 + turn * 10 + i))
      const [byA, byB] = await Promise.all([a.docs.compact('hot', bytes(turn, 0xa), bytes(turn), through), b.docs.compact('hot', bytes(turn, 0xb), bytes(turn), through)])
      await Promise.all(racing)
      expect([byA, byB].filter(Boolean), `turn ${turn}`).toHaveLength(1)
      const stored = await b.docs.loadDoc('hot')
      expect(stored.snapshot).toEqual(bytes(turn, byA ? 0xa : 0xb))
      const after = [...written.entries()].filter(([seq]) => seq > through).sort(([x], [y]) => x - y)
      expect({ updates: stored.updates, lastSeq: stored.lastSeq }).toEqual({ updates: after.map(([, update]) => update), lastSeq: Math.max(...written.keys()) })
    }
  })

  it('skips a compaction while another instance holds the board\'s compaction lock, and changes nothing', async () => {
    await a.docs.appendUpdates('held', [bytes(1), bytes(2), bytes(3)])
    await withClient(schema, async (other) => {
      await other.query('BEGIN')
      await other.query(`SELECT pg_advisory_xact_lock(${COMPACTION_LOCK_KEY})`, ['held'])
      expect(await b.docs.compact('held', bytes(9), bytes(9), 2)).toBe(false)
      expect(await a.docs.compact('elsewhere', bytes(9), bytes(9), 0)).toBe(true)
      await other.query('COMMIT')
    })
    expect(await b.docs.loadDoc('held')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(1), bytes(2), bytes(3)], lastSeq: 3 })
    expect(await b.docs.compact('held', bytes(9), bytes(9), 2)).toBe(true)
  })

  it('gives boards created at once on both instances distinct places in their workshop\'s list', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `board-${i + 2}`)
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).docs.createBoard({ id, createdAt: NOW, initialUpdate: bytes(i), workshop: { id: W } })))
    const listed = await a.workshops.listBoards(W)
    expect([...listed].sort()).toEqual([BOARD, ...ids].sort())
    const positions = await withClient(schema, (client) => client.query<{ position: number }>('SELECT position FROM workshop_boards ORDER BY position'))
    expect(positions.rows.map((row) => row.position)).toEqual(Array.from({ length: 13 }, (_, i) => i))
  })
})
