import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { WebSocketServer } from 'ws'
import { randomRoomName, type BenchServer } from './BenchServer.js'
import { createSnapshotStore } from './snapshotStore.js'

const require = createRequire(import.meta.url)

/**
 * The y-websocket 2.1.0 reference server (`setupWSConnection` from its bin
 * utilities) on a `ws` server. Its documented persistence hook loads a
 * document's SQLite snapshot on first join and writes it back when the last
 * client leaves (then the doc is dropped), so a cold load reads SQLite too.
 */
export async function startYWebsocket(): Promise<BenchServer> {
  const Y = require('yjs') as typeof import('yjs')
  const utils = require('y-websocket-ref/bin/utils') as {
    setupWSConnection(ws: unknown, request: unknown): void
    setPersistence(persistence: unknown): void
    docs: Map<string, unknown>
  }
  const store = createSnapshotStore()
  utils.setPersistence({
    provider: store,
    bindState: async (name: string, doc: import('yjs').Doc) => {
      const state = store.load(name)
      if (state) Y.applyUpdate(doc, state)
    },
    writeState: async (name: string, doc: import('yjs').Doc) => store.save(name, Y.encodeStateAsUpdate(doc)),
  })
  const wss = new WebSocketServer({ noServer: true })
  const http = createServer((_request, response) => response.writeHead(404).end())
  http.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => utils.setupWSConnection(ws, request))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  return {
    port,
    framing: 'y-websocket',
    urlFor: (room) => `ws://127.0.0.1:${port}/${room}`,
    createRooms: async (count) => Array.from({ length: count }, randomRoomName),
    isLoaded: (room) => utils.docs.has(room),
    loadedTotal: () => utils.docs.size,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      store.close()
    },
  }
}
