import { checkScore } from '../../../shared/rules/scoring.js'
import { checkVote, checkWithdraw } from '../../../shared/rules/voting.js'
import type { Round, RoundScope, Score, Vote } from '../../../shared/rules/votingTypes.js'
import type { Result } from '../../../shared/result.js'
import type { BallotInput, InviteLink, Person, TimerState, Workshop, WorkshopBoard, WorkshopStore } from '../../workshops/WorkshopStore.js'
import type { ImportedRound, NewBoard } from '../DocStorage.js'
import { toLink, toPerson, toRound, toTimer, toWorkshop, type LinkRow, type PersonRow, type RoundRow, type TimerRow, type WorkshopRow } from '../workshopRows.js'
import type { PgPool, Queryable } from './createPgPool.js'

// Text is ordered byte by byte (COLLATE "C"), as SQLite orders it, whatever the database's locale.
const SQL = {
  insertWorkshop: 'INSERT INTO workshops (id, title, language, created_at) VALUES ($1, $2, $3, $4)',
  insertLink: 'INSERT INTO invite_links (id, workshop_id, role, expires_at, revoked_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
  insertRound: `INSERT INTO rounds (id, workshop_id, board_id, kind, scope, votes_per_person, max_votes_per_card, is_anonymous, is_hidden, ends_at, state, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  insertVote: 'INSERT INTO votes (round_id, voter_id, card_id, created_at) VALUES ($1, $2, $3, $4)',
  upsertScore: `INSERT INTO scores (round_id, voter_id, card_id, impact, effort) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (round_id, voter_id, card_id) DO UPDATE SET impact = EXCLUDED.impact, effort = EXCLUDED.effort`,
  countBallots: `SELECT COUNT(*) AS by_voter, COUNT(*) FILTER (WHERE card_id = $3) AS on_card FROM votes WHERE round_id = $1 AND voter_id = $2`,
} as const

const rowsOf = async <R extends object>(db: Queryable, text: string, values: unknown[]): Promise<R[]> => (await db.query(text, values)).rows as R[]
const firstOf = async <R extends object>(db: Queryable, text: string, values: unknown[]): Promise<R | null> => (await rowsOf<R>(db, text, values))[0] ?? null

const insertRound = (db: Queryable, r: Round) =>
  db.query(SQL.insertRound, [r.id, r.workshopId, r.boardId, r.kind, JSON.stringify(r.scope satisfies RoundScope), r.votesPerPerson, r.maxVotesPerCard, r.isAnonymous, r.isHiddenUntilReveal, r.endsAt, r.state, r.createdAt])

/**
 * Reads a round and locks its row for the rest of the transaction. Every vote
 * and withdrawal of a round takes it, so ballots of one round take turns
 * across all instances: the counts a ballot is checked against cannot change
 * before it commits. A score takes it shared, only to see the round's state.
 */
async function lockRound(db: Queryable, id: string, mode: 'UPDATE' | 'SHARE'): Promise<Round | null> {
  const row = await firstOf<RoundRow>(db, `SELECT * FROM rounds WHERE id = $1 FOR ${mode}`, [id])
  return row && toRound(row)
}

async function countBallots(db: Queryable, input: BallotInput): Promise<{ byVoter: number; onCard: number }> {
  const row = (await firstOf<{ by_voter: number; on_card: number }>(db, SQL.countBallots, [input.roundId, input.actor.personId, input.cardId]))!
  return { byVoter: row.by_voter, onCard: row.on_card }
}

/** The workshop half of the PostgreSQL store: every ballot checked by the shared rules inside its transaction (DESIGN.md invariant 2). */
export function createPgWorkshops(pool: PgPool): WorkshopStore & { addBoard(db: Queryable, board: NewBoard): Promise<void> } {
  const run = async (text: string, values: unknown[]): Promise<void> => void (await pool.query(text, values))
  const importRounds = async (db: Queryable, rounds: readonly ImportedRound[], at: number): Promise<void> => {
    for (const { round, votes, scores } of rounds) {
      await insertRound(db, round)
      for (const vote of votes) await db.query(SQL.insertVote, [round.id, vote.voterId, vote.cardId, at])
      for (const score of scores) await db.query(SQL.upsertScore, [round.id, score.voterId, score.cardId, score.impact, score.effort])
    }
  }
  return {
    /**
     * The workshop part of `createBoard`, inside its transaction: creates the
     * workshop with its links, or locks the existing one so boards created at
     * once on two instances take distinct places in its list.
     */
    async addBoard(db, { id, createdAt, workshop }) {
      if (!workshop) return
      const create = workshop.create
      if (create) {
        const w = create.workshop
        await db.query(SQL.insertWorkshop, [w.id, w.title, w.language, w.createdAt])
        for (const l of create.links) await db.query(SQL.insertLink, [l.id, l.workshopId, l.role, l.expiresAt, l.revokedAt, l.createdAt])
      } else if (!(await firstOf(db, 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshop.id]))) {
        throw new Error(`there is no workshop ${workshop.id}`)
      }
      await db.query('INSERT INTO workshop_boards (board_id, workshop_id, position) SELECT $1, $2, COUNT(*) FROM workshop_boards WHERE workshop_id = $2', [id, workshop.id])
      if (workshop.rounds) await importRounds(db, workshop.rounds, createdAt)
    },
    async getWorkshop(id) {
      const row = await firstOf<WorkshopRow>(pool, 'SELECT * FROM workshops WHERE id = $1', [id])
      return row && toWorkshop(row)
    },
    listBoards: async (workshopId) =>
      (await rowsOf<{ board_id: string }>(pool, 'SELECT board_id FROM workshop_boards WHERE workshop_id = $1 ORDER BY position', [workshopId])).map((row) => row.board_id),
    listWorkshopBoards: (workshopId) => rowsOf<WorkshopBoard>(pool, 'SELECT board_id AS id, name FROM workshop_boards WHERE workshop_id = $1 ORDER BY position', [workshopId]),
    renameBoard: (boardId, name) => run('UPDATE workshop_boards SET name = $1 WHERE board_id = $2', [name, boardId]),
    getShownRound: async (boardId) =>
      (await firstOf<{ shown_round_id: string | null }>(pool, 'SELECT shown_round_id FROM workshop_boards WHERE board_id = $1', [boardId]))?.shown_round_id ?? null,
    setShownRound: (boardId, roundId) => run('UPDATE workshop_boards SET shown_round_id = $1 WHERE board_id = $2', [roundId, boardId]),
    workshopOfBoard: async (boardId) =>
      (await firstOf<{ workshop_id: string }>(pool, 'SELECT workshop_id FROM workshop_boards WHERE board_id = $1', [boardId]))?.workshop_id ?? null,
    createLink: (l: InviteLink) => run(SQL.insertLink, [l.id, l.workshopId, l.role, l.expiresAt, l.revokedAt, l.createdAt]),
    async getLink(id) {
      const row = await firstOf<LinkRow>(pool, 'SELECT * FROM invite_links WHERE id = $1', [id])
      return row && toLink(row)
    },
    listLinks: async (workshopId) => (await rowsOf<LinkRow>(pool, 'SELECT * FROM invite_links WHERE workshop_id = $1 ORDER BY created_at, id COLLATE "C"', [workshopId])).map(toLink),
    revokeLink: (id, at) => run('UPDATE invite_links SET revoked_at = $1 WHERE id = $2', [at, id]),
    setLinkExpiry: (id, expiresAt) => run('UPDATE invite_links SET expires_at = $1 WHERE id = $2', [expiresAt, id]),
    setBoardLocked: (boardId, isLocked) =>
      run('INSERT INTO board_locks (board_id, is_locked) VALUES ($1, $2) ON CONFLICT (board_id) DO UPDATE SET is_locked = EXCLUDED.is_locked', [boardId, isLocked]),
    isBoardLocked: async (boardId) => (await firstOf<{ is_locked: boolean }>(pool, 'SELECT is_locked FROM board_locks WHERE board_id = $1', [boardId]))?.is_locked === true,
    savePerson: (p: Person) =>
      run(
        `INSERT INTO people (id, workshop_id, name, color, role) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workshop_id, id) DO UPDATE SET name = EXCLUDED.name, color = EXCLUDED.color, role = EXCLUDED.role`,
        [p.id, p.workshopId, p.name, p.color, p.role],
      ),
    listPeople: async (workshopId) => (await rowsOf<PersonRow>(pool, 'SELECT * FROM people WHERE workshop_id = $1 ORDER BY name COLLATE "C", id COLLATE "C"', [workshopId])).map(toPerson),
    saveTimer: (t: TimerState) =>
      run(
        `INSERT INTO timers (board_id, is_running, ends_at, remaining_ms, has_sound) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (board_id) DO UPDATE SET is_running = EXCLUDED.is_running, ends_at = EXCLUDED.ends_at, remaining_ms = EXCLUDED.remaining_ms, has_sound = EXCLUDED.has_sound`,
        [t.boardId, t.isRunning, t.endsAt, t.remainingMs, t.hasSound],
      ),
    async getTimer(boardId) {
      const row = await firstOf<TimerRow>(pool, 'SELECT * FROM timers WHERE board_id = $1', [boardId])
      return row && toTimer(row)
    },
    createRound: async (round) => void (await insertRound(pool, round)),
    async getRound(id) {
      const row = await firstOf<RoundRow>(pool, 'SELECT * FROM rounds WHERE id = $1', [id])
      return row && toRound(row)
    },
    listRounds: async (boardId) => (await rowsOf<RoundRow>(pool, 'SELECT * FROM rounds WHERE board_id = $1 ORDER BY created_at, id COLLATE "C"', [boardId])).map(toRound),
    setRoundState: (id, state) => run('UPDATE rounds SET state = $1 WHERE id = $2', [state, id]),
    // One conditional UPDATE: a second closer, on this instance or another, waits for the first and then matches no row.
    closeRoundIfOpen: async (id) => (await pool.query("UPDATE rounds SET state = 'closed' WHERE id = $1 AND state <> 'closed'", [id])).rowCount === 1,
    castVote: (input: BallotInput): Promise<Result<Vote>> =>
      pool.transaction(async (db) => {
        const { roundId, actor, cardId } = input
        const round = await lockRound(db, roundId, 'UPDATE')
        const counts = round ? await countBallots(db, input) : { byVoter: 0, onCard: 0 }
        // The card cap is per person: how many of one person's votes may sit on one card (dot-voting practice).
        const checked = checkVote({ round, actor, cardId, isCardInScope: input.isCardInScope, votesByActor: counts.byVoter, votesOnCard: counts.onCard, now: input.now })
        if (!checked.ok) return checked
        await db.query(SQL.insertVote, [roundId, actor.personId, cardId, input.now])
        return { ok: true, value: { roundId, voterId: actor.personId, cardId } }
      }),
    withdrawVote: (input: BallotInput): Promise<Result<Vote>> =>
      pool.transaction(async (db) => {
        const { roundId, actor, cardId } = input
        const round = await lockRound(db, roundId, 'UPDATE')
        const counts = round ? await countBallots(db, input) : { byVoter: 0, onCard: 0 }
        const checked = checkWithdraw({ round, actor, votesByActorOnCard: counts.onCard, now: input.now })
        if (!checked.ok) return checked
        await db.query(
          'DELETE FROM votes WHERE id = (SELECT id FROM votes WHERE round_id = $1 AND voter_id = $2 AND card_id = $3 ORDER BY id DESC LIMIT 1)',
          [roundId, actor.personId, cardId],
        )
        return { ok: true, value: { roundId, voterId: actor.personId, cardId } }
      }),
    saveScore: (input): Promise<Result<Score>> =>
      pool.transaction(async (db) => {
        const { roundId, actor, cardId, impact, effort } = input
        const round = await lockRound(db, roundId, 'SHARE')
        const checked = checkScore({ round, actor, cardId, isCardInScope: input.isCardInScope, impact, effort, now: input.now })
        if (!checked.ok) return checked
        await db.query(SQL.upsertScore, [roundId, actor.personId, cardId, impact, effort])
        return { ok: true, value: { roundId, voterId: actor.personId, cardId, impact, effort } }
      }),
    listVotes: async (roundId) =>
      (await rowsOf<{ voter_id: string; card_id: string }>(pool, 'SELECT voter_id, card_id FROM votes WHERE round_id = $1 ORDER BY id', [roundId])).map((row) => ({
        roundId,
        voterId: row.voter_id,
        cardId: row.card_id,
      })),
    listScores: async (roundId) =>
      (
        await rowsOf<{ voter_id: string; card_id: string; impact: Score['impact']; effort: Score['effort'] }>(
          pool,
          'SELECT voter_id, card_id, impact, effort FROM scores WHERE round_id = $1 ORDER BY voter_id COLLATE "C", card_id COLLATE "C"',
          [roundId],
        )
      ).map((row) => ({ roundId, voterId: row.voter_id, cardId: row.card_id, impact: row.impact, effort: row.effort })),
  }
}
