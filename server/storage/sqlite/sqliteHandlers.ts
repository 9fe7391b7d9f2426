import { openSqliteDatabase } from '../../db/openSqliteDatabase.js'
import { createSqliteDocs } from './sqliteDocs.js'
import { createSqliteWorkshops } from './sqliteWorkshops.js'

/** The synchronous operations of the SQLite store, by name: what the storage thread runs for the main thread. */
export function createSqliteHandlers(file: string) {
  const db = openSqliteDatabase(file)
  const workshops = createSqliteWorkshops(db)
  const docs = createSqliteDocs(db, workshops)
  return { docs, workshops, close: () => db.close() }
}

/** The store's handlers, grouped as the main thread addresses them. */
export type SqliteHandlers = ReturnType<typeof createSqliteHandlers>

/** A call from the main thread: `docs.appendBatch`, `workshops.castVote`, … and its arguments. */
export interface StorageCall {
  id: number
  group: 'docs' | 'workshops'
  method: string
  args: unknown[]
}

/** The storage thread's answer to one call. */
export type StorageReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }

/** Runs one call against the handlers; a thrown error becomes a failed reply, so every call is answered. */
export function runStorageCall(handlers: SqliteHandlers, call: StorageCall): StorageReply {
  try {
    const group = handlers[call.group] as Record<string, (...args: unknown[]) => unknown>
    const method = group[call.method]
    if (typeof method !== 'function') throw new Error(`no storage operation ${call.group}.${call.method}`)
    return { id: call.id, ok: true, value: method(...call.args) }
  } catch (error) {
    return { id: call.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
