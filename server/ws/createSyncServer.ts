import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode, closeReason } from '../../shared/protocol/closeCodes.js'
import { isBoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { Room, RoomConnection } from '../rooms/Room.js'
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
}

/** The sync endpoint: takes HTTP upgrades on /sync/<boardId>. */
export interface SyncServer {
  /** Handles an upgrade when its path is ours; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Number of open sockets. */
  readonly connectionCount: number
  /** Closes every socket with 1001 (going away). */
  close(): void
}

/** Creates the y-websocket compatible sync endpoint on a `ws` server in noServer mode. */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const { registry, storage, log } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes })

  const onConnection = (ws: WebSocket, boardId: string): void => {
    const connection: RoomConnection = {
      id: randomUUID(),
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
    ws.on('close', () => {
      connection.isClosed = true
      if (room) registry.leave(room, connection)
    })
    ws.on('error', (error) => log.warn('socket error', { room: boardId, conn: connection.id, error: error.message }))

    void (async () => {
      if (!isBoardId(boardId) || !(registry.isLoaded(boardId) || (await storage.getBoard(boardId)))) {
        return closeWith(CloseCode.boardNotFound)
      }
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
      const path = new URL(request.url ?? '/', 'http://localhost').pathname
      if (!path.startsWith(SYNC_PATH)) return false
      const boardId = decodeURIComponent(path.slice(SYNC_PATH.length))
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, boardId))
      return true
    },
    get connectionCount() {
      return wss.clients.size
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
