import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from './log.js'
import { createHttpHandler } from './http/createHttpHandler.js'
import { RoomRegistry, type RoomRegistryOptions } from './rooms/RoomRegistry.js'
import { openBoardHooks } from './rooms/Room.js'
import type { DocStorage } from './storage/DocStorage.js'
import { createWorkshopHooks } from './workshops/createWorkshopHooks.js'
import { createWorkshopService, type WorkshopService } from './workshops/createWorkshopService.js'
import type { WorkshopStore } from './workshops/WorkshopStore.js'
import { createSyncServer } from './ws/createSyncServer.js'

/** Named limits and timings; see DESIGN.md, invariant 6. */
export interface ServerLimits extends RoomRegistryOptions {
  /** Largest WebSocket frame accepted, in bytes. */
  maxFrameBytes: number
}

/** Defaults for every limit. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  compactAfterUpdates: 500,
  idleUnloadMs: 5_000,
  maxAwarenessPerSecond: 30,
  maxUpdatesPerSecond: 120,
  maxDocBytes: 64 * 1024 * 1024,
}

/** What `createServer` takes: its dependencies, no globals. */
export interface ServerOptions {
  storage: DocStorage
  log: Logger
  port: number
  host?: string
  distDir: string | null
  limits?: Partial<ServerLimits>
  /** Workshops, roles and voting; without it every board is an open board. */
  workshops?: { store: WorkshopStore; secret: string } | null
  /** The clock; tests pass their own to reach expiry. */
  now?: () => number
}

/** A running server. `close()` stops accepting, flushes every room and closes sockets with 1001. */
export interface ServerHandle {
  readonly port: number
  readonly url: string
  readonly registry: RoomRegistry
  readonly workshops: WorkshopService | null
  close(): Promise<void>
}

/** Starts the HTTP + WebSocket server; resolves once it listens. */
export async function createServer(options: ServerOptions): Promise<ServerHandle> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const { storage, log } = options
  const now = options.now ?? Date.now
  const hooksFor = options.workshops ? createWorkshopHooks({ store: options.workshops.store, log, now }) : async () => openBoardHooks
  const registry = new RoomRegistry(storage, log, limits, hooksFor)
  let workshops: WorkshopService | null = null
  const sync = createSyncServer({
    registry,
    storage,
    log,
    maxFrameBytes: limits.maxFrameBytes,
    authorize: async (boardId, query) => (workshops ? workshops.authorizeJoin(boardId, query) : { ok: true, session: null }),
  })
  if (options.workshops) {
    workshops = createWorkshopService({ ...options.workshops, docs: storage, now, closeLink: (linkId, code) => sync.closeLink(linkId, code) })
  }
  const handler = createHttpHandler({ storage, registry, log, distDir: options.distDir, connectionCount: () => sync.connectionCount, workshops, workshopStore: options.workshops?.store ?? null })
  const server = createHttpServer(handler)
  server.on('upgrade', (request, socket, head) => {
    if (!sync.handleUpgrade(request, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    registry,
    workshops,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        sync.close()
        await registry.closeAll()
        server.closeAllConnections()
        await stopped
      })()
      return closing
    },
  }
}
