import * as encoding from 'lib0/encoding'
import { CloseCode, closeReason } from '../../shared/protocol/closeCodes.js'
import { MessageType, type ControlMessage } from '../../shared/protocol/messages.js'
import type { Role } from '../../shared/rules/roles.js'
import type { BoardId } from '../../shared/schema/boardId.js'
import type { Logger } from '../log.js'

/** The least a connection needs of a socket: send bytes, close with a code, and how much is still queued. */
export interface RoomSocket {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  readonly bufferedAmount: number
}

/** Who is on a connection in a workshop, bound by the server from the invite and the person's credential, never from the client. */
export interface ConnectionSession {
  role: Role
  personId: string
  name: string
  color: string
  workshopId: string
  linkId: string
  /** When the invite stops being valid (epoch ms); the connection is closed then. */
  expiresAt: number
}

/** What a connection is created with: all of it is decided before the room sees a byte. */
export interface ConnectionInit {
  id: string
  boardId: BoardId
  socket: RoomSocket
  /** The client's address, for allowances that survive reconnects. */
  address: string
  /** The person the server issued this browser (its credential), on every kind of board. */
  personId: string
  /** Null on an open board outside any workshop: everyone may edit. */
  session: ConnectionSession | null
  log: Logger
  /** Past this many queued bytes a reader is too slow to keep; it is closed so it cannot hold the room's memory. */
  maxBufferedBytes: number
}

/**
 * One client connected to a board. Its identity (session, address) is fixed
 * at creation; what changes over its life is said through methods: it opens
 * the control channel with `openControl`, and ends once with `close`, which
 * logs why. A closed connection sends nothing more.
 */
export class Connection {
  readonly id: string
  readonly boardId: BoardId
  readonly address: string
  readonly personId: string
  readonly session: ConnectionSession | null
  /** This connection as the origin of the Yjs transactions it causes. */
  readonly origin: { readonly kind: 'connection'; readonly connection: Connection }
  private readonly socket: RoomSocket
  private readonly log: Logger
  private readonly maxBufferedBytes: number
  private isControlOpen = false
  private closedWith: CloseCode | null = null

  constructor(init: ConnectionInit) {
    this.id = init.id
    this.boardId = init.boardId
    this.address = init.address
    this.personId = init.personId
    this.session = init.session
    this.socket = init.socket
    this.log = init.log
    this.maxBufferedBytes = init.maxBufferedBytes
    this.origin = { kind: 'connection', connection: this }
  }

  /** Whether the connection is still open. */
  get isOpen(): boolean {
    return this.closedWith === null
  }

  /** Whether the client said hello, so it may receive control messages (a stock y-websocket client never does). */
  get hasControl(): boolean {
    return this.isControlOpen && this.isOpen
  }

  /** The client said hello. */
  openControl(): void {
    this.isControlOpen = true
  }

  /** The key its allowances are counted under: the person, whose credential outlives the socket (the address is counted too). */
  get allowanceKey(): string {
    return this.personId
  }

  /** Sends bytes unless closed; a reader that lets too much queue up is closed instead. */
  send(data: Uint8Array): void {
    if (!this.isOpen) return
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.slowReader, `more than ${this.maxBufferedBytes} bytes queued for a slow reader`)
      return
    }
    this.socket.send(data)
  }

  /** Sends a control message, only once the client said hello. */
  sendControl(message: ControlMessage): void {
    if (!this.hasControl) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.control)
    encoding.writeVarString(encoder, JSON.stringify(message))
    this.send(encoding.toUint8Array(encoder))
  }

  /** Closes once with a named code, logging the board, connection, code and why; later calls do nothing. */
  close(code: CloseCode, detail?: string): void {
    if (this.closedWith !== null) return
    this.closedWith = code
    const log = code === CloseCode.goingAway || code === CloseCode.normal ? this.log.info : this.log.warn
    log('connection closed by the server', { room: this.boardId, conn: this.id, code, reason: closeReason[code], detail })
    this.socket.close(code, closeReason[code])
  }

  /** The socket closed from the client's side or the network: no further sends, nothing logged. */
  markClosed(): void {
    if (this.closedWith === null) this.closedWith = CloseCode.normal
  }
}
