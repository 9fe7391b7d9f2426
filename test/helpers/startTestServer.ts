import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type ServerHandle, type ServerLimits } from '../../server/createServer.js'
import { silentLogger } from '../../server/log.js'
import { createSqliteStorage } from '../../server/storage/createSqliteStorage.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { createSqliteWorkshopStore } from '../../server/workshops/createSqliteWorkshopStore.js'
import type { WorkshopStore } from '../../server/workshops/WorkshopStore.js'

/** A real server on port 0 with real SQLite in a temp dir. */
export interface TestServer {
  server: ServerHandle
  storage: DocStorage
  workshopStore: WorkshopStore
  dataDir: string
  /** ws://127.0.0.1:port/sync, the serverUrl a WebsocketProvider takes. */
  syncUrl: string
  /** Creates a board through the HTTP API and returns its id. */
  createBoard(): Promise<string>
  /** Stops the server and closes storage; keeps the data dir unless `removeData`. */
  close(options?: { removeData?: boolean }): Promise<void>
}

/** Starts a server on port 0; pass `dataDir` to reopen an earlier one's storage. */
export async function startTestServer(options: { dataDir?: string; limits?: Partial<ServerLimits>; now?: () => number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kuilu-test-'))
  const storage = createSqliteStorage(join(dataDir, 'kuilu.sqlite'))
  const workshopStore = createSqliteWorkshopStore(join(dataDir, 'kuilu.sqlite'))
  const server = await createServer({
    workshops: { store: workshopStore, secret: 'test-secret' },
    now: options.now,
    storage,
    log: silentLogger,
    port: 0,
    host: '127.0.0.1',
    distDir: null,
    limits: { idleUnloadMs: 0, ...options.limits },
  })
  return {
    server,
    storage,
    workshopStore,
    dataDir,
    syncUrl: `ws://127.0.0.1:${server.port}/sync`,
    async createBoard() {
      const response = await fetch(`${server.url}/api/boards`, { method: 'POST' })
      if (response.status !== 201) throw new Error(`create board: HTTP ${response.status}`)
      return ((await response.json()) as { id: string }).id
    },
    async close({ removeData = false } = {}) {
      await server.close()
      await workshopStore.close()
      await storage.close()
      if (removeData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
