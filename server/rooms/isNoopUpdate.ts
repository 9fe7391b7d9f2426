import * as Y from 'yjs'

/** Past this many deleted clocks an update counts as a write without checking further: bounded work per frame. */
const MAX_CHECKED_DELETES = 100_000

/**
 * Whether applying an update would change nothing: every item it carries is
 * already in the doc and every deletion already applied. A read-only client
 * re-sends such updates as part of the normal sync handshake; they are not
 * writes and must not be answered with permission-denied.
 */
export function isNoopUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false
  }
  if (ds.clients.size === 0) return true
  const applied = Y.createDeleteSetFromStructStore(doc.store)
  let budget = MAX_CHECKED_DELETES
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      budget -= range.len
      if (budget < 0) return false
      for (let clock = range.clock; clock < range.clock + range.len; clock++) {
        if (!Y.isDeleted(applied, new Y.ID(client, clock) as never)) return false
      }
    }
  }
  return true
}
