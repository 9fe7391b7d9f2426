import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'
import { randomRoomName, type BenchServer } from './BenchServer.js'
import { createSnapshotStore } from './snapshotStore.js'

/**
 * Hocuspocus 4.7 with its defaults (flushDelay 0: updates coalesced per tick,
 * unloadImmediately) and a SQLite snapshot store in `onLoadDocument` /
 * `onStoreDocument` (debounced 2 s, as its database extension does).
 */
export async function startHocuspocus(): Promise<BenchServer> {
  const store = createSnapshotStore()
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    async onLoadDocument({ documentName, document }) {
      const state = store.load(documentName)
      if (state) Y.applyUpdate(document, state)
    },
    async onStoreDocument({ documentName, document }) {
      store.save(documentName, Y.encodeStateAsUpdate(document))
    },
  })
  await server.listen()
  const port = server.address.port
  return {
    port,
    framing: 'hocuspocus',
    urlFor: () => `ws://127.0.0.1:${port}/`,
    createRooms: async (count) => Array.from({ length: count }, randomRoomName),
    isLoaded: (room) => server.hocuspocus.documents.has(room) || server.hocuspocus.loadingDocuments.has(room),
    loadedTotal: () => server.hocuspocus.documents.size + server.hocuspocus.loadingDocuments.size,
    async close() {
      await server.destroy()
      store.close()
    },
  }
}
