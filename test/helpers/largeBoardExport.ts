import type { TLRecord } from '@tldraw/tlschema'
import { exportBoard, MAX_IMPORT_RECORDS } from '../../shared/export/boardJson.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { buildTemplate } from '../../shared/templates/templates.js'
import { geoShape } from './geoShape.js'

/**
 * A legal board export of `count` records (the most an import takes, by
 * default): a customer-journey template filled up with rectangles. With the
 * default count it is 8.7 MiB, about the size of the import that stalled the
 * server in issue 10 (8.8 MiB).
 */
export function largeBoardExport(count = MAX_IMPORT_RECORDS): string {
  let next = 0
  const template = buildTemplate('customer-journey', 'en', () => `t${next++}`)
  const records: unknown[] = [...template]
  for (let i = 0; records.length < count; i++) records.push(geoShape(`shape:bulk-${i}`, (i % 100) * 120, Math.floor(i / 100) * 120, { meta: { lane: 'touchpoints' } }))
  return JSON.stringify(exportBoard({ records: records as TLRecord[], schema: boardSchema.serialize(), exportedAt: Date.UTC(2026, 0, 15) }))
}
