import type * as Y from 'yjs'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import { RECORDS_KEY, type RecordEntry } from '../../shared/schema/docLayout.js'

/** The shape records of a board's doc as the server holds it (last entry of a key wins, as in YKeyValue). */
export function readShapes(doc: Y.Doc): PlanShape[] {
  const byKey = new Map<string, RecordEntry['val']>()
  for (const entry of doc.getArray<RecordEntry>(RECORDS_KEY).toArray()) byKey.set(entry.key, entry.val)
  const shapes: PlanShape[] = []
  for (const record of byKey.values()) {
    if (record.typeName === 'shape') shapes.push(record as unknown as PlanShape)
  }
  return shapes
}
