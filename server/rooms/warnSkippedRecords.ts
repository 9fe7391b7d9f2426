import { describeSkipped, type SkippedEntry } from '../../shared/schema/readRecordEntries.js'
import type { LogFields, Logger } from '../log.js'

/**
 * Logs what one read of a board skipped as a single warning naming the first
 * few entries: a board holding a 10,000-character string in its records gets
 * one line per read, not 10,000.
 */
export function warnSkippedRecords(log: Pick<Logger, 'warn'> | undefined, skipped: readonly SkippedEntry[], fields: LogFields): void {
  if (!log || skipped.length === 0) return
  log.warn('bad stored records skipped', { ...fields, skipped: skipped.length, first: describeSkipped(skipped) })
}
