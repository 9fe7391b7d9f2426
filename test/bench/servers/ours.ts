import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchServer } from './BenchServer.js'
import { countAppendStatements, NO_APPENDS, type AppendCounts } from './pgAppendCounter.js'

/** Imports a module of our server from `codeRoot` (a snapshot of server/ and shared/ taken when the run began). */
const load = <T>(codeRoot: string, path: string): Promise<T> => import(pathToFileURL(join(codeRoot, path)).href) as Promise<T>

/**
 * Where ours keeps boards: SQLite as `npm start` runs it (commits on the
 * storage thread, or `main` for diagnosis), memory (diagnosis only: no
 * durability), or PostgreSQL at a URL (the scale-out section), optionally
 * with Redis fan-out so that several instances share rooms.
 */
export type OursStorage =
  | { kind: 'sqlite'; thread: 'worker' | 'main' }
  | { kind: 'memory' }
  | { kind: 'postgres'; url: string; redis: { url: string; prefix: string } | null }

/** Ours as a bench server, plus what its PostgreSQL store committed (zeros on the other stores). */
export interface OursBenchServer extends BenchServer {
  appendCounts(): AppendCounts
  /** How long each PostgreSQL group commit took (ms) since the last call; empty on the other stores. */
  takeAppendTimes(): number[]
}

/**
 * Our server as `npm start` runs it: SQLite in a temp dir (WAL, synchronous=FULL,
 * commit before broadcast), rooms evicted as soon as they are empty so a cold
 * load really reads SQLite. Serves the built client from `distDir` (the browser part).
 * On PostgreSQL the store and the Redis fan-out are opened as server/main.ts
 * opens them for DATABASE_URL and REDIS_URL.
 */
export async function startOurs(codeRoot: string, distDir: string | null, storageKind: OursStorage = { kind: 'sqlite', thread: 'worker' }): Promise<OursBenchServer> {
  const { createServer } = await load<typeof import('../../../server/createServer.js')>(codeRoot, 'server/createServer.ts')
  const { silentLogger } = await load<typeof import('../../../server/log.js')>(codeRoot, 'server/log.ts')
  const { createBoardId } = await load<typeof import('../../../shared/schema/boardId.js')>(codeRoot, 'shared/schema/boardId.ts')
  const dir = mkdtempSync(join(tmpdir(), 'kuilu-bench-ours-'))
  const opened = await openStorage(codeRoot, dir, storageKind)
  const { storage } = opened
  // Every load client connects from 127.0.0.1: the per-address allowances (made for a room of people behind one NAT) would
  // throttle the whole bench as one person, so they are raised here; the per-person allowances stay as shipped.
  const limits = { idleUnloadMs: 0, addressAllowanceFactor: 1_000_000, maxJoinsPerMinute: 1_000_000 }
  const handle = await createServer({ storage, log: silentLogger, port: 0, host: '127.0.0.1', distDir, limits, pubsub: opened.pubsub })
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
    appendCounts: opened.appendCounts,
    takeAppendTimes: opened.takeAppendTimes,
    async close() {
      await handle.close()
      await opened.pubsub?.close()
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

type DocStorage = import('../../../server/storage/DocStorage.js').DocStorage
type PubSub = import('../../../server/pubsub/PubSub.js').PubSub

interface OpenedStorage {
  storage: DocStorage
  pubsub?: PubSub
  appendCounts: () => AppendCounts
  takeAppendTimes: () => number[]
}

async function openStorage(codeRoot: string, dir: string, storage: OursStorage): Promise<OpenedStorage> {
  const none = { appendCounts: (): AppendCounts => NO_APPENDS, takeAppendTimes: (): number[] => [] }
  if (storage.kind === 'memory') {
    // Memory storage is a diagnostic only (`--ours-storage memory`): it shows what durability costs.
    const { createMemoryStorage } = await load<typeof import('../../../server/storage/createMemoryStorage.js')>(codeRoot, 'server/storage/createMemoryStorage.ts')
    return { storage: createMemoryStorage(), ...none }
  }
  if (storage.kind === 'sqlite') {
    const { openSqliteStore } = await load<typeof import('../../../server/storage/sqlite/openSqliteStore.js')>(codeRoot, 'server/storage/sqlite/openSqliteStore.ts')
    return { storage: (await openSqliteStore(join(dir, 'kuilu.sqlite'), { thread: storage.thread })).docs, ...none }
  }
  const counter = countAppendStatements()
  const counted = { appendCounts: counter.read, takeAppendTimes: counter.takeTimes }
  const { openPostgresStore } = await load<typeof import('../../../server/storage/postgres/openPostgresStore.js')>(codeRoot, 'server/storage/postgres/openPostgresStore.ts')
  const store = await openPostgresStore(storage.url)
  if (!storage.redis) return { storage: store.docs, ...counted }
  const { createRedisPubSub } = await load<typeof import('../../../server/pubsub/createRedisPubSub.js')>(codeRoot, 'server/pubsub/createRedisPubSub.ts')
  const { silentLogger } = await load<typeof import('../../../server/log.js')>(codeRoot, 'server/log.ts')
  const pubsub = await createRedisPubSub(storage.redis.url, { log: silentLogger, prefix: storage.redis.prefix })
  return { storage: store.docs, pubsub, ...counted }
}
