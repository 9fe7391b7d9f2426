import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, PROTOCOL_VERSION, parseServerControl, type Clocks, type ControlMessage } from '../../shared/protocol/messages.js'
import type { SaveTracker } from './SaveTracker.js'

/**
 * Opens our control channel on a y-websocket provider: says hello on every
 * connect, handles control frames (acks settle the SaveTracker), and counts
 * local updates as owed until the server acks them.
 */
export function attachControlChannel(
  provider: WebsocketProvider,
  tracker: SaveTracker,
  options: { countsLocalUpdates?: () => boolean } = {},
  onMessage: (message: ControlMessage) => void = () => {},
): { close(): void } {
  const countsLocalUpdates = options.countsLocalUpdates ?? (() => true)
  const doc = provider.doc
  provider.messageHandlers[MessageType.control] = (_encoder, decoder) => {
    const message = parseServerControl(decoding.readVarString(decoder))
    if (!message) return
    if (message.type === 'welcome') tracker.setOnline(true)
    if (message.type === 'ack') tracker.ack(message.clocks)
    onMessage(message)
  }
  const onStatus = ({ status }: { status: string }): void => {
    if (status !== 'connected') return tracker.setOnline(false)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.control)
    encoding.writeVarString(encoder, JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }))
    provider.ws?.send(encoding.toUint8Array(encoder))
  }
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === provider || !countsLocalUpdates()) return
    const clocks: Clocks = {}
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) clocks[client] = clock
    tracker.addLocal(clocks)
  }
  provider.on('status', onStatus)
  doc.on('update', onUpdate)
  if (provider.wsconnected) onStatus({ status: 'connected' })
  return {
    close() {
      provider.off('status', onStatus)
      doc.off('update', onUpdate)
      delete provider.messageHandlers[MessageType.control]
    },
  }
}
