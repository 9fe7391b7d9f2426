import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { openPostgresStore } from '../../server/storage/postgres/openPostgresStore.js'
import { openSqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
import type { StorageThreadKind } from '../../server/storage/sqlite/storageThread.js'
import type { WorkshopStore } from '../../server/workshops/WorkshopStore.js'
import { createTestSchema, hasPostgres, type TestSchema } from './postgres.js'

/** One open handle on a store: its board store, its workshop store when it has one, and how to close it whole. */
export interface OpenStore {
  docs: DocStorage
  workshops: WorkshopStore | null
  /** Closes the implementation entirely (for SQLite: the store, its file and its thread; for PostgreSQL: its pool). */
  close(): Promise<void>
}

/**
 * A store implementation under test, on data of its own: `open` may be called
 * again on the same data (a reopen) until `cleanup` removes it. `scope` says
 * what a suite may share: SQLite's worker takes a while to start, so a suite
 * may keep one file for all its tests; a PostgreSQL schema is cheap, so each
 * test gets its own.
 */
export interface StoreFixture {
  isPersistent: boolean
  scope: 'suite' | 'test'
  open(): Promise<OpenStore>
  cleanup(): Promise<void>
}

function memoryFixture(): StoreFixture {
  return {
    isPersistent: false,
    scope: 'test',
    async open() {
      const docs = createMemoryStorage()
      return { docs, workshops: null, close: () => docs.close() }
    },
    async cleanup() {},
  }
}

/** A file in a temp dir made on the first open and removed at cleanup. */
function sqliteFixture(thread: StorageThreadKind): StoreFixture {
  let dir: string | null = null
  return {
    isPersistent: true,
    scope: 'suite',
    open: () => openSqliteStore(join((dir ??= mkdtempSync(join(tmpdir(), `kuilu-store-${thread}-`))), 'kuilu.sqlite'), { thread }),
    async cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A schema of its own, created on the first open and dropped at cleanup; a reopen is a new pool on the same schema. */
function postgresFixture(): StoreFixture {
  let schema: Promise<TestSchema> | null = null
  return {
    isPersistent: true,
    scope: 'test',
    open: async () => openPostgresStore((await (schema ??= createTestSchema())).url),
    cleanup: async () => (await schema)?.drop(),
  }
}

const HAS_POSTGRES = await hasPostgres()

/** Every store the contract suites run on, by name: PostgreSQL where it answers (under CI=true it must). */
export const STORE_FIXTURES: Record<string, () => StoreFixture> = {
  memory: memoryFixture,
  'sqlite (worker thread)': () => sqliteFixture('worker'),
  'sqlite (main thread)': () => sqliteFixture('main'),
  ...(HAS_POSTGRES ? { postgres: postgresFixture } : {}),
}

/** The stores that keep workshops beside boards (all but memory). */
export const WORKSHOP_STORE_FIXTURES: Record<string, () => StoreFixture> = Object.fromEntries(Object.entries(STORE_FIXTURES).filter(([name]) => name !== 'memory'))
