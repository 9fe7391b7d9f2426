import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchServer } from './BenchServer.js'

/** Imports a module of our server from `codeRoot` (a snapshot of server/ and shared/ taken when the run began). */
const load = <T>(codeRoot: string, path: string): Promise<T> => import(pathToFileURL(join(codeRoot, path)).href) as Promise<T>

/**
 * Our server as `npm start` runs it: SQLite in a temp dir (WAL, synchronous=FULL,
 * commit before broadcast), rooms evicted as soon as they are empty so a cold
 * load really reads SQLite. Serves the built client from `distDir` (the browser part).
 * `storageKind: 'memory'` swaps SQLite for the in-memory store, for diagnosis only.
 */
export async function startOurs(codeRoot: string, distDir: string | null, storageKind: 'sqlite' | 'memory' = 'sqlite', sqliteThread: 'worker' | 'main' = 'worker'): Promise<BenchServer> {
  const { createServer } = await load<typeof import('../../../server/createServer.js')>(codeRoot, 'server/createServer.ts')
  const { silentLogger } = await load<typeof import('../../../server/log.js')>(codeRoot, 'server/log.ts')
  const { openSqliteStore } = await load<typeof import('../../../server/storage/sqlite/openSqliteStore.js')>(codeRoot, 'server/storage/sqlite/openSqliteStore.ts')
  const { createBoardId } = await load<typeof import('../../../shared/schema/boardId.js')>(codeRoot, 'shared/schema/boardId.ts')
  const { createMemoryStorage } = await load<typeof import('../../../server/storage/createMemoryStorage.js')>(codeRoot, 'server/storage/createMemoryStorage.ts')
  const dir = mkdtempSync(join(tmpdir(), 'kuilu-bench-ours-'))
  // Memory storage is a diagnostic only (`--ours-storage memory`): it shows what durability costs.
  const storage = storageKind === 'memory' ? createMemoryStorage() : (await openSqliteStore(join(dir, 'kuilu.sqlite'), { thread: sqliteThread })).docs
  // Every load client connects from 127.0.0.1: the per-address allowances (made for a room of people behind one NAT) would
  // throttle the whole bench as one person, so they are raised here; the per-person allowances stay as shipped.
  const limits = { idleUnloadMs: 0, addressAllowanceFactor: 1_000_000, maxJoinsPerMinute: 1_000_000 }
  const handle = await createServer({ storage, log: silentLogger, port: 0, host: '127.0.0.1', distDir, limits })
  return {
    port: handle.port,
    framing: 'y-websocket',
    urlFor: (room) => `ws://127.0.0.1:${handle.port}/sync/${room}`,
    async createRooms(count) {
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const id = createBoardId()
        await storage.createBoard({ id, createdAt: Date.now(), initialUpdate: null, workshop: null })
        ids.push(id)
      }
      return ids
    },
    isLoaded: (room) => handle.registry.isLoaded(room),
    loadedTotal: () => handle.registry.size,
    async close() {
      await handle.close()
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
