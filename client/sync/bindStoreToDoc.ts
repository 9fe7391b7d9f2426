/*
 * Why YKeyValue and not a Y.Map: a Y.Map keeps an item for every value ever
 * set on a key. With gc the old values shrink to tombstones, but tombstones of
 * different keys written in turn (several shapes dragged together, each
 * overwritten every frame) cannot merge: 10,000 such writes to two keys grow
 * the doc by ~90 KB, and with gc off every old value stays whole. YKeyValue
 * keeps `{ key, val }` entries in a Y.Array and deletes the old entry when it
 * appends the new one; the deleted run merges into one range, so the same
 * 10,000 writes cost ~180 bytes.
 */
import type { RecordsDiff, SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import type { Result } from '../../shared/schema/validateRecord.js'

/** Options for `bindStoreToDoc`. */
export interface BindOptions {
  /** Called for each record of the doc left out of the store because it failed validation or migration. */
  onQuarantine?: (recordId: string, reason: string) => void
  /** Called when a quarantined record is deleted from the doc or replaced by a valid value that reached the store. */
  onRelease?: (recordId: string) => void
}

/** A live store ⇄ doc binding; `close()` stops both directions. */
export interface StoreBinding {
  close(): void
}

/** Key in the meta map for the serialized tldraw schema the records were written with. */
const SCHEMA_KEY = 'schema'

/** What YKeyValue reports per key; values come from the network and are untrusted until validated. */
type DocChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

interface BindingContext {
  store: TLStore
  doc: Y.Doc
  ykv: YKeyValue<unknown>
  meta: Y.Map<unknown>
  /** Marks this binding's own transactions so their change events are not applied back. */
  origin: object
  quarantine: (recordId: string, reason: string) => void
  /** Clears a record from quarantine once `isBack` says so; never asks for records that are not in it. */
  release: (recordId: string, isBack?: () => boolean) => void
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
  const context: BindingContext = {
    store,
    doc,
    ykv: new YKeyValue<unknown>(doc.getArray(RECORDS_KEY)),
    meta: doc.getMap<unknown>(META_KEY),
    origin: { name: 'bindStoreToDoc' },
    quarantine: (recordId, reason) => {
      quarantined.add(recordId)
      options.onQuarantine?.(recordId, reason)
    },
    release: (recordId, isBack = () => true) => {
      if (quarantined.has(recordId) && isBack() && quarantined.delete(recordId)) options.onRelease?.(recordId)
    },
  }
  if (context.ykv.map.size > 0) loadDocIntoStore(context)
  else writeStoreToDoc(context)

  const stopListening = store.listen(({ changes }) => writeChangesToDoc(context, changes), {
    source: 'user',
    scope: 'document',
  })
  const onDocChange = (changes: Map<string, DocChange>, transaction: Y.Transaction): void => {
    if (transaction.origin !== context.origin) applyDocChanges(context, changes)
  }
  context.ykv.on('change', onDocChange)

  return {
    close() {
      stopListening()
      context.ykv.off('change', onDocChange)
      // y-utility 0.1.4 keeps its Y.Array observer private; destroy() drops every listener we could have added.
      context.ykv.destroy()
    },
  }
}

/** The doc wins: the store ends with exactly the doc's valid document records. */
function loadDocIntoStore(context: BindingContext): void {
  const { store } = context
  const valid: TLRecord[] = []
  for (const [key, val] of readDocRecords(context)) {
    const result = validateDocRecord(store, key, val)
    if (result.ok) valid.push(result.value)
    else context.quarantine(key, result.reason)
  }
  const kept = new Set<string>(valid.map((record) => record.id))
  const stale = store
    .allRecords()
    .filter((record) => isDocumentType(store, record.typeName) && !kept.has(record.id))
    .map((record) => record.id)
  mergeIntoStore(context, stale, valid)
}

/** Seeds an empty doc with the store's document records and the schema they were written with. */
function writeStoreToDoc({ store, doc, ykv, meta, origin }: BindingContext): void {
  const records = store.allRecords().filter((record) => isDocumentType(store, record.typeName))
  doc.transact(() => {
    for (const record of records) ykv.set(record.id, record)
    meta.set(SCHEMA_KEY, store.schema.serialize())
  }, origin)
}

/**
 * Writes one batch of the user's changes in one transaction. It writes the
 * store's current record rather than the diff's: a remote change merged
 * before the batch was flushed must not be overwritten by a stale value.
 */
function writeChangesToDoc({ store, doc, ykv, origin }: BindingContext, changes: RecordsDiff<TLRecord>): void {
  const written = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)]
  doc.transact(() => {
    for (const id of Object.keys(changes.removed)) {
      if (!store.has(id as TLRecord['id']) && ykv.has(id)) ykv.delete(id)
    }
    for (const { id } of written) {
      const current = store.get(id)
      if (current && ykv.get(id) !== current) ykv.set(id, current)
    }
  }, origin)
}

/** Applies changes made elsewhere; an invalid value is quarantined and leaves its record out of the store. */
function applyDocChanges(context: BindingContext, changes: Map<string, DocChange>): void {
  const toPut: TLRecord[] = []
  const toRemove: string[] = []
  for (const [key, change] of changes) {
    if (change.action === 'delete') {
      toRemove.push(key)
      context.release(key)
      continue
    }
    const result = validateDocRecord(context.store, key, change.newValue)
    if (result.ok) toPut.push(result.value)
    else {
      context.quarantine(key, result.reason)
      toRemove.push(key)
    }
  }
  // Only document records may leave: a doc key must never remove this tab's session records.
  const removable = toRemove.filter((id) => isDocumentType(context.store, context.store.get(id as TLRecord['id'])?.typeName))
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
  for (const [key, entry] of context.ykv.map) records.set(key, entry.val)
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

function writeMigratedToDoc({ store, doc, ykv, meta, origin }: BindingContext, before: Map<string, unknown>, after: Map<string, unknown>): void {
  doc.transact(() => {
    for (const key of before.keys()) if (!after.has(key)) ykv.delete(key)
    for (const [key, val] of after) {
      if (JSON.stringify(before.get(key)) !== JSON.stringify(val)) ykv.set(key, val)
    }
    meta.set(SCHEMA_KEY, store.schema.serialize())
  }, origin)
}

/** Validates a doc entry against the store's own schema, so custom shapes registered in the store are accepted. */
function validateDocRecord(store: TLStore, key: string, val: unknown): Result<TLRecord> {
  if (!isRecordLike(val)) return { ok: false, reason: 'record is not an object', recordId: key }
  if (val.id !== key) return { ok: false, reason: `record id ${String(val.id)} differs from its key`, recordId: key }
  if (!isDocumentType(store, val.typeName)) {
    return { ok: false, reason: `record type ${String(val.typeName)} is not a document record`, recordId: key }
  }
  try {
    const value = store.schema.types[val.typeName].validate(val) as TLRecord
    return { ok: true, value }
  } catch (error) {
    return { ok: false, reason: errorMessage(error), recordId: key }
  }
}

function isDocumentType(store: TLStore, typeName: unknown): typeName is TLRecord['typeName'] {
  if (typeof typeName !== 'string' || !Object.hasOwn(store.schema.types, typeName)) return false
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
