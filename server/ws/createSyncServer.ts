import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode, closeReason } from '../../shared/protocol/closeCodes.js'
import { isBoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { ConnectionSession, Room, RoomConnection } from '../rooms/Room.js'
import type { RoomRegistry } from '../rooms/RoomRegistry.js'
import type { DocStorage } from '../storage/DocStorage.js'

/** The path prefix of the sync endpoint: `ws://host:port/sync/<boardId>`. */
export const SYNC_PATH = '/sync/'

/** Dependencies and limits of the sync endpoint. */
export interface SyncServerOptions {
  registry: RoomRegistry
  storage: DocStorage
  log: Logger
  /** Largest frame accepted; a larger one closes its socket with 1009. */
  maxFrameBytes: number
  /** Decides who the connection is (invite token, name) before any document byte is sent. */
  authorize(boardId: string, query: URLSearchParams): Promise<{ ok: true; session: ConnectionSession | null } | { ok: false; code: CloseCode; reason: string }>
}

/** The sync endpoint: takes HTTP upgrades on /sync/<boardId>. */
export interface SyncServer {
  /** Handles an upgrade when its path is ours; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Number of open sockets. */
  readonly connectionCount: number
  /** Closes the open connections that came in through an invite link (when it is revoked). */
  closeLink(linkId: string, code: CloseCode): number
  /** Closes every socket with 1001 (going away). */
  close(): void
}

/** Creates the y-websocket compatible sync endpoint on a `ws` server in noServer mode. */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const { registry, storage, log } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes })
  const live = new Set<RoomConnection>()

  const onConnection = (ws: WebSocket, boardId: string, query: URLSearchParams): void => {
    const connection: RoomConnection = {
      id: randomUUID(),
      session: null,
      socket: {
        send: (data) => {
          if (ws.readyState === ws.OPEN) ws.send(data)
        },
        close: (code, reason) => ws.close(code, reason),
      },
      hasHello: false,
      awarenessClientId: null,
      isClosed: false,
    }
    const closeWith = (code: CloseCode, detail?: string): void => {
      log.warn('closing connection', { room: boardId, conn: connection.id, code, reason: closeReason[code], detail })
      connection.isClosed = true
      ws.close(code, closeReason[code])
    }
    let room: Room | null = null
    const early: Uint8Array[] = []
    const dispatch = (data: Uint8Array): void => {
      if (!room || connection.isClosed) return
      try {
        room.receive(connection, data)
      } catch (error) {
        closeWith(CloseCode.badMessage, error instanceof Error ? error.message : String(error))
      }
    }
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return closeWith(CloseCode.badMessage, 'text frame')
      const bytes = toUint8Array(data)
      if (room) dispatch(bytes)
      else early.push(bytes)
    })
    live.add(connection)
    ws.on('close', () => {
      live.delete(connection)
      connection.isClosed = true
      if (room) registry.leave(room, connection)
    })
    ws.on('error', (error) => log.warn('socket error', { room: boardId, conn: connection.id, error: error.message }))

    void (async () => {
      if (!isBoardId(boardId) || !(registry.isLoaded(boardId) || (await storage.getBoard(boardId)))) {
        return closeWith(CloseCode.boardNotFound)
      }
      const access = await options.authorize(boardId, query)
      if (!access.ok) return closeWith(access.code, access.reason)
      connection.session = access.session
      if (connection.isClosed) return
      room = await registry.join(boardId, connection)
      if (connection.isClosed) return registry.leave(room, connection)
      for (const bytes of early.splice(0)) dispatch(bytes)
    })().catch((error) => {
      log.error('join failed', { room: boardId, conn: connection.id, error: String(error) })
      closeWith(CloseCode.storageFailure)
    })
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (!url.pathname.startsWith(SYNC_PATH)) return false
      const boardId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length))
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, boardId, url.searchParams))
      return true
    },
    get connectionCount() {
      return wss.clients.size
    },
    closeLink(linkId, code) {
      let closed = 0
      for (const connection of live) {
        if (connection.session?.linkId !== linkId || connection.isClosed) continue
        connection.isClosed = true
        connection.socket.close(code, closeReason[code])
        closed++
      }
      log.info('closed connections of a link', { link: linkId, closed })
      return closed
    },
    close() {
      for (const ws of wss.clients) ws.close(CloseCode.goingAway, closeReason[CloseCode.goingAway])
      wss.close()
    },
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
