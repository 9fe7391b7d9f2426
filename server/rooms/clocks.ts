import * as Y from 'yjs'
import type { Clocks } from '../../shared/protocol/messages.js'

/** Raises each client's clock in `into` to the one in `from` where that is higher. */
export function mergeClocksInto(into: Clocks, from: Clocks): void {
  for (const client in from) {
    if ((into[client] ?? 0) < from[client]) into[client] = from[client]
  }
}

/** An encoded Yjs state vector as ack clocks. */
export function stateClocks(stateVector: Uint8Array): Clocks {
  const clocks: Clocks = {}
  for (const [client, clock] of Y.decodeStateVector(stateVector)) clocks[client] = clock
  return clocks
}
