import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS, type Migration } from './migrations.js'

/**
 * Opens the one SQLite file of a Kuilu server (boards and workshops) in WAL
 * mode with `synchronous=FULL`, so a commit survives a crash of the process
 * and of the machine, and brings its schema up to date. A file written by a
 * newer server is refused rather than guessed at.
 */
export function openSqliteDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** The schema version a file is at (`PRAGMA user_version`). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > latest) throw new Error(`the database file is at schema version ${current}, newer than this server's ${latest}; run a newer server`)
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
