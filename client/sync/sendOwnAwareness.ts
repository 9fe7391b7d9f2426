import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/protocol/messages.js'

/** What an awareness 'update' event names: the client ids whose states were added, renewed or removed. */
interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * Makes the provider send this client's own awareness state and nothing
 * else. y-websocket sends every awareness update it sees, so each tab echoed
 * every other person's cursor back to the server: the server drops a state
 * for a client id the connection does not own, but counts the frame against
 * this person's allowance (and the address's, shared by a whole room behind
 * one NAT), so four people moving at once could get each other closed with
 * 4529. Our own state still goes out on every change and on the periodic
 * renewal that keeps it from timing out; leaving sends our null state.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): { close(): void } {
  const { awareness } = provider
  const sendOwn = ({ added, updated, removed }: AwarenessChanges): void => {
    const own = [...added, ...updated, ...removed].filter((clientId) => clientId === awareness.clientID)
    const socket = provider.ws
    if (own.length === 0 || !provider.wsconnected || !socket || socket.readyState !== socket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own))
    socket.send(encoding.toUint8Array(encoder))
  }
  awareness.off('update', provider._awarenessUpdateHandler)
  awareness.on('update', sendOwn)
  return {
    close() {
      awareness.off('update', sendOwn)
    },
  }
}
