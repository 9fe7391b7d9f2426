import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/protocol/messages.js'

/** A Yjs update that carries nothing: no structs, an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0])

/**
 * Keeps a viewer's client from ever sending a document update. The server
 * drops a viewer's writes anyway (DESIGN.md invariant 3); this keeps the
 * viewer's tab from trying, so it never waits on an ack that cannot come
 * ("Saving…") and is never answered with a refusal. A stock provider sends
 * every local update, and answers the server's sync step 1 with whatever
 * the server lacks (a cached doc's delete set, for one); while `isViewer()`
 * holds, local updates stay local and step 1 is answered with an empty
 * update, so the handshake keeps its shape. Updates from the server are
 * applied as before.
 */
export function gateViewerWrites(provider: WebsocketProvider, isViewer: () => boolean): { close(): void } {
  const { doc } = provider
  const sendUpdate = provider._updateHandler
  const readSync = provider.messageHandlers[MessageType.sync]
  const gatedUpdate = (update: Uint8Array, origin: unknown): void => {
    if (!isViewer()) sendUpdate(update, origin)
  }
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, _provider, emitSynced, messageType) => {
    if (!isViewer()) return readSync(encoder, decoder, provider, emitSynced, messageType)
    const syncType = decoding.readVarUint(decoder)
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      decoding.readVarUint8Array(decoder)
      encoding.writeVarUint(encoder, MessageType.sync)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
      return
    }
    if (syncType === syncProtocol.messageYjsSyncStep2) {
      syncProtocol.readSyncStep2(decoder, doc, provider)
      if (emitSynced && !provider.synced) provider.synced = true
      return
    }
    if (syncType === syncProtocol.messageYjsUpdate) syncProtocol.readUpdate(decoder, doc, provider)
  }
  doc.off('update', sendUpdate)
  doc.on('update', gatedUpdate)
  return {
    close() {
      doc.off('update', gatedUpdate)
      provider.messageHandlers[MessageType.sync] = readSync
    },
  }
}

/**
 * Reads y-websocket's permission-denied message without printing it. The
 * stock handler writes the provider's URL to the console, and that URL holds
 * the invite token; the same refusal also arrives on the control channel
 * with a reason code, which is what the UI shows.
 */
export function silencePermissionDenied(provider: WebsocketProvider): void {
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, () => {})
  }
}
