import type Database from 'better-sqlite3'

/** One step of the schema: run once, in order, inside a transaction; `PRAGMA user_version` records the last one run. */
export interface Migration {
  version: number
  description: string
  up(db: Database.Database): void
}

/**
 * The SQLite schema, oldest first. A file from before versioned migations
 * (user_version 0) may already hold the tables of version 1, so version 1
 * creates only what is missing and adds the snapshot's state vector column
 * to files that lack it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'boards, update log, snapshots; workshops, links, people, locks, timers, rounds, votes, scores',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS doc_snapshots (board_id TEXT PRIMARY KEY, snapshot BLOB NOT NULL, through_seq INTEGER NOT NULL, state_vector BLOB);
        CREATE TABLE IF NOT EXISTS doc_updates (board_id TEXT NOT NULL, seq INTEGER NOT NULL, update_data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
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
      `)
      const columns = db.prepare('PRAGMA table_info(doc_snapshots)').all() as { name: string }[]
      if (!columns.some((column) => column.name === 'state_vector')) db.exec('ALTER TABLE doc_snapshots ADD COLUMN state_vector BLOB')
    },
  },
  {
    version: 2,
    description: 'index of a workshop board list and of rounds by board',
    up(db) {
      db.exec(`
        CREATE INDEX IF NOT EXISTS workshop_boards_by_workshop ON workshop_boards (workshop_id, position);
        CREATE INDEX IF NOT EXISTS rounds_by_board ON rounds (board_id, created_at);
        CREATE INDEX IF NOT EXISTS links_by_workshop ON invite_links (workshop_id, created_at);
      `)
    },
  },
  {
    version: 3,
    description: "workshop boards' names, and the voting round whose results each board shows",
    up(db) {
      db.exec(`
        ALTER TABLE workshop_boards ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE workshop_boards ADD COLUMN shown_round_id TEXT;
      `)
    },
  },
  {
    version: 4,
    description: 'the update log as one append-only table: a commit writes its last page or two, not a B-tree leaf per board',
    up(db) {
      db.exec(`
        CREATE TABLE doc_log (id INTEGER PRIMARY KEY, board_id TEXT NOT NULL, seq INTEGER NOT NULL, update_data BLOB NOT NULL);
        INSERT INTO doc_log (board_id, seq, update_data) SELECT board_id, seq, update_data FROM doc_updates ORDER BY board_id, seq;
        DROP TABLE doc_updates;
      `)
    },
  },
]
