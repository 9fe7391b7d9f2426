import * as Y from 'yjs'
import type { Clocks } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { validateRecordEntry, type Result } from '../../shared/schema/validateRecord.js'

type Where = 'records' | 'other' | 'unknown'

/**
 * Reads an incoming Yjs update before it is applied: every JSON value it
 * inserts into the board's records array must pass the shared record
 * validator. An item's parent is often implied by its origin rather than
 * written, so it is resolved through earlier items of the same update or
 * through the room's doc. Values whose parent cannot be resolved are
 * validated as records too: when in doubt, the stricter reading.
 * Returns the clocks the update reaches, which the sender is acked with.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Result<Clocks> {
  const { structs } = Y.decodeUpdate(update)
  const clocks: Clocks = {}
  const records = doc.getArray(RECORDS_KEY)
  const byClient = groupByClient(structs)
  const memo = new Map<Y.Item, Where>()

  const whereIsId = (id: Y.ID): Where => {
    const inUpdate = findInUpdate(byClient, id)
    if (inUpdate) return inUpdate instanceof Y.Item ? whereIsItem(inUpdate) : 'unknown'
    if (id.clock >= Y.getState(doc.store, id.client)) return 'unknown'
    const known = Y.getItem(doc.store, id)
    if (!(known instanceof Y.Item)) return 'unknown'
    return known.parent === records ? 'records' : 'other'
  }
  const whereIsItem = (item: Y.Item): Where => {
    const cached = memo.get(item)
    if (cached) return cached
    let where: Where
    if (typeof item.parent === 'string') where = item.parent === RECORDS_KEY ? 'records' : 'other'
    else if (item.parent !== null) where = 'other'
    else if (item.origin) where = whereIsId(item.origin)
    else if (item.rightOrigin) where = whereIsId(item.rightOrigin)
    else where = 'unknown'
    memo.set(item, where)
    return where
  }

  for (const struct of structs) {
    const end = struct.id.clock + struct.length
    const key = String(struct.id.client)
    if ((clocks[key] ?? 0) < end) clocks[key] = end
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    if (whereIsItem(struct) === 'other') continue
    for (const entry of struct.content.arr) {
      const checked = validateRecordEntry(entry)
      if (!checked.ok) return checked
    }
  }
  return { ok: true, value: clocks }
}

function groupByClient(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): Map<number, (Y.Item | Y.GC | Y.Skip)[]> {
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  return byClient
}

/** Binary search for the struct covering `id` among one client's structs, which come sorted by clock. */
function findInUpdate(byClient: Map<number, (Y.Item | Y.GC | Y.Skip)[]>, id: Y.ID): Y.Item | Y.GC | Y.Skip | null {
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
