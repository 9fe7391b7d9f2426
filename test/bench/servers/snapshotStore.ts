import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A peer's document store: one full-state blob per document in SQLite, as the peers' SQLite extensions keep it. */
export interface SnapshotStore {
  load(name: string): Uint8Array | null
  save(name: string, state: Uint8Array): void
  close(): void
}

/** Opens a snapshot store in a fresh temp dir (WAL, synchronous=FULL, like ours). */
export function createSnapshotStore(): SnapshotStore {
  const dir = mkdtempSync(join(tmpdir(), 'kuilu-bench-peer-'))
  const db = new Database(join(dir, 'peer.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE IF NOT EXISTS docs (name TEXT PRIMARY KEY, state BLOB NOT NULL)')
  const select = db.prepare('SELECT state FROM docs WHERE name = ?')
  const upsert = db.prepare('INSERT INTO docs (name, state) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET state = excluded.state')
  return {
    load(name) {
      const row = select.get(name) as { state: Buffer } | undefined
      return row ? new Uint8Array(row.state) : null
    },
    save(name, state) {
      upsert.run(name, state)
    },
    close() {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
