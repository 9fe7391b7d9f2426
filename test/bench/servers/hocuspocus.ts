import { Server, type Extension } from '@hocuspocus/server'
import { Redis } from '@hocuspocus/extension-redis'
import * as Y from 'yjs'
import { randomRoomName, type BenchServer } from './BenchServer.js'
import { openPgSnapshotStore } from './pgSnapshotStore.js'
import { createSnapshotStore } from './snapshotStore.js'

/** Several Hocuspocus instances on one PostgreSQL (snapshots) and one Redis (`@hocuspocus/extension-redis`), as the scale-out section runs them. */
export interface HocuspocusShared {
  databaseUrl: string
  redis: { url: string; prefix: string }
}

/**
 * Hocuspocus 4.7 with its defaults (flushDelay 0: updates coalesced per tick,
 * unloadImmediately) and a SQLite snapshot store in `onLoadDocument` /
 * `onStoreDocument` (debounced 2 s, as its database extension does). With
 * `shared`, the snapshots live in PostgreSQL and `@hocuspocus/extension-redis`
 * 4.7 (its defaults) joins the instances, as its documentation sets it up.
 */
export async function startHocuspocus(shared: HocuspocusShared | null = null): Promise<BenchServer> {
  const store = shared ? await openPgSnapshotStore(shared.databaseUrl) : createSnapshotStore()
  const extensions: Extension[] = []
  if (shared) {
    const redis = new URL(shared.redis.url)
    // Its channels and lock keys start with the prefix; the run's own prefix keeps them apart from anyone else's.
    extensions.push(new Redis({ host: redis.hostname, port: Number(redis.port || 6379), prefix: `${shared.redis.prefix}hocuspocus` }))
  }
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    extensions,
    async onLoadDocument({ documentName, document }) {
      const state = await store.load(documentName)
      if (state) Y.applyUpdate(document, state)
    },
    async onStoreDocument({ documentName, document }) {
      await store.save(documentName, Y.encodeStateAsUpdate(document))
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
      await store.close()
    },
  }
}
