/*
 * Boards stored before every content kind was checked may hold entries that
 * are not `{ key, val }` objects: null, numbers, strings (ContentString adds
 * one entry per character), JSON, nested Yjs types. Every reader goes through
 * here so that such an entry is skipped and reported, never dereferenced, and
 * so that client and server agree on which entry a key resolves to.
 */
import * as Y from 'yjs'

/** An entry of the records array left out by a reader: where it is and why. */
export interface SkippedEntry {
  /** Position in the array as `Y.Array#toArray` counts it; -1 for a record that a schema migration added. */
  index: number
  /** The key the entry claims, when it names one. */
  key?: string
  reason: string
}

/** A well-formed `{ key, val }` entry; its val is an object but not yet checked against the schema. */
export interface StoredEntry {
  key: string
  val: Record<string, unknown>
  /** Position in the array, for reports about this record. */
  index: number
}

/** Why an entry of the records array names no record, or undefined when it is an object with a string key. */
export function entryProblem(entry: unknown): string | undefined {
  if (entry === null) return 'entry is null'
  if (entry instanceof Y.AbstractType) return 'entry is a nested Yjs type'
  if (Array.isArray(entry)) return 'entry is an array'
  if (typeof entry !== 'object') return `entry is a ${typeof entry}`
  if (!isPlainObject(entry)) return 'entry is not a plain object'
  if (typeof (entry as { key?: unknown }).key !== 'string') return 'entry key is not a string'
  return undefined
}

/** Whether a value is an object literal as Yjs decodes it, not an array, class instance or Yjs type. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * The entry each key resolves to, as YKeyValue resolves it: the last entry
 * with that key wins. Entries that name no key are skipped and reported. When
 * a key's last entry has a val that is not an object, the key is skipped and
 * reported rather than falling back to an older entry, which writers delete
 * and which no other client would show.
 */
export function readRecordEntries(records: Y.Array<unknown>, onSkip?: (skipped: SkippedEntry) => void): Map<string, StoredEntry> {
  const entries = records.toArray()
  const byKey = new Map<string, StoredEntry>()
  const decided = new Set<string>()
  const skipped: SkippedEntry[] = []
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]
    const problem = entryProblem(entry)
    if (problem !== undefined) {
      skipped.push({ index, reason: problem })
      continue
    }
    const { key, val } = entry as { key: string; val: unknown }
    if (decided.has(key)) continue
    decided.add(key)
    if (isPlainObject(val)) byKey.set(key, { key, val, index })
    else skipped.push({ index, key, reason: 'record is not an object' })
  }
  if (onSkip) for (const entry of skipped.reverse()) onSkip(entry)
  // Found right to left; readers expect the array's order.
  return new Map([...byKey].reverse())
}

/** Skipped entries in one line for a log, the first few in full: a 10,000-character string must not make 10,000 lines. */
export function describeSkipped(skipped: readonly SkippedEntry[], shown = 3): string {
  const described = skipped.slice(0, shown).map(({ index, key, reason }) => `#${index}${key === undefined ? '' : ` ${key}`}: ${reason}`)
  if (skipped.length > shown) described.push(`and ${skipped.length - shown} more`)
  return described.join('; ')
}
