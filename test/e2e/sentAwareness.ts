import * as decoding from 'lib0/decoding'
import type { BrowserContext } from 'playwright-core'
import { MessageType } from '../../shared/protocol/messages.js'

/**
 * Watches the WebSocket frames a context's pages send and collects, per
 * socket, the Yjs client ids their awareness frames speak for. A tab should
 * only ever speak for its own client id; the server refuses the rest and
 * counts them against the person's allowance.
 */
export function watchSentAwareness(context: BrowserContext): Set<number>[] {
  const sockets: Set<number>[] = []
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      const clientIds = new Set<number>()
      sockets.push(clientIds)
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string') for (const clientId of awarenessClientIds(payload)) clientIds.add(clientId)
      })
    }),
  )
  return sockets
}

/** The client ids an awareness frame carries states for (none for any other frame): `1, varUint8Array(count, (clientId, clock, state)*)`. */
function awarenessClientIds(frame: Buffer): number[] {
  const decoder = decoding.createDecoder(new Uint8Array(frame))
  if (decoding.readVarUint(decoder) !== MessageType.awareness) return []
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const clientIds: number[] = []
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    clientIds.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return clientIds
}
