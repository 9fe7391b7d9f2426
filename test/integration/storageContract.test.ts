import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.js'
import { createSqliteStorage } from '../../server/storage/createSqliteStorage.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'

/** One storage implementation under test: how to open it, reopen it on the same data, and clean up. */
export interface StorageFixture {
  name: string
  /** Whether data outlives the handle (memory does not). */
  isPersistent: boolean
  open(): Promise<{ storage: DocStorage; reopen: (() => Promise<DocStorage>) | null; cleanup: () => Promise<void> }>
}

const fixtures: StorageFixture[] = [
  {
    name: 'memory',
    isPersistent: false,
    async open() {
      return { storage: createMemoryStorage(), reopen: null, cleanup: async () => {} }
    },
  },
  {
    name: 'sqlite',
    isPersistent: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'kuilu-contract-'))
      const file = join(dir, 'kuilu.sqlite')
      return {
        storage: createSqliteStorage(file),
        reopen: async () => createSqliteStorage(file),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  },
]

const bytes = (...values: number[]) => new Uint8Array(values)

describe.each(fixtures)('DocStorage contract: $name', (fixture) => {
  let storage: DocStorage
  let reopen: (() => Promise<DocStorage>) | null
  let cleanup: () => Promise<void>
  const opened: DocStorage[] = []

  beforeEach(async () => {
    ;({ storage, reopen, cleanup } = await fixture.open())
    opened.push(storage)
  })
  afterEach(async () => {
    for (const each of opened.splice(0)) await each.close()
    await cleanup()
  })

  it('creates a board and finds it; an unknown board is null', async () => {
    await storage.createBoard('board-a', 1234)
    expect(await storage.getBoard('board-a')).toEqual({ id: 'board-a', createdAt: 1234 })
    expect(await storage.getBoard('board-b')).toBeNull()
  })

  it('refuses to create the same board twice', async () => {
    await storage.createBoard('board-a', 1)
    await expect(storage.createBoard('board-a', 2)).rejects.toThrow()
  })

  it('loads an unknown doc as empty', async () => {
    expect(await storage.loadDoc('nothing')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [], lastSeq: 0 })
  })

  it('appends updates in order and numbers them', async () => {
    expect(await storage.appendUpdates('d', [bytes(1), bytes(2)])).toBe(2)
    expect(await storage.appendUpdates('d', [bytes(3)])).toBe(3)
    expect(await storage.loadDoc('d')).toEqual({ snapshot: null, snapshotStateVector: null, updates: [bytes(1), bytes(2), bytes(3)], lastSeq: 3 })
  })

  it('keeps docs apart', async () => {
    await storage.appendUpdates('d1', [bytes(1)])
    await storage.appendUpdates('d2', [bytes(2)])
    expect((await storage.loadDoc('d1')).updates).toEqual([bytes(1)])
    expect((await storage.loadDoc('d2')).updates).toEqual([bytes(2)])
  })

  it('compacts: the snapshot replaces updates through its sequence number, later ones stay', async () => {
    await storage.appendUpdates('d', [bytes(1), bytes(2), bytes(3)])
    await storage.compact('d', bytes(9, 9), bytes(1, 5, 3), 2)
    expect(await storage.loadDoc('d')).toEqual({ snapshot: bytes(9, 9), snapshotStateVector: bytes(1, 5, 3), updates: [bytes(3)], lastSeq: 3 })
    expect(await storage.appendUpdates('d', [bytes(4)])).toBe(4)
    await storage.compact('d', bytes(8), bytes(1, 5, 4), 4)
    expect(await storage.loadDoc('d')).toEqual({ snapshot: bytes(8), snapshotStateVector: bytes(1, 5, 4), updates: [], lastSeq: 4 })
    expect(await storage.appendUpdates('d', [bytes(5)])).toBe(5)
  })

  it('returns copies: changing a loaded or appended array changes nothing stored', async () => {
    const update = bytes(1, 2)
    await storage.appendUpdates('d', [update])
    update[0] = 7
    const loaded = await storage.loadDoc('d')
    loaded.updates[0][1] = 7
    expect((await storage.loadDoc('d')).updates).toEqual([bytes(1, 2)])
  })

  it.skipIf(!fixture.isPersistent)('keeps everything committed across a reopen (persistent stores only)', async () => {
    await storage.createBoard('board-a', 5)
    await storage.appendUpdates('board-a', [bytes(1), bytes(2)])
    await storage.compact('board-a', bytes(7), bytes(1, 2, 1), 1)
    await storage.close()
    opened.splice(opened.indexOf(storage), 1)
    const again = await reopen!()
    opened.push(again)
    expect(await again.getBoard('board-a')).toEqual({ id: 'board-a', createdAt: 5 })
    expect(await again.loadDoc('board-a')).toEqual({ snapshot: bytes(7), snapshotStateVector: bytes(1, 2, 1), updates: [bytes(2)], lastSeq: 2 })
  })
})

describe('SQLite file written before snapshots kept their state vector', () => {
  it('gains the column on open and loads the old snapshot with a null state vector', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kuilu-migrate-'))
    const file = join(dir, 'kuilu.sqlite')
    try {
      const old = new Database(file)
      old.exec(`CREATE TABLE doc_snapshots (board_id TEXT PRIMARY KEY, snapshot BLOB NOT NULL, through_seq INTEGER NOT NULL);
                INSERT INTO doc_snapshots VALUES ('old-board', x'0000', 3);`)
      old.close()
      const storage = createSqliteStorage(file)
      expect(await storage.loadDoc('old-board')).toEqual({ snapshot: bytes(0, 0), snapshotStateVector: null, updates: [], lastSeq: 3 })
      await storage.compact('old-board', bytes(0, 0), bytes(0), 4)
      expect((await storage.loadDoc('old-board')).snapshotStateVector).toEqual(bytes(0))
      await storage.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
