import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, type Migration } from '../../server/db/migrations.js'
import { openSqliteDatabase, schemaVersion } from '../../server/db/openSqliteDatabase.js'
import { openSqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
import type { StorageThreadKind } from '../../server/storage/sqlite/storageThread.js'

const LATEST = MIGRATIONS.at(-1)!.version

/**
 * The schema the server wrote before versioned migrations (user_version 0),
 * as it stood before the snapshot's state vector was kept: written out here
 * by hand so the test does not depend on today's code to produce an old file.
 */
const PRE_MIGRATION_SCHEMA = `
  CREATE TABLE boards (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
  CREATE TABLE doc_snapshots (board_id TEXT PRIMARY KEY, snapshot BLOB NOT NULL, through_seq INTEGER NOT NULL);
  CREATE TABLE doc_updates (board_id TEXT NOT NULL, seq INTEGER NOT NULL, update_data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
  CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE workshop_boards (board_id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, position INTEGER NOT NULL);
  CREATE TABLE invite_links (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, role TEXT NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER, created_at INTEGER NOT NULL);
  CREATE TABLE board_locks (board_id TEXT PRIMARY KEY, is_locked INTEGER NOT NULL);
  CREATE TABLE people (id TEXT NOT NULL, workshop_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (workshop_id, id));
  CREATE TABLE timers (board_id TEXT PRIMARY KEY, is_running INTEGER NOT NULL, ends_at INTEGER, remaining_ms INTEGER NOT NULL, has_sound INTEGER NOT NULL);
  CREATE TABLE rounds (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, board_id TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL,
    votes_per_person INTEGER NOT NULL, max_votes_per_card INTEGER NOT NULL, is_anonymous INTEGER NOT NULL, is_hidden INTEGER NOT NULL,
    ends_at INTEGER, state TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE votes (id INTEGER PRIMARY KEY AUTOINCREMENT, round_id TEXT NOT NULL, voter_id TEXT NOT NULL, card_id TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX votes_by_round ON votes (round_id, voter_id, card_id);
  CREATE TABLE scores (round_id TEXT NOT NULL, voter_id TEXT NOT NULL, card_id TEXT NOT NULL, impact INTEGER NOT NULL, effort TEXT NOT NULL, PRIMARY KEY (round_id, voter_id, card_id));
  INSERT INTO boards VALUES ('old-board', 111), ('old-open', 222);
  INSERT INTO doc_snapshots VALUES ('old-board', x'0102', 2);
  INSERT INTO doc_updates VALUES ('old-board', 3, x'03'), ('old-open', 1, x'0a'), ('old-open', 2, x'0b');
  INSERT INTO workshops VALUES ('old-workshop', 'Vanha', 'fi', 100);
  INSERT INTO workshop_boards VALUES ('old-board', 'old-workshop', 0);
  INSERT INTO invite_links VALUES ('old-link', 'old-workshop', 'participant', 9999, NULL, 100);
  INSERT INTO rounds VALUES ('old-round', 'old-workshop', 'old-board', 'vote', '{"kind":"all-elevators"}', 3, 2, 0, 1, NULL, 'closed', 100);
  INSERT INTO votes (round_id, voter_id, card_id, created_at) VALUES ('old-round', 'p1', 'card-a', 100);
`

const columnsOf = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name)
const tablesOf = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name)
/** Reads a file's version and tables with a connection of its own, so nothing the code under test holds open is trusted. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    return { version: schemaVersion(db), tables: tablesOf(db), snapshotColumns: columnsOf(db, 'doc_snapshots') }
  } finally {
    db.close()
  }
}

describe('SQLite schema migrations', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kuilu-migrations-'))
    file = join(dir, 'kuilu.sqlite')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('numbers the migrations 1, 2, … with no gap, so user_version names exactly what ran', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
  })

  it('brings a fresh file to the latest user_version with every table', () => {
    openSqliteDatabase(file).close()
    const after = inspect(file)
    expect(after.version).toBe(LATEST)
    expect(after.tables).toEqual(expect.arrayContaining(['boards', 'doc_snapshots', 'doc_log', 'workshops', 'invite_links', 'rounds', 'votes', 'scores']))
    expect(after.snapshotColumns).toContain('state_vector')
  })

  it('opens an already migrated file again without running anything twice', () => {
    openSqliteDatabase(file).close()
    const ran: number[] = []
    const watched = MIGRATIONS.map((migration): Migration => ({ ...migration, up: (db) => (ran.push(migration.version), migration.up(db)) }))
    openSqliteDatabase(file, watched).close()
    expect(ran).toEqual([])
  })

  it.each<StorageThreadKind>(['worker', 'main'])('upgrades a pre-migration file (user_version 0, no state_vector column) and keeps its rows: %s thread', async (thread) => {
    const old = new Database(file)
    old.exec(PRE_MIGRATION_SCHEMA)
    old.close()
    expect(inspect(file)).toMatchObject({ version: 0 })
    expect(inspect(file).snapshotColumns).not.toContain('state_vector')

    const store = await openSqliteStore(file, { thread })
    try {
      expect(await store.docs.getBoard('old-board')).toEqual({ id: 'old-board', createdAt: 111 })
      expect(await store.docs.loadDoc('old-board')).toEqual({ snapshot: new Uint8Array([1, 2]), snapshotStateVector: null, updates: [new Uint8Array([3])], lastSeq: 3 })
      expect(await store.docs.loadDoc('old-open')).toMatchObject({ updates: [new Uint8Array([10]), new Uint8Array([11])], lastSeq: 2 })
      expect(await store.docs.appendUpdates('old-open', [new Uint8Array([12])])).toBe(3)
      expect(await store.workshops.listBoards('old-workshop')).toEqual(['old-board'])
      expect(await store.workshops.listWorkshopBoards('old-workshop')).toEqual([{ id: 'old-board', name: '' }])
      expect(await store.workshops.getShownRound('old-board')).toBeNull()
      expect((await store.workshops.getLink('old-link'))?.workshopId).toBe('old-workshop')
      expect((await store.workshops.getRound('old-round'))?.scope).toEqual({ kind: 'all-elevators' })
      expect(await store.workshops.listVotes('old-round')).toEqual([{ roundId: 'old-round', voterId: 'p1', cardId: 'card-a' }])
      await store.docs.compact('old-board', new Uint8Array([9]), new Uint8Array([0]), 3)
      expect((await store.docs.loadDoc('old-board')).snapshotStateVector).toEqual(new Uint8Array([0]))
    } finally {
      await store.close()
    }
    const after = inspect(file)
    expect(after.version).toBe(LATEST)
    expect(after.snapshotColumns).toContain('state_vector')
  })

  it('refuses a file at a newer version than the server knows, and leaves it as it was', () => {
    openSqliteDatabase(file).close()
    const newer = new Database(file)
    newer.pragma(`user_version = ${LATEST + 5}`)
    newer.close()
    expect(() => openSqliteDatabase(file)).toThrow(new RegExp(`schema version ${LATEST + 5}.*newer than this server's ${LATEST}`))
    expect(inspect(file).version).toBe(LATEST + 5)
  })

  it.each<StorageThreadKind>(['worker', 'main'])('refuses a newer file through openSqliteStore with the same clear error, without hanging: %s thread', { timeout: 10_000 }, async (thread) => {
    openSqliteDatabase(file).close()
    const newer = new Database(file)
    newer.pragma(`user_version = ${LATEST + 1}`)
    newer.close()
    await expect(openSqliteStore(file, { thread })).rejects.toThrow(/newer than this server's/)
  })

  it('leaves user_version and the schema unchanged when a migration throws', () => {
    const custom: Migration[] = [
      { version: 1, description: 'a table', up: (db) => db.exec('CREATE TABLE first (id TEXT)') },
      {
        version: 2,
        description: 'half done, then fails',
        up(db) {
          db.exec('CREATE TABLE second (id TEXT); ALTER TABLE first ADD COLUMN extra TEXT')
          throw new Error('migration 2 broke')
        },
      },
    ]
    expect(() => openSqliteDatabase(file, custom)).toThrow('migration 2 broke')
    const db = new Database(file, { readonly: true })
    try {
      expect(schemaVersion(db)).toBe(1)
      expect(tablesOf(db)).toEqual(['first'])
      expect(columnsOf(db, 'first')).toEqual(['id'])
    } finally {
      db.close()
    }
    // Fixed, the same file carries on from version 1.
    const fixed = [custom[0], { version: 2, description: 'fixed', up: (db: Database.Database) => db.exec('CREATE TABLE second (id TEXT)') }]
    const reopened = openSqliteDatabase(file, fixed)
    expect([schemaVersion(reopened), tablesOf(reopened)]).toEqual([2, ['first', 'second']])
    reopened.close()
  })
})
