import * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'

/**
 * The first update of a new board (from a template or an import): every
 * record as a `{ key, val }` entry of the records array, in the YKeyValue
 * layout, pushed at once, and the schema they follow. One push is one Yjs
 * item, linear in the records; a YKeyValue `set` per record was quadratic
 * (20,000 records: 5 s of CPU and 1.8 GB). The ids must be unique, as a parsed
 * export's and a template's are.
 */
export function initialBoardUpdate(records: readonly { readonly id: string }[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      doc.getArray<{ key: string; val: unknown }>(RECORDS_KEY).push(records.map((val) => ({ key: val.id, val })))
      doc.getMap(META_KEY).set('schema', boardSchema.serialize())
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
