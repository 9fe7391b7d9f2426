import type * as Y from 'yjs'

/** The part of Yjs's struct store that holds updates whose dependencies have not arrived (not in its typings). */
interface PendingStore {
  pendingStructs: { update: Uint8Array } | null
  pendingDs: Uint8Array | null
}

/** Bytes Yjs holds for updates whose dependencies have not arrived: neither integrated nor stored. */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store as unknown as PendingStore
  return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0)
}

/** Drops what Yjs holds pending; nothing of it was acked, so its senders resend it when they resync. */
export function clearPending(doc: Y.Doc): void {
  const store = doc.store as unknown as PendingStore
  store.pendingStructs = null
  store.pendingDs = null
}
