/*
 * Why YKeyValue and not a Y.Map: a Y.Map keeps an item for every value ever
 * set on a key. With gc the old values shrink to tombstones, but tombstones of
 * different keys written in turn (several shapes dragged together, each
 * overwritten every frame) cannot merge: 10,000 such writes to two keys grow
 * the doc by ~90 KB, and with gc off every old value stays whole. YKeyValue
 * keeps `{ key, val }` entries in a Y.Array and deletes the old entry when it
 * appends the new one; the deleted run merges into one range, so the same
 * 10,000 writes cost ~180 bytes.
 *
 * Why our own RecordsKeyValue over that array and not y-utility's YKeyValue:
 * boards stored before every content kind was checked can hold entries that
 * are not `{ key, val }` (null, numbers, strings, nested types), and
 * YKeyValue's constructor throws on them, so such a board could not be
 * opened. Handing YKeyValue a cleaned copy would mean a second array kept in
 * step with the first in both directions; deleting the bad entries on open
 * would be a write, and a viewer's client must open a board without one
 * (YKeyValue's constructor also writes, to drop duplicate keys). RecordsKeyValue
 * keeps YKeyValue's layout and its append-then-delete writes, so stock clients
 * and stored boards read the same records; it reports the bad entries, which
 * are quarantined here, and never writes to open.
 */
import type { RecordsDiff, SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { RecordsKeyValue, type KeyChange } from './RecordsKeyValue.js'

/** Options for `bindStoreToDoc`. */
export interface BindOptions {
  /**
   * Called for each record of the doc left out of the store because it failed
   * validation or migration, and for each entry of the records array that is
   * not a `{ key, val }` object, under an id of the form `entry <client>:<clock>`.
   */
  onQuarantine?: (recordId: string, reason: string) => void
  /** Called when a quarantined record or entry is deleted from the doc, or a record is replaced by a valid value that reached the store. */
  onRelease?: (recordId: string) => void
  /**
   * Whether an empty doc receives the store's document records on bind
   * (default true). False when the doc may be empty only because the server
   * has not answered yet, and for a viewer, who never writes: seeding then
   * would race the board's own document and page records.
   */
  seedEmptyDoc?: boolean
}

/** A live store ⇄ doc binding; `close()` stops both directions. */
export interface StoreBinding {
  /**
   * Gives the doc the store's document records it lacks, when it has no
   * document record at all: for a binding made before the first sync
   * (without seeding) whose board turned out to be empty on the server.
   */
  seedIfUnseeded(): void
  close(): void
}

/** Key in the meta map for the serialized tldraw schema the records were written with. */
const SCHEMA_KEY = 'schema'

interface BindingContext {
  store: TLStore
  doc: Y.Doc
  kv: RecordsKeyValue
  meta: Y.Map<unknown>
  /** Marks this binding's own transactions so their change events are not applied back. */
  origin: object
  quarantine: (recordId: string, reason: string) => void
  /** Clears a record from quarantine once `isBack` says so; never asks for records that are not in it. */
  release: (recordId: string, isBack?: () => boolean) => void
  /** Bound to an empty doc without seeding: the store's document and page records are not written until the doc has a document record. */
  holdsDefaults: boolean
}

/**
 * Binds a tldraw store to a board's Y.Doc in both directions: the user's
 * document changes go into the doc, one transaction per batch, and the doc's
 * changes from elsewhere are validated and merged into the store as remote
 * changes, so neither direction echoes. On bind a non-empty doc wins over the
 * store; an empty doc receives the store's document records.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindOptions = {}): StoreBinding {
  const quarantined = new Set<string>()
  const quarantine = (recordId: string, reason: string): void => {
    quarantined.add(recordId)
    options.onQuarantine?.(recordId, reason)
  }
  const release = (recordId: string, isBack = () => true): void => {
    if (quarantined.has(recordId) && isBack() && quarantined.delete(recordId)) options.onRelease?.(recordId)
  }
  const origin = { name: 'bindStoreToDoc' }
  const kv = new RecordsKeyValue(doc.getArray(RECORDS_KEY), {
    onChange: (changes, transaction) => {
      if (transaction.origin !== origin) applyDocChanges(context, changes)
    },
    onMalformed: quarantine,
    onMalformedGone: (entryId) => release(entryId),
  })
  const seeds = options.seedEmptyDoc ?? true
  const context: BindingContext = { store, doc, kv, meta: doc.getMap<unknown>(META_KEY), origin, quarantine, release, holdsDefaults: kv.size === 0 && !seeds }
  if (kv.size > 0) loadDocIntoStore(context)
  else if (seeds) writeStoreToDoc(context)

  const stopListening = store.listen(({ changes }) => writeChangesToDoc(context, changes), {
    source: 'user',
    scope: 'document',
  })
  return {
    seedIfUnseeded() {
      if (!kv.has(DOCUMENT_ID)) writeStoreToDoc(context)
    },
    close() {
      stopListening()
      kv.close()
    },
  }
}

/** The doc wins: the store ends with exactly the doc's valid document records. */
function loadDocIntoStore(context: BindingContext): void {
  const { store } = context
  const valid: TLRecord[] = []
  for (const [key, val] of readDocRecords(context)) {
    if (isLocalOnly(val)) continue
    const result = validateDocRecord(store, key, val)
    if (result.ok) valid.push(result.value)
    else context.quarantine(key, result.reason)
  }
  const kept = new Set<string>(valid.map((record) => record.id))
  const stale = store
    .allRecords()
    .filter((record) => isSharedType(store, record.typeName) && !kept.has(record.id))
    .map((record) => record.id)
  mergeIntoStore(context, stale, valid)
}

/** The one document record of every board (tldraw's fixed id). */
const DOCUMENT_ID = 'document:document'

/** Seeds a doc with the store's document records it does not hold yet, and the schema they were written with. */
function writeStoreToDoc({ store, doc, kv, meta, origin }: BindingContext): void {
  const records = store.allRecords().filter((record) => isSharedType(store, record.typeName) && !kv.has(record.id))
  doc.transact(() => {
    kv.write(new Map(records.map((record) => [record.id, record])))
    meta.set(SCHEMA_KEY, store.schema.serialize())
  }, origin)
}

/**
 * Writes one batch of the user's changes in one transaction. It writes the
 * store's current record rather than the diff's: a remote change merged
 * before the batch was flushed must not be overwritten by a stale value.
 */
function writeChangesToDoc({ store, doc, kv, origin, holdsDefaults }: BindingContext, changes: RecordsDiff<TLRecord>): void {
  // Bound before the board's state arrived: the editor's own document and page (made on mount) wait for it, so they cannot win over the board's.
  const isHeld = (record: TLRecord): boolean => holdsDefaults && (record.typeName === 'document' || record.typeName === 'page') && !kv.has(DOCUMENT_ID)
  const written = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)].filter((record) => !isLocalOnly(record) && !isHeld(record))
  const deletes = Object.values(changes.removed)
    .filter((record) => !isLocalOnly(record) && !store.has(record.id) && kv.has(record.id))
    .map((record) => record.id)
  const sets = new Map<string, TLRecord>()
  for (const { id } of written) {
    const current = store.get(id)
    if (current && kv.get(id) !== current) sets.set(id, current)
  }
  doc.transact(() => kv.write(sets, deletes), origin)
}

/** Applies changes made elsewhere; an invalid value is quarantined and leaves its record out of the store. */
function applyDocChanges(context: BindingContext, changes: Map<string, KeyChange>): void {
  const toPut: TLRecord[] = []
  const toRemove: string[] = []
  for (const [key, change] of changes) {
    if (change.action === 'delete') {
      toRemove.push(key)
      context.release(key)
      continue
    }
    if (isLocalOnly(change.newValue)) continue
    const result = validateDocRecord(context.store, key, change.newValue)
    if (result.ok) toPut.push(result.value)
    else {
      context.quarantine(key, result.reason)
      toRemove.push(key)
    }
  }
  // Only document records may leave: a doc key must never remove this tab's session records.
  const removable = toRemove.filter((id) => isSharedType(context.store, context.store.get(id as TLRecord['id'])?.typeName))
  mergeIntoStore(context, removable as TLRecord['id'][], toPut)
  for (const record of toPut) context.release(record.id, () => context.store.has(record.id))
}

/** Merges as remote changes; if the store still refuses the batch, retries record by record so only the culprit is left out. */
function mergeIntoStore(context: BindingContext, toRemove: TLRecord['id'][], toPut: TLRecord[]): void {
  const { store } = context
  if (toRemove.length === 0 && toPut.length === 0) return
  try {
    store.mergeRemoteChanges(() => {
      store.remove(toRemove)
      store.put(toPut)
    })
  } catch {
    store.mergeRemoteChanges(() => store.remove(toRemove))
    for (const record of toPut) {
      try {
        store.mergeRemoteChanges(() => store.put([record]))
      } catch (error) {
        context.quarantine(record.id, errorMessage(error))
      }
    }
  }
}

/** The doc's records by key, migrated to the store's schema when the doc was written with another one. */
function readDocRecords(context: BindingContext): Map<string, unknown> {
  const records = new Map<string, unknown>()
  for (const [key, val] of context.kv.entries()) records.set(key, val)
  const docSchema = context.meta.get(SCHEMA_KEY) as SerializedSchema | undefined
  const ourSchema = context.store.schema.serialize()
  if (!docSchema || JSON.stringify(docSchema) === JSON.stringify(ourSchema)) return records
  return migrateDocRecords(context, records, docSchema)
}

/**
 * Migrates the whole snapshot and writes the migrated records and our schema
 * back, so doc and meta agree again. If the snapshot will not migrate (a
 * broken record, or a doc from a newer version), records migrate one by one,
 * failures are left to validation, and the doc is not touched.
 */
function migrateDocRecords(context: BindingContext, records: Map<string, unknown>, docSchema: SerializedSchema): Map<string, unknown> {
  const { schema } = context.store
  const snapshot: Record<string, TLRecord> = {}
  for (const [key, val] of records) if (isRecordLike(val) && val.id === key) snapshot[key] = val as TLRecord
  const result = attempt(() => schema.migrateStoreSnapshot({ store: snapshot, schema: docSchema }))
  if (result?.type !== 'success') {
    const migrated = new Map(records)
    for (const [key, record] of Object.entries(snapshot)) {
      const one = attempt(() => schema.migratePersistedRecord(record, docSchema))
      if (one?.type === 'success') migrated.set(key, one.value)
    }
    return migrated
  }
  const migrated = new Map(records)
  for (const key of Object.keys(snapshot)) if (!(key in result.value)) migrated.delete(key)
  for (const [key, record] of Object.entries(result.value)) migrated.set(key, record)
  writeMigratedToDoc(context, records, migrated)
  return migrated
}

function writeMigratedToDoc({ store, doc, kv, meta, origin }: BindingContext, before: Map<string, unknown>, after: Map<string, unknown>): void {
  const deletes = [...before.keys()].filter((key) => !after.has(key))
  const sets = new Map([...after].filter(([key, val]) => JSON.stringify(before.get(key)) !== JSON.stringify(val)))
  doc.transact(() => {
    kv.write(sets, deletes)
    meta.set(SCHEMA_KEY, store.schema.serialize())
  }, origin)
}

/** A doc value that passed the store's schema, or the English reason the quarantine list shows. */
type Checked = { ok: true; value: TLRecord } | { ok: false; reason: string }

/** Validates a doc entry against the store's own schema, so custom shapes registered in the store are accepted. */
function validateDocRecord(store: TLStore, key: string, val: unknown): Checked {
  if (!isRecordLike(val)) return { ok: false, reason: 'record is not an object' }
  if (val.id !== key) return { ok: false, reason: `record id ${String(val.id)} differs from its key` }
  if (!isSharedType(store, val.typeName)) {
    return { ok: false, reason: `record type ${String(val.typeName)} is not a document record` }
  }
  try {
    const value = store.schema.types[val.typeName].validate(val) as TLRecord
    return { ok: true, value }
  } catch (error) {
    return { ok: false, reason: errorMessage(error) }
  }
}

/**
 * Document records that stay in this browser: tldraw writes the local user's
 * `user:` record (an id this device made up, the name typed here) into the
 * store on mount. Shared, it would let a client name itself in the board, and
 * a viewer's or a locked participant's first write would be refused. Who a
 * person is comes from the server (session and stamped presence). Such
 * entries already in a doc, from older clients, are passed over, not quarantined.
 */
const LOCAL_ONLY_TYPE_NAMES: ReadonlySet<string> = new Set(['user'])

function isLocalOnly(val: unknown): boolean {
  return isRecordLike(val) && typeof val.typeName === 'string' && LOCAL_ONLY_TYPE_NAMES.has(val.typeName)
}

/** Whether records of a type belong in the board's doc: document scope, and not local-only. */
function isSharedType(store: TLStore, typeName: unknown): typeName is TLRecord['typeName'] {
  if (typeof typeName !== 'string' || !Object.hasOwn(store.schema.types, typeName) || LOCAL_ONLY_TYPE_NAMES.has(typeName)) return false
  return store.schema.types[typeName as TLRecord['typeName']].scope === 'document'
}

function isRecordLike(val: unknown): val is { id: unknown; typeName: unknown } {
  return typeof val === 'object' && val !== null && !Array.isArray(val)
}

/** Runs a migration that is documented to return an error result but may still throw on a malformed record. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
