import * as Y from 'yjs'

/** Each client's next clock in a doc: what the doc has integrated (pending structs excluded). */
export function stateClocks(doc: Y.Doc): Map<number, number> {
  const clocks = new Map<number, number>()
  for (const client of doc.store.clients.keys()) clocks.set(client, Y.getState(doc.store, client))
  return clocks
}

/** An encoded Yjs state vector as clocks per client. */
export function stateVectorClocks(stateVector: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(stateVector)
}
