import type * as Y from 'yjs'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import { readBoardRecords } from '../../shared/schema/readBoardRecords.js'
import type { SkippedEntry } from '../../shared/schema/readRecordEntries.js'

/**
 * The valid shape records of a board's doc as the server holds it (the last
 * entry of a key wins, as in YKeyValue). A bad stored entry is left out and
 * reported through `onSkip`, so one broken record cannot fail every vote.
 */
export function readShapes(doc: Y.Doc, onSkip?: (skipped: SkippedEntry) => void): PlanShape[] {
  const { records } = readBoardRecords(doc, onSkip)
  return records.filter((record) => record.typeName === 'shape') as unknown as PlanShape[]
}
