import type Database from 'better-sqlite3'

/** Every prepared statement of the workshop store. */
export function prepareWorkshopQueries(db: Database.Database) {
  return {
    insertWorkshop: db.prepare('INSERT INTO workshops (id, title, language, created_at) VALUES (?, ?, ?, ?)'),
    selectWorkshop: db.prepare('SELECT * FROM workshops WHERE id = ?'),
    insertBoard: db.prepare('INSERT INTO workshop_boards (board_id, workshop_id, position) VALUES (?, ?, ?)'),
    countBoards: db.prepare('SELECT COUNT(*) AS n FROM workshop_boards WHERE workshop_id = ?'),
    selectBoards: db.prepare('SELECT board_id FROM workshop_boards WHERE workshop_id = ? ORDER BY position'),
    selectBoardWorkshop: db.prepare('SELECT workshop_id FROM workshop_boards WHERE board_id = ?'),
    selectWorkshopBoards: db.prepare('SELECT board_id AS id, name FROM workshop_boards WHERE workshop_id = ? ORDER BY position'),
    renameBoard: db.prepare('UPDATE workshop_boards SET name = ? WHERE board_id = ?'),
    selectShownRound: db.prepare('SELECT shown_round_id FROM workshop_boards WHERE board_id = ?'),
    setShownRound: db.prepare('UPDATE workshop_boards SET shown_round_id = ? WHERE board_id = ?'),
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
    closeOpenRound: db.prepare("UPDATE rounds SET state = 'closed' WHERE id = ? AND state != 'closed'"),
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
