import * as Y from 'yjs'
import type { Clocks } from '../../shared/protocol/messages.js'
import type { Result } from '../../shared/result.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { validateRecordEntry } from '../../shared/schema/validateRecord.js'

/** Where an item sits: the records array, the meta map's `schema` key, elsewhere (refused), or not known yet (dependencies missing). */
type Place = 'records' | 'meta-schema' | 'other' | 'unknown'

type Struct = Y.Item | Y.GC | Y.Skip

/**
 * Reads an incoming Yjs update before it is applied (DESIGN.md invariant 4).
 * A board's doc has exactly two roots: the records array, whose items must
 * be JSON values (ContentAny) that each pass the shared record validator,
 * and the meta map, whose only key is `schema`. Every other root, every
 * nested type and every other content kind (ContentJSON, ContentString,
 * ContentType, ContentBinary, ContentEmbed, ContentFormat, ContentDoc) is
 * refused. An item's parent is often implied by its origin rather than
 * written, so it is resolved through earlier items of the same update or
 * through the room's doc; an item whose parent cannot be resolved yet must
 * pass as a record: when in doubt, the stricter reading. Returns the clocks
 * the update names, per client, for the sender's ack bookkeeping.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Result<Clocks> {
  const { structs } = Y.decodeUpdate(update)
  const clocks: Clocks = {}
  const places = new PlaceResolver(doc, structs)
  for (const struct of structs) {
    const end = struct.id.clock + struct.length
    const key = String(struct.id.client)
    if ((clocks[key] ?? 0) < end) clocks[key] = end
    if (!(struct instanceof Y.Item)) continue
    const checked = checkItem(struct, places.placeOf(struct))
    if (!checked.ok) return checked
  }
  return { ok: true, value: clocks }
}

const PASSED: Result<true> = { ok: true, value: true }

function checkItem(item: Y.Item, place: Place): Result<true> {
  const content = item.content
  if (place === 'other') return refusal(`an item outside the records array and the meta map's schema (${content.constructor.name})`)
  if (content instanceof Y.ContentDeleted) return PASSED
  if (!(content instanceof Y.ContentAny)) return refusal(`${content.constructor.name} is not allowed in a board`)
  if (place === 'meta-schema') return content.arr.every(isSerializedSchema) ? PASSED : refusal('meta.schema must be a serialized tldraw schema')
  for (const entry of content.arr) {
    const result = validateRecordEntry(entry)
    if (!result.ok) return result
  }
  return PASSED
}

function refusal(detail: string): Result<never> {
  return { ok: false, reason: 'invalidRecord', detail }
}

function isSerializedSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const schema = value as Record<string, unknown>
  return Number.isInteger(schema.schemaVersion) && (typeof schema.sequences === 'object' || typeof schema.recordVersions === 'object')
}

/** Resolves each item's place through the update's own items and the room's doc, memoised per item. */
class PlaceResolver {
  private readonly records: Y.Array<unknown>
  private readonly meta: Y.Map<unknown>
  private readonly memo = new Map<Y.Item, Place>()
  private byClient: Map<number, Struct[]> | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
  ) {
    this.records = doc.getArray(RECORDS_KEY)
    this.meta = doc.getMap(META_KEY)
  }

  /** Follows origins iteratively: a legal update can chain thousands of items, too deep for recursion. */
  placeOf(start: Y.Item): Place {
    const chain: Y.Item[] = []
    let item: Y.Item = start
    let place: Place
    for (;;) {
      const cached = this.memo.get(item)
      if (cached) {
        place = cached
        break
      }
      chain.push(item)
      // Marked before it is resolved: a forged cycle of origins ends here as unknown.
      this.memo.set(item, 'unknown')
      const written = writtenPlace(item)
      if (written) {
        place = written
        break
      }
      const next = item.origin ?? item.rightOrigin
      const inUpdate = next && findInUpdate((this.byClient ??= groupByClient(this.structs)), next)
      if (inUpdate instanceof Y.Item) {
        item = inUpdate
        continue
      }
      place = next && !inUpdate ? this.placeInDoc(next) : 'unknown'
      break
    }
    for (const link of chain) this.memo.set(link, place)
    return place
  }

  private placeInDoc(id: Y.ID): Place {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return 'unknown'
    const known = Y.getItem(this.doc.store, id)
    if (!(known instanceof Y.Item)) return 'unknown'
    if (known.parent === this.records) return known.parentSub === null ? 'records' : 'other'
    if (known.parent === this.meta) return known.parentSub === 'schema' ? 'meta-schema' : 'other'
    return 'other'
  }
}

/** The place an item's own bytes name (a root and key), or null when it is implied by its origin. */
function writtenPlace(item: Y.Item): Place | null {
  if (typeof item.parent === 'string') {
    if (item.parent === RECORDS_KEY) return item.parentSub === null ? 'records' : 'other'
    if (item.parent === META_KEY) return item.parentSub === 'schema' ? 'meta-schema' : 'other'
    return 'other'
  }
  return item.parent !== null ? 'other' : null
}

function groupByClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  return byClient
}

/** Binary search for the struct covering `id` among one client's structs, which come sorted by clock. */
function findInUpdate(byClient: Map<number, Struct[]>, id: Y.ID): Struct | null {
  const list = byClient.get(id.client)
  if (!list) return null
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const struct = list[mid]
    if (id.clock < struct.id.clock) high = mid - 1
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
    else return struct
  }
  return null
}
