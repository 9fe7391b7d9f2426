import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from './docLayout.js'
import { isPlainObject, readRecordEntries, type SkippedEntry, type StoredEntry } from './readRecordEntries.js'
import { boardSchema, validateRecord } from './validateRecord.js'

/** A board's document records that passed the schema, and the schema they follow. */
export interface BoardRecords {
  records: TLRecord[]
  schema: SerializedSchema
}

/**
 * Reads a board's records for the server's own use (exports, action plans,
 * vote scopes): each key's last entry, brought up to our schema when the doc
 * was written with an older one, then validated. Whatever fails on the way is
 * reported through `onSkip` and left out, so one bad record cannot fail the
 * whole read. Validating after migrating keeps an old board's records, which
 * would fail today's schema as they were written, in the read.
 */
export function readBoardRecords(doc: Y.Doc, onSkip?: (skipped: SkippedEntry) => void): BoardRecords {
  const entries = readRecordEntries(doc.getArray(RECORDS_KEY), onSkip)
  const { values, schema } = toOurSchema(entries, doc.getMap<unknown>(META_KEY).get('schema'), onSkip)
  const records: TLRecord[] = []
  for (const [key, val] of values) {
    const result = validateRecord(val, key)
    if (result.ok) records.push(result.value)
    else onSkip?.({ index: indexOf(entries, key), key, reason: englishReason(result) })
  }
  return { records, schema }
}

/**
 * The entries' values in our schema. A doc written with our schema, or with
 * one we cannot migrate from (a newer version's), is read as it is and keeps
 * its schema's name; a record that will not migrate is skipped.
 */
function toOurSchema(entries: Map<string, StoredEntry>, stored: unknown, onSkip?: (skipped: SkippedEntry) => void): { values: Map<string, unknown>; schema: SerializedSchema } {
  const values = new Map<string, unknown>([...entries].map(([key, entry]) => [key, entry.val]))
  const ours = boardSchema.serialize()
  if (!isSerializedSchema(stored)) return { values, schema: ours }
  const steps = attempt(() => boardSchema.getMigrationsSince(stored))
  if (!steps?.ok || steps.value.length === 0) return { values, schema: stored }
  // A copy: tldraw freezes what it migrates in development builds, and these are the live doc's own objects.
  const snapshot = structuredClone(Object.fromEntries(values)) as Record<string, TLRecord>
  const whole = attempt(() => boardSchema.migrateStoreSnapshot({ store: snapshot, schema: stored }))
  if (whole?.type === 'success') return { values: new Map(Object.entries(whole.value)), schema: ours }
  const migrated = new Map<string, unknown>()
  for (const [key, record] of Object.entries(snapshot)) {
    const one = attempt(() => boardSchema.migratePersistedRecord(record, stored))
    if (one?.type === 'success') migrated.set(key, one.value)
    else onSkip?.({ index: indexOf(entries, key), key, reason: `record will not migrate to this server's schema${one ? `: ${one.reason}` : ''}` })
  }
  return { values: migrated, schema: ours }
}

/** Where a record's entry stands; a store migration may also add records that stand nowhere. */
function indexOf(entries: Map<string, StoredEntry>, key: string): number {
  return entries.get(key)?.index ?? -1
}

/** A refusal's English detail for the log, or its reason when it carries no detail. */
function englishReason(refusal: { reason: string; detail?: string }): string {
  return refusal.detail ?? refusal.reason
}

function isSerializedSchema(value: unknown): value is SerializedSchema {
  return isPlainObject(value) && value.schemaVersion === 2 && isPlainObject(value.sequences)
}

/** Runs a migration step that is documented to return an error result but may still throw on a malformed record. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}
