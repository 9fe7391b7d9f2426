import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { waitFor } from './waitFor.js'

/** A stock y-websocket client on a board, as any Yjs app would connect. */
export interface StockClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: YKeyValue<Record<string, unknown>>
  /** Frames of message types the stock client does not know (it would log them as errors). */
  unknownFrames: number[]
  destroy(): void
}

/** Connects a stock `WebsocketProvider` (ws polyfill, no BroadcastChannel) and waits for its first sync. */
export async function connectStockClient(
  syncUrl: string,
  boardId: string,
  options: { waitForSync?: boolean; params?: Record<string, string>; /** A doc that already holds state, e.g. edits made offline. */ doc?: Y.Doc } = {},
): Promise<StockClient> {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: options.params ?? {},
  })
  const unknownFrames: number[] = []
  provider.on('status', () => {
    const ws = provider.ws as unknown as WebSocket | null
    ws?.addEventListener('message', (event) => {
      const type = new Uint8Array(event.data as ArrayBuffer)[0]
      if (type > 3) unknownFrames.push(type)
    })
  })
  const records = new YKeyValue<Record<string, unknown>>(doc.getArray(RECORDS_KEY))
  if (options.waitForSync !== false) await waitFor(() => provider.synced, { what: 'provider sync' })
  return {
    doc,
    provider,
    records,
    unknownFrames,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export { geoShape } from './geoShape.js'
