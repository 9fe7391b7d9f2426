import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode, closeReason } from '../../shared/protocol/closeCodes.js'
import { inviteTokenOfSubprotocols, SYNC_SUBPROTOCOL } from '../../shared/protocol/inviteProtocol.js'
import { reasonCloseCode, reasonText } from '../../shared/protocol/reasons.js'
import type { Result } from '../../shared/result.js'
import { isBoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'
import type { Allowances } from '../rooms/Allowances.js'
import { Connection, type ConnectionSession } from '../rooms/Connection.js'
import type { Room } from '../rooms/Room.js'
import type { RoomRegistry } from '../rooms/RoomRegistry.js'
import type { DocStorage } from '../storage/DocStorage.js'
import { credentialCookie, identify } from '../workshops/personCredential.js'
import { LinkTimers } from './LinkTimers.js'

/** The path prefix of the sync endpoint: `ws://host:port/sync/<boardId>`. */
export const SYNC_PATH = '/sync/'

/** Frames a connection may send before its room is ready; more is a flood, not a handshake. */
const MAX_EARLY_FRAMES = 64

/** What the sync endpoint needs to decide who a connection is. */
export interface JoinContext {
  boardId: string
  query: URLSearchParams
  personId: string
}

/** Dependencies and limits of the sync endpoint. */
export interface SyncServerOptions {
  registry: RoomRegistry
  storage: DocStorage
  log: Logger
  /** Signs and checks person credentials. */
  secret: string
  /** Largest frame accepted; a larger one closes its socket with 1009. */
  maxFrameBytes: number
  /** Past this many bytes queued for a slow reader, its connection is closed. */
  maxBufferedBytes: number
  /** Joins per address: a reconnect flood is answered 429 before any work is done. */
  joins: Allowances
  /** Decides who the connection is (invite token, person, name) before any document byte is sent. */
  authorize(join: JoinContext): Promise<Result<ConnectionSession | null>>
  now: () => number
}

/** The sync endpoint: takes HTTP upgrades on /sync/<boardId>. */
export interface SyncServer {
  /** Handles an upgrade when its path is ours; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Number of open sockets. */
  readonly connectionCount: number
  /** What a link's open connections must follow: closed when revoked, closed at its (new) expiry. */
  readonly links: { revoked(linkId: string): void; expiryChanged(linkId: string, expiresAt: number): void }
  /** Closes every socket with 1001 (going away). */
  close(): void
}

/** Creates the y-websocket compatible sync endpoint on a `ws` server in noServer mode. */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const { registry, storage, log } = options
  // A browser that offers our subprotocol carries its invite token beside it (shared/protocol/inviteProtocol.ts); it must hear ours back.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, handleProtocols: (offered) => (offered.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false) })
  const cookies = new WeakMap<IncomingMessage, string>()
  const linkTimers = new LinkTimers(options.now, log)
  wss.on('headers', (headers, request) => {
    const cookie = cookies.get(request)
    if (cookie) headers.push(`Set-Cookie: ${cookie}`)
  })

  const onConnection = (ws: WebSocket, request: IncomingMessage, boardId: string, personId: string): void => {
    let connection: Connection | null = null
    let room: Room | null = null
    let isGone = false
    const early: Uint8Array[] = []
    const address = request.socket.remoteAddress ?? 'unknown'
    const refuseEarly = (code: CloseCode, detail: string): void => {
      log.warn('connection refused', { room: boardId, code, detail, address })
      isGone = true
      ws.close(code, closeReason[code])
    }
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isGone) return
      if (!isBinary) return connection ? connection.close(CloseCode.badMessage, 'text frame') : refuseEarly(CloseCode.badMessage, 'text frame')
      const bytes = toUint8Array(data)
      if (room && connection) return room.receive(connection, bytes)
      if (early.push(bytes) > MAX_EARLY_FRAMES) refuseEarly(CloseCode.rateLimited, 'too many frames before the board was ready')
    })
    ws.on('close', () => {
      isGone = true
      if (!connection) return
      connection.markClosed()
      linkTimers.forget(connection)
      if (room) registry.leave(room, connection)
    })
    ws.on('error', (error) => log.warn('socket error', { room: boardId, conn: connection?.id, error: error.message }))

    void (async () => {
      if (!isBoardId(boardId) || !(registry.isLoaded(boardId) || (await storage.getBoard(boardId)))) return refuseEarly(CloseCode.boardNotFound, 'no such board')
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams
      const offeredToken = inviteTokenOfSubprotocols(request.headers['sec-websocket-protocol'])
      if (offeredToken) query.set('token', offeredToken)
      const access = await options.authorize({ boardId, query, personId })
      if (!access.ok) return refuseEarly(reasonCloseCode(access.reason) ?? CloseCode.inviteInvalid, access.detail ?? reasonText(access.reason))
      if (isGone) return
      connection = new Connection({ id: randomUUID(), boardId, socket: ws, address, personId, session: access.value, log, maxBufferedBytes: options.maxBufferedBytes })
      linkTimers.track(connection)
      room = await registry.join(boardId, connection)
      if (isGone) return registry.leave(room, connection)
      for (const bytes of early.splice(0)) room.receive(connection, bytes)
    })().catch((error) => {
      log.error('join failed', { room: boardId, error: String(error) })
      if (connection) connection.close(CloseCode.storageFailure, 'join failed')
      else refuseEarly(CloseCode.storageFailure, 'join failed')
    })
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (!url.pathname.startsWith(SYNC_PATH)) return false
      const address = request.socket.remoteAddress ?? 'unknown'
      if (!options.joins.take(address)) {
        log.warn('join refused: too many from one address', { address })
        socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${Math.max(1, options.joins.retryAfterSeconds(address))}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
        return true
      }
      let boardId: string
      try {
        boardId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length))
      } catch {
        boardId = ''
      }
      const identity = identify(options.secret, request.headers.cookie)
      if (identity.isNew) cookies.set(request, credentialCookie(identity.credential, request.headers['x-forwarded-proto'] === 'https'))
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request, boardId, identity.personId))
      return true
    },
    get connectionCount() {
      return wss.clients.size
    },
    links: {
      revoked: (linkId) => linkTimers.closeLink(linkId, CloseCode.inviteRevoked),
      expiryChanged: (linkId, expiresAt) => linkTimers.setExpiry(linkId, expiresAt),
    },
    close() {
      linkTimers.clear()
      for (const ws of wss.clients) ws.close(CloseCode.goingAway, 'server shutting down')
      wss.close()
    },
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
