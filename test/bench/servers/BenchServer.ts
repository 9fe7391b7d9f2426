/** How a load client frames messages for a server: y-websocket as is, Hocuspocus with a document-name prefix, or a relay that answers nothing. */
export type FramingKind = 'y-websocket' | 'hocuspocus' | 'raw'

/** A server under test, as the bench child that runs it sees it. */
export interface BenchServer {
  readonly port: number
  readonly framing: FramingKind
  /** The WebSocket URL a client of `room` connects to. */
  urlFor(room: string): string
  /** Makes `count` rooms joinable (our server needs its boards created first) and returns their names. */
  createRooms(count: number): Promise<string[]>
  /** Whether a room's document is in memory now (false once it has been evicted). */
  isLoaded(room: string): boolean
  /** Number of rooms in memory. */
  loadedTotal(): number
  close(): Promise<void>
}

/** A room name for servers that take any name. */
export function randomRoomName(): string {
  return `bench-${Math.random().toString(36).slice(2, 12)}`
}
