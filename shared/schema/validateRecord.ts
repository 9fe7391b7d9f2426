import { createTLSchema, defaultShapeSchemas, type TLRecord } from '@tldraw/tlschema'
import type { Result } from '../result.js'
import { cardShapeSchemas } from './cards.js'

export type { Result } from '../result.js'

/** tldraw's default shapes plus our journey grid and cards: the schema both client and server check against. */
export const boardSchema = createTLSchema({ shapes: { ...defaultShapeSchemas, ...cardShapeSchemas } })
const schema = boardSchema

/** Record types that belong in a board's Y.Doc; session and presence records stay local. */
/**
 * Record types that belong in a board's Y.Doc: tldraw's document records but
 * `user`. A user record is one browser's own idea of who it is (an id and a
 * name it chose); names on a board come from the invite, never from the
 * doc, so a user record is refused on the way in and skipped on the way out.
 */
export const DOCUMENT_TYPE_NAMES: ReadonlySet<string> = new Set(
  Object.values(schema.types)
    .filter((type) => type.scope === 'document' && type.typeName !== 'user')
    .map((type) => type.typeName),
)

/**
 * Validates one `{ key, val }` entry of a board's records array against the
 * tldraw schema shared by client and server, so one bad record is refused
 * before it can brick a board.
 */
export function validateRecordEntry(entry: unknown): Result<TLRecord> {
  if (typeof entry !== 'object' || entry === null) return { ok: false, reason: 'invalidRecord', detail: 'entry is not an object' }
  const { key, val } = entry as { key?: unknown; val?: unknown }
  if (typeof key !== 'string') return { ok: false, reason: 'invalidRecord', detail: 'entry key is not a string' }
  return validateRecord(val, key)
}

/** Validates a record; `expectedId` is the key it is stored under, when there is one. */
export function validateRecord(val: unknown, expectedId?: string): Result<TLRecord> {
  const recordId = expectedId
  if (typeof val !== 'object' || val === null) return { ok: false, reason: 'invalidRecord', detail: 'record is not an object', recordId }
  const record = val as { id?: unknown; typeName?: unknown }
  if (typeof record.id !== 'string') return { ok: false, reason: 'invalidRecord', detail: 'record has no id', recordId }
  if (expectedId !== undefined && record.id !== expectedId) {
    return { ok: false, reason: 'invalidRecord', detail: `record id ${record.id} differs from its key`, recordId }
  }
  const typeName = record.typeName
  if (typeof typeName !== 'string' || !DOCUMENT_TYPE_NAMES.has(typeName)) {
    return { ok: false, reason: 'invalidRecord', detail: `record type ${String(typeName)} is not a document record`, recordId: record.id }
  }
  try {
    const value = schema.types[typeName as TLRecord['typeName']].validate(val) as TLRecord
    return { ok: true, value }
  } catch (error) {
    return { ok: false, reason: 'invalidRecord', detail: error instanceof Error ? error.message : String(error), recordId: record.id }
  }
}
