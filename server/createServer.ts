import { randomBytes } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_PRESENCE_LIMITS } from '../shared/schema/presenceState.js'
import { createBoardService } from './boards/BoardService.js'
import { createHttpHandler } from './http/createHttpHandler.js'
import type { Logger } from './log.js'
import { Allowances, KeyedAllowance, type AllowanceRate } from './rooms/Allowances.js'
import type { RoomAllowances } from './rooms/Room.js'
import { openBoardHooks } from './rooms/RoomHooks.js'
import { RoomRegistry } from './rooms/RoomRegistry.js'
import type { DocStorage } from './storage/DocStorage.js'
import { authorizeJoin } from './workshops/authorize.js'
import { createWorkshopHooks } from './workshops/createWorkshopHooks.js'
import { createWorkshopService, type WorkshopService } from './workshops/createWorkshopService.js'
import { createWorkshopRooms } from './workshops/workshopRooms.js'
import type { WorkshopStore } from './workshops/WorkshopStore.js'
import { createSyncServer, type SyncServer } from './ws/createSyncServer.js'
import { boardChannel, decodeLinkChange, encodeBoardMessage, encodeLinkChange, LINKS_CHANNEL } from './pubsub/boardMessages.js'
import { createLocalPubSub, type PubSub } from './pubsub/PubSub.js'
import type { ControlMessage } from '../shared/protocol/messages.js'

/** Named limits and timings; see DESIGN.md, invariant 6. Rates are per person, with bursts of two seconds' worth. */
export interface ServerLimits {
  /** Largest WebSocket frame accepted, in bytes. */
  maxFrameBytes: number
  /** Compact a board's update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** How long an empty room stays in memory before it is committed and unloaded. */
  idleUnloadMs: number
  /** Awareness relays per second per connection; faster ones are coalesced into the latest. A person sending four times this is closed with 4529. */
  maxAwarenessPerSecond: number
  /** Document updates per second per person; past it the connection is closed with 4529. */
  maxUpdatesPerSecond: number
  /** Control messages (votes, timer, …) per second per person; past it the connection is closed with 4529. */
  maxControlPerSecond: number
  /** An address (many people behind one NAT) may send this many times a person's rate. */
  addressAllowanceFactor: number
  /** Connections one address may open per minute; past it the upgrade gets 429. */
  maxJoinsPerMinute: number
  /** Largest a board may grow in stored bytes. */
  maxDocBytes: number
  /** Bytes of updates a room holds waiting for missing dependencies. */
  maxPendingBytes: number
  /** Bytes queued for one slow reader before it is closed. */
  maxBufferedBytes: number
  /** Boards one address may create per hour, steadily (`/new`, the create and import calls). */
  maxBoardsPerHour: number
  /** Boards one address may create at once before the hourly rate applies. */
  boardBurst: number
}

/** Defaults for every limit. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  compactAfterUpdates: 500,
  idleUnloadMs: 5_000,
  maxAwarenessPerSecond: 30,
  maxUpdatesPerSecond: 120,
  maxControlPerSecond: 20,
  // A workshop room of twenty laptops behind one address, all at a person's full rate.
  addressAllowanceFactor: 20,
  // Thirty people reconnecting at once after a network blip, twice.
  maxJoinsPerMinute: 60,
  maxDocBytes: 64 * 1024 * 1024,
  // Honest clients leave little pending (a dependency racing on another socket); Yjs re-merges all of it on every arrival.
  maxPendingBytes: 256 * 1024,
  // A joiner of a full board receives it in one frame; what comes after may queue behind it.
  maxBufferedBytes: 80 * 1024 * 1024,
  // A facilitator preparing a workshop makes a handful of boards at once and a few an hour; a script making one a second is stopped after 20.
  maxBoardsPerHour: 60,
  boardBurst: 20,
}

/** What `createServer` takes: its dependencies, no globals. */
export interface ServerOptions {
  storage: DocStorage
  log: Logger
  port: number
  host?: string
  distDir: string | null
  limits?: Partial<ServerLimits>
  /** Signs person credentials (and, with workshops, invite links); a random one when not given, so credentials last one process. */
  secret?: string
  /** Workshops, roles and voting; without it every board is an open board. */
  workshops?: { store: WorkshopStore } | null
  /** The clock; tests pass their own to reach expiry. */
  now?: () => number
  /** News between instances (Redis); the default hears nobody: one process serves every board. */
  pubsub?: PubSub
}

/** A running server. `close()` stops accepting, commits every room and closes sockets with 1001. */
export interface ServerHandle {
  readonly port: number
  readonly url: string
  readonly registry: RoomRegistry
  readonly workshops: WorkshopService | null
  close(): Promise<void>
}

/** The allowances of every room, per person and per address. */
function roomAllowances(limits: ServerLimits): RoomAllowances {
  const rates = (perSecond: number): [AllowanceRate, AllowanceRate] => [
    { perSecond, burstSeconds: 2 },
    { perSecond: perSecond * limits.addressAllowanceFactor, burstSeconds: 2 },
  ]
  return {
    updates: new KeyedAllowance(...rates(limits.maxUpdatesPerSecond)),
    control: new KeyedAllowance(...rates(limits.maxControlPerSecond)),
    awareness: new KeyedAllowance(...rates(4 * limits.maxAwarenessPerSecond)),
  }
}

/** Starts the HTTP + WebSocket server; resolves once it listens. */
export async function createServer(options: ServerOptions): Promise<ServerHandle> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const { storage, log } = options
  const now = options.now ?? Date.now
  const secret = options.secret ?? randomBytes(32).toString('base64url')
  const store = options.workshops?.store ?? null
  const pubsub = options.pubsub ?? createLocalPubSub()
  const publishToBoard = (boardId: string, message: ControlMessage) => pubsub.publish(boardChannel(boardId), encodeBoardMessage(pubsub.instanceId, { kind: 'control', message }))
  const rooms = store ? createWorkshopRooms({ store, log, publishToBoard }) : null
  const hooksFor = store && rooms ? createWorkshopHooks({ store, log, now, rooms }) : async () => openBoardHooks
  const registry = new RoomRegistry(storage, log, { ...limits, presenceLimits: DEFAULT_PRESENCE_LIMITS, allowances: roomAllowances(limits), pubsub }, hooksFor)
  const boards = createBoardService({ storage, log, now })
  const sync = createSyncServer({
    registry,
    storage,
    log,
    secret,
    now,
    maxFrameBytes: limits.maxFrameBytes,
    maxBufferedBytes: limits.maxBufferedBytes,
    joins: new Allowances({ perSecond: limits.maxJoinsPerMinute / 60, burstSeconds: 60 }),
    authorize: async ({ boardId, query, personId }) =>
      store ? authorizeJoin(store, secret, { boardId, token: query.get('token'), personId, name: query.get('name'), now: now() }) : { ok: true, value: null },
  })
  const links = sharedLinks(sync.links, pubsub, log)
  const workshops = store && rooms ? createWorkshopService({ store, boards, secret, now, links, boardsChanged: (workshopId) => rooms.announceBoards(workshopId) }) : null
  const handler = createHttpHandler({ storage, boards, registry, log, distDir: options.distDir, connectionCount: () => sync.connectionCount, workshops, workshopStore: store, limits })
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
        links.close()
        await registry.closeAll()
        server.closeAllConnections()
        await stopped
      })()
      return closing
    },
  }
}

/** A link's revocation or new expiry, acted on here and on every other instance (their sockets of that link close too). */
function sharedLinks(local: SyncServer['links'], pubsub: PubSub, log: Logger): SyncServer['links'] & { close(): void } {
  const unsubscribe = pubsub.subscribe(LINKS_CHANNEL, (bytes) => {
    try {
      const { instanceId, change } = decodeLinkChange(bytes)
      if (instanceId === pubsub.instanceId) return
      if (change.expiresAt === null) local.revoked(change.linkId)
      else local.expiryChanged(change.linkId, change.expiresAt)
    } catch (error) {
      log.warn('unreadable link change from another instance dropped', { error: String(error) })
    }
  })
  return {
    revoked(linkId) {
      local.revoked(linkId)
      pubsub.publish(LINKS_CHANNEL, encodeLinkChange(pubsub.instanceId, { linkId, expiresAt: null }))
    },
    expiryChanged(linkId, expiresAt) {
      local.expiryChanged(linkId, expiresAt)
      pubsub.publish(LINKS_CHANNEL, encodeLinkChange(pubsub.instanceId, { linkId, expiresAt }))
    },
    close: unsubscribe,
  }
}
