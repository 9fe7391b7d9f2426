/**
 * How a board lives in its Y.Doc. One Y.Array holds the tldraw document
 * records as `{ key: recordId, val: record }` entries (the YKeyValue layout of
 * y-utility): writing a record appends a new entry and deletes the old one,
 * and deleted items shrink to a length, so a record overwritten 10,000 times
 * costs a few bytes rather than 10,000 past values as a Y.Map would keep.
 */
export const RECORDS_KEY = 'tldraw'

/** A Y.Map beside the records: `schema` holds the serialized tldraw schema the records were written with. */
export const META_KEY = 'meta'

/** One entry of the records array. */
export interface RecordEntry {
  key: string
  val: { id: string; typeName: string; [prop: string]: unknown }
}
