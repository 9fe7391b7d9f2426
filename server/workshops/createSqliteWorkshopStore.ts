import Database from 'better-sqlite3'
import { checkVote, checkWithdraw } from '../../shared/rules/voting.js'
import { checkScore } from '../../shared/rules/scoring.js'
import type { Round, RoundScope, Score, Vote } from '../../shared/rules/votingTypes.js'
import type { InviteLink, Person, TimerState, Workshop, WorkshopStore } from './WorkshopStore.js'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS workshop_boards (board_id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, position INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS invite_links (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, role TEXT NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS board_locks (board_id TEXT PRIMARY KEY, is_locked INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS people (id TEXT NOT NULL, workshop_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (workshop_id, id));
  CREATE TABLE IF NOT EXISTS timers (board_id TEXT PRIMARY KEY, is_running INTEGER NOT NULL, ends_at INTEGER, remaining_ms INTEGER NOT NULL, has_sound INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS rounds (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, board_id TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL,
    votes_per_person INTEGER NOT NULL, max_votes_per_card INTEGER NOT NULL, is_anonymous INTEGER NOT NULL, is_hidden INTEGER NOT NULL,
    ends_at INTEGER, state TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS votes (id INTEGER PRIMARY KEY AUTOINCREMENT, round_id TEXT NOT NULL, voter_id TEXT NOT NULL, card_id TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS votes_by_round ON votes (round_id, voter_id, card_id);
  CREATE TABLE IF NOT EXISTS scores (round_id TEXT NOT NULL, voter_id TEXT NOT NULL, card_id TEXT NOT NULL, impact INTEGER NOT NULL, effort TEXT NOT NULL,
    PRIMARY KEY (round_id, voter_id, card_id));
`

interface RoundRow {
  id: string
  workshop_id: string
  board_id: string
  kind: Round['kind']
  scope: string
  votes_per_person: number
  max_votes_per_card: number
  is_anonymous: number
  is_hidden: number
  ends_at: number | null
  state: Round['state']
  created_at: number
}

const toRound = (row: RoundRow): Round => ({
  id: row.id,
  workshopId: row.workshop_id,
  boardId: row.board_id,
  kind: row.kind,
  scope: JSON.parse(row.scope) as RoundScope,
  votesPerPerson: row.votes_per_person,
  maxVotesPerCard: row.max_votes_per_card,
  isAnonymous: row.is_anonymous === 1,
  isHiddenUntilReveal: row.is_hidden === 1,
  endsAt: row.ends_at,
  state: row.state,
  createdAt: row.created_at,
})

/** The workshop store in the same SQLite file as the boards (its own connection; WAL lets both write). */
export function createSqliteWorkshopStore(file: string): WorkshopStore {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  const q = prepareQueries(db)

  const getRound = (id: string): Round | null => {
    const row = q.selectRound.get(id) as RoundRow | undefined
    return row ? toRound(row) : null
  }
  const cast = db.transaction((input: Parameters<WorkshopStore['castVote']>[0]) => {
    const round = getRound(input.roundId)
    const votesByActor = (q.countByVoter.get(input.roundId, input.actor.personId) as { n: number }).n
    // The card cap is per person: how many of one person's votes may sit on one card (dot-voting practice).
    const votesOnCard = (q.countByVoterOnCard.get(input.roundId, input.actor.personId, input.cardId) as { n: number }).n
    const checked = checkVote({ round, actor: input.actor, cardId: input.cardId, isCardInScope: input.isCardInScope, votesByActor, votesOnCard, now: input.now })
    if (!checked.ok) return checked
    q.insertVote.run(input.roundId, input.actor.personId, input.cardId, input.now)
    return { ok: true as const, value: { roundId: input.roundId, voterId: input.actor.personId, cardId: input.cardId } }
  })
  const withdraw = db.transaction((input: Parameters<WorkshopStore['withdrawVote']>[0]) => {
    const round = getRound(input.roundId)
    const votesByActorOnCard = (q.countByVoterOnCard.get(input.roundId, input.actor.personId, input.cardId) as { n: number }).n
    const checked = checkWithdraw({ round, actor: input.actor, votesByActorOnCard, now: input.now })
    if (!checked.ok) return checked
    q.deleteOneVote.run(input.roundId, input.actor.personId, input.cardId)
    return { ok: true as const, value: { roundId: input.roundId, voterId: input.actor.personId, cardId: input.cardId } }
  })
  const score = db.transaction((input: Parameters<WorkshopStore['saveScore']>[0]) => {
    const round = getRound(input.roundId)
    const checked = checkScore({ round, actor: input.actor, cardId: input.cardId, isCardInScope: input.isCardInScope, impact: input.impact, effort: input.effort, now: input.now })
    if (!checked.ok) return checked
    q.upsertScore.run(input.roundId, input.actor.personId, input.cardId, input.impact, input.effort)
    const value: Score = { roundId: input.roundId, voterId: input.actor.personId, cardId: input.cardId, impact: input.impact, effort: input.effort }
    return { ok: true as const, value }
  })

  const insertRound = (r: Round) =>
    q.insertRound.run(r.id, r.workshopId, r.boardId, r.kind, JSON.stringify(r.scope), r.votesPerPerson, r.maxVotesPerCard, r.isAnonymous ? 1 : 0, r.isHiddenUntilReveal ? 1 : 0, r.endsAt, r.state, r.createdAt)
  const importRounds = db.transaction((rounds: Parameters<WorkshopStore['importRounds']>[0], at: number) => {
    for (const { round: r, votes, scores } of rounds) {
      insertRound(r)
      for (const vote of votes) q.insertVote.run(r.id, vote.voterId, vote.cardId, at)
      for (const score of scores) q.upsertScore.run(r.id, score.voterId, score.cardId, score.impact, score.effort)
    }
  })

  return {
    async createWorkshop(w: Workshop) {
      q.insertWorkshop.run(w.id, w.title, w.language, w.createdAt)
    },
    async getWorkshop(id) {
      const row = q.selectWorkshop.get(id) as { id: string; title: string; language: 'en' | 'fi'; created_at: number } | undefined
      return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at } : null
    },
    async addBoard(workshopId, boardId, position) {
      q.insertBoard.run(boardId, workshopId, position)
    },
    async listBoards(workshopId) {
      return (q.selectBoards.all(workshopId) as { board_id: string }[]).map((row) => row.board_id)
    },
    async workshopOfBoard(boardId) {
      return (q.selectBoardWorkshop.get(boardId) as { workshop_id: string } | undefined)?.workshop_id ?? null
    },
    async createLink(link: InviteLink) {
      q.insertLink.run(link.id, link.workshopId, link.role, link.expiresAt, link.revokedAt, link.createdAt)
    },
    async getLink(id) {
      const row = q.selectLink.get(id) as LinkRow | undefined
      return row ? toLink(row) : null
    },
    async listLinks(workshopId) {
      return (q.selectLinks.all(workshopId) as LinkRow[]).map(toLink)
    },
    async revokeLink(id, at) {
      q.revokeLink.run(at, id)
    },
    async setLinkExpiry(id, expiresAt) {
      q.setLinkExpiry.run(expiresAt, id)
    },
    async setBoardLocked(boardId, isLocked) {
      q.upsertLock.run(boardId, isLocked ? 1 : 0)
    },
    async isBoardLocked(boardId) {
      return (q.selectLock.get(boardId) as { is_locked: number } | undefined)?.is_locked === 1
    },
    async savePerson(p: Person) {
      q.upsertPerson.run(p.id, p.workshopId, p.name, p.color, p.role)
    },
    async listPeople(workshopId) {
      return (q.selectPeople.all(workshopId) as { id: string; workshop_id: string; name: string; color: string; role: Person['role'] }[]).map((row) => ({
        id: row.id,
        workshopId: row.workshop_id,
        name: row.name,
        color: row.color,
        role: row.role,
      }))
    },
    async saveTimer(t: TimerState) {
      q.upsertTimer.run(t.boardId, t.isRunning ? 1 : 0, t.endsAt, t.remainingMs, t.hasSound ? 1 : 0)
    },
    async getTimer(boardId) {
      const row = q.selectTimer.get(boardId) as { board_id: string; is_running: number; ends_at: number | null; remaining_ms: number; has_sound: number } | undefined
      return row ? { boardId: row.board_id, isRunning: row.is_running === 1, endsAt: row.ends_at, remainingMs: row.remaining_ms, hasSound: row.has_sound === 1 } : null
    },
    async createRound(r: Round) {
      insertRound(r)
    },
    async getRound(id) {
      return getRound(id)
    },
    async listRounds(boardId) {
      return (q.selectRounds.all(boardId) as RoundRow[]).map(toRound)
    },
    async setRoundState(id, state) {
      q.setRoundState.run(state, id)
    },
    async castVote(input) {
      return cast(input)
    },
    async withdrawVote(input) {
      return withdraw(input)
    },
    async saveScore(input) {
      return score(input)
    },
    async listVotes(roundId) {
      return (q.selectVotes.all(roundId) as { voter_id: string; card_id: string }[]).map((row): Vote => ({ roundId, voterId: row.voter_id, cardId: row.card_id }))
    },
    async importRounds(rounds, at) {
      importRounds(rounds, at)
    },
    async listScores(roundId) {
      return (q.selectScores.all(roundId) as { voter_id: string; card_id: string; impact: Score['impact']; effort: Score['effort'] }[]).map(
        (row): Score => ({ roundId, voterId: row.voter_id, cardId: row.card_id, impact: row.impact, effort: row.effort }),
      )
    },
    async close() {
      db.close()
    },
  }
}

interface LinkRow {
  id: string
  workshop_id: string
  role: InviteLink['role']
  expires_at: number
  revoked_at: number | null
  created_at: number
}

const toLink = (row: LinkRow): InviteLink => ({
  id: row.id,
  workshopId: row.workshop_id,
  role: row.role,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
})

function prepareQueries(db: Database.Database) {
  return {
    insertWorkshop: db.prepare('INSERT INTO workshops (id, title, language, created_at) VALUES (?, ?, ?, ?)'),
    selectWorkshop: db.prepare('SELECT * FROM workshops WHERE id = ?'),
    insertBoard: db.prepare('INSERT INTO workshop_boards (board_id, workshop_id, position) VALUES (?, ?, ?)'),
    selectBoards: db.prepare('SELECT board_id FROM workshop_boards WHERE workshop_id = ? ORDER BY position'),
    selectBoardWorkshop: db.prepare('SELECT workshop_id FROM workshop_boards WHERE board_id = ?'),
    insertLink: db.prepare('INSERT INTO invite_links (id, workshop_id, role, expires_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    selectLink: db.prepare('SELECT * FROM invite_links WHERE id = ?'),
    selectLinks: db.prepare('SELECT * FROM invite_links WHERE workshop_id = ? ORDER BY created_at'),
    revokeLink: db.prepare('UPDATE invite_links SET revoked_at = ? WHERE id = ?'),
    setLinkExpiry: db.prepare('UPDATE invite_links SET expires_at = ? WHERE id = ?'),
    upsertLock: db.prepare('INSERT INTO board_locks (board_id, is_locked) VALUES (?, ?) ON CONFLICT (board_id) DO UPDATE SET is_locked = excluded.is_locked'),
    selectLock: db.prepare('SELECT is_locked FROM board_locks WHERE board_id = ?'),
    upsertPerson: db.prepare(
      'INSERT INTO people (id, workshop_id, name, color, role) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop_id, id) DO UPDATE SET name = excluded.name, color = excluded.color, role = excluded.role',
    ),
    selectPeople: db.prepare('SELECT * FROM people WHERE workshop_id = ? ORDER BY name'),
    upsertTimer: db.prepare(
      `INSERT INTO timers (board_id, is_running, ends_at, remaining_ms, has_sound) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET is_running = excluded.is_running, ends_at = excluded.ends_at, remaining_ms = excluded.remaining_ms, has_sound = excluded.has_sound`,
    ),
    selectTimer: db.prepare('SELECT * FROM timers WHERE board_id = ?'),
    insertRound: db.prepare(
      `INSERT INTO rounds (id, workshop_id, board_id, kind, scope, votes_per_person, max_votes_per_card, is_anonymous, is_hidden, ends_at, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    selectRound: db.prepare('SELECT * FROM rounds WHERE id = ?'),
    selectRounds: db.prepare('SELECT * FROM rounds WHERE board_id = ? ORDER BY created_at'),
    setRoundState: db.prepare('UPDATE rounds SET state = ? WHERE id = ?'),
    countByVoter: db.prepare('SELECT COUNT(*) AS n FROM votes WHERE round_id = ? AND voter_id = ?'),
    countByVoterOnCard: db.prepare('SELECT COUNT(*) AS n FROM votes WHERE round_id = ? AND voter_id = ? AND card_id = ?'),
    insertVote: db.prepare('INSERT INTO votes (round_id, voter_id, card_id, created_at) VALUES (?, ?, ?, ?)'),
    deleteOneVote: db.prepare('DELETE FROM votes WHERE id = (SELECT id FROM votes WHERE round_id = ? AND voter_id = ? AND card_id = ? ORDER BY id DESC LIMIT 1)'),
    selectVotes: db.prepare('SELECT voter_id, card_id FROM votes WHERE round_id = ? ORDER BY id'),
    upsertScore: db.prepare(
      'INSERT INTO scores (round_id, voter_id, card_id, impact, effort) VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id, voter_id, card_id) DO UPDATE SET impact = excluded.impact, effort = excluded.effort',
    ),
    selectScores: db.prepare('SELECT voter_id, card_id, impact, effort FROM scores WHERE round_id = ? ORDER BY voter_id, card_id'),
  }
}
