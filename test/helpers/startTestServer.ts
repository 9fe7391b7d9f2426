import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type ServerHandle, type ServerLimits } from '../../server/createServer.js'
import { silentLogger, type Logger } from '../../server/log.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { openSqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
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

/** Starts a server on port 0; pass `dataDir` to reopen an earlier one's storage, `distDir` to serve a client, `log` to read what it logged. */
export async function startTestServer(options: { dataDir?: string; distDir?: string; limits?: Partial<ServerLimits>; now?: () => number; log?: Logger } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kuilu-test-'))
  const store = await openSqliteStore(join(dataDir, 'kuilu.sqlite'))
  const storage = store.docs
  const workshopStore = store.workshops
  const server = await createServer({
    secret: 'test-secret',
    workshops: { store: workshopStore },
    now: options.now,
    storage,
    log: options.log ?? silentLogger,
    port: 0,
    host: '127.0.0.1',
    distDir: options.distDir ?? null,
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
      await store.close()
      if (removeData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
