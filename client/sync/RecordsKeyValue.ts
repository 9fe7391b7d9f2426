/*
 * A key-value view of the records Y.Array in the layout of y-utility's
 * YKeyValue (`{ key, val }` entries, the last entry of a key wins, a write
 * appends the new entry and deletes the key's old ones), so that stock
 * YKeyValue clients, the server and stored boards read it the same way. It
 * exists because YKeyValue reads `entry.key` of every entry and throws on a
 * `null` one; here an entry that names no key is reported and passed over.
 * Opening never writes: a viewer must be able to open a board it may not edit.
 */
import type * as Y from 'yjs'
import { entryProblem } from '../../shared/schema/readRecordEntries.js'

/** How a key's value changed in one transaction; values come from the network and are untrusted until validated. */
export type KeyChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

/** What the owner of a `RecordsKeyValue` is told. */
export interface RecordsKeyValueHandlers {
  /** The keys whose value changed in one transaction; the transaction tells whose change it was. */
  onChange?: (changes: Map<string, KeyChange>, transaction: Y.Transaction) => void
  /** Entries that name no key, on open or when they arrive: one call per Yjs item, under the Yjs id of its first such entry. */
  onMalformed?: (entryId: string, reason: string) => void
  /** Malformed entries were deleted from the doc; the id is given as `onMalformed` gave it. */
  onMalformedGone?: (entryId: string) => void
}

interface Entry {
  key: string
  val: unknown
}

/** The records array read as a map from record id to value, tolerant of entries that are not `{ key, val }`. */
export class RecordsKeyValue {
  /** Each key's winning entry, held by identity so that a change event can tell whether the winner moved. */
  private readonly winners = new Map<string, Entry>()
  private isClosed = false
  private readonly observer = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction): void => this.applyEvent(event, transaction)

  constructor(
    private readonly yarray: Y.Array<unknown>,
    private readonly handlers: RecordsKeyValueHandlers = {},
  ) {
    for (let item = yarray._start; item !== null; item = item.right) {
      if (!item.deleted) this.visit(item, (entry) => this.winners.set(entry.key, entry), handlers.onMalformed)
    }
    yarray.observe(this.observer)
  }

  /** How many keys have a value. */
  get size(): number {
    return this.winners.size
  }

  /** Each key with its value, in no particular order. */
  *entries(): IterableIterator<[string, unknown]> {
    for (const [key, entry] of this.winners) yield [key, entry.val]
  }

  /** Whether the key has a value. */
  has(key: string): boolean {
    return this.winners.has(key)
  }

  /** The key's value, the very object that was written when it was written here. */
  get(key: string): unknown {
    return this.winners.get(key)?.val
  }

  /**
   * Writes one batch in one transaction: every entry of a key set or deleted
   * goes, then the new entries are appended. Deleting all of a key's entries,
   * not only the first, also clears duplicates an old client left behind.
   */
  write(sets: ReadonlyMap<string, unknown>, deletes: Iterable<string> = []): void {
    const replaced = new Set([...deletes, ...sets.keys()])
    if (replaced.size === 0) return
    this.yarray.doc!.transact(() => {
      this.deleteEntriesOf(replaced)
      if (sets.size > 0) this.yarray.push([...sets].map(([key, val]) => ({ key, val })))
    })
  }

  /** Stops following the array; the values read so far stay readable. Closing twice is harmless. */
  close(): void {
    if (this.isClosed) return
    this.isClosed = true
    this.yarray.unobserve(this.observer)
  }

  /** Resolves the keys an event touched again and tidies the entries that lost, as every YKeyValue client does. */
  private applyEvent(event: Y.YArrayEvent<unknown>, transaction: Y.Transaction): void {
    const touched = new Set<string>()
    const { onMalformed, onMalformedGone } = this.handlers
    for (const item of event.changes.deleted) this.visit(item, (entry) => touched.add(entry.key), onMalformedGone)
    for (const item of event.changes.added) this.visit(item, (entry) => touched.add(entry.key), onMalformed)
    if (touched.size === 0) return
    const { winners, losers } = this.resolve(touched)
    const changes = new Map<string, KeyChange>()
    for (const key of touched) {
      const before = this.winners.get(key)
      const after = winners.get(key)
      if (before === after) continue
      if (after) this.winners.set(key, after)
      else this.winners.delete(key)
      if (!before) changes.set(key, { action: 'add', newValue: after!.val })
      else if (!after) changes.set(key, { action: 'delete', oldValue: before.val })
      else changes.set(key, { action: 'update', oldValue: before.val, newValue: after.val })
    }
    // Concurrent writes of one key leave several entries; the losers go, or the array would grow with every such race.
    if (losers.length > 0) this.yarray.doc!.transact(() => losers.forEach((index) => this.yarray.delete(index, 1)))
    if (changes.size > 0) this.handlers.onChange?.(changes, transaction)
  }

  /** For each key, its rightmost entry, and the positions of its other entries from right to left. */
  private resolve(keys: ReadonlySet<string>): { winners: Map<string, Entry>; losers: number[] } {
    const values = this.yarray.toArray()
    const winners = new Map<string, Entry>()
    const losers: number[] = []
    for (let index = values.length - 1; index >= 0; index--) {
      const entry = values[index]
      if (entryProblem(entry) !== undefined || !keys.has((entry as Entry).key)) continue
      if (winners.has((entry as Entry).key)) losers.push(index)
      else winners.set((entry as Entry).key, entry as Entry)
    }
    return { winners, losers }
  }

  /** Deletes every well-formed entry of these keys, from the right so that the positions still to visit stay put. */
  private deleteEntriesOf(keys: ReadonlySet<string>): void {
    const values = this.yarray.toArray()
    for (let index = values.length - 1; index >= 0; index--) {
      const entry = values[index]
      if (entryProblem(entry) === undefined && keys.has((entry as Entry).key)) this.yarray.delete(index, 1)
    }
  }

  /**
   * Calls `onEntry` for each well-formed entry an item holds, and `onBad` once
   * for the others, under the id of the first of them: a pasted string of
   * 10,000 characters is one notice, not 10,000.
   */
  private visit(item: Y.Item, onEntry: (entry: Entry) => void, onBad?: (entryId: string, reason: string) => void): void {
    if (!item.countable) return
    let first: { offset: number; problem: string } | undefined
    let badCount = 0
    const content: unknown[] = item.content.getContent()
    for (let offset = 0; offset < content.length; offset++) {
      const problem = entryProblem(content[offset])
      if (problem === undefined) onEntry(content[offset] as Entry)
      else {
        first ??= { offset, problem }
        badCount++
      }
    }
    if (!first || !onBad) return
    onBad(`entry ${item.id.client}:${item.id.clock + first.offset}`, badCount === 1 ? first.problem : `${badCount} entries, the first: ${first.problem}`)
  }
}
