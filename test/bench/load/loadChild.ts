import * as Y from 'yjs'
import { serveIpc } from '../ipc.js'
import { benchShape, benchShapeId } from '../records.js'
import type { FramingKind } from '../servers/BenchServer.js'
import { BenchClient } from './BenchClient.js'
import { Traffic, type RoomTarget } from './Traffic.js'

/** Room indexes of the shapes that seed, resync and memory clients write (traffic uses 0…K-1). */
const SEED_ROOM = 9000
const RESYNC_ROOM = 9001
const SMALL_BOARD_ROOM = 9002

let traffic: Traffic | null = null
/** Clients kept open between commands: cold joins, memory rooms, idle connections. */
const held: BenchClient[] = []

const connect = (framing: FramingKind, room: RoomTarget, shapeId: string, applies: boolean, doc?: Y.Doc) =>
  BenchClient.connect({ url: room.url, framing, docName: room.docName, shapeId, applies, doc, timeoutMs: 30_000 })

const shapes = (room: number, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => benchShape(benchShapeId(room, from + i), (i % 100) * 180, Math.floor(i / 100) * 120, 0))

async function closeHeld(): Promise<void> {
  const clients = held.splice(0)
  for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((client) => client.close()))
}

serveIpc({
  async connect(args: { framing: FramingKind; rooms: RoomTarget[]; perRoom: number; sampledPerRoom: number }) {
    await traffic?.close()
    traffic = new Traffic()
    await traffic.connect(args.framing, args.rooms, args.perRoom, args.sampledPerRoom)
    return traffic.clients.length
  },
  rates(args: { editsPerSecond: number; awarenessHz: number }) {
    traffic!.setRates(args.editsPerSecond, args.awarenessHz)
  },
  mark: () => traffic!.mark(),
  async disconnect() {
    await traffic?.close()
    traffic = null
  },

  /** Writes `count` shapes in updates of 250 (each one transaction), waits until the server has them, and leaves. */
  async seed(args: { framing: FramingKind; room: RoomTarget; count: number }) {
    const client = await connect(args.framing, args.room, benchShapeId(SEED_ROOM, 0), false)
    for (let from = 0; from < args.count; from += 250) client.write(shapes(SEED_ROOM, from, Math.min(250, args.count - from)))
    await client.sync(60_000)
    await client.close()
  },
  /** Joins with an empty doc and times open → full state applied; the client stays open until `closeHeld`. */
  async coldJoin(args: { framing: FramingKind; room: RoomTarget }) {
    const start = performance.now()
    const client = await connect(args.framing, args.room, benchShapeId(SEED_ROOM, 99_999), true)
    const ms = performance.now() - start
    held.push(client)
    return { ms, records: client.records.length }
  },
  closeHeld,

  /**
   * Client A syncs and leaves; client B makes `edits` edits (one update each)
   * that the server confirms; A comes back with its doc and state vector.
   * Times A's reconnect: open → the missed edits applied. Repeats `reps` times.
   */
  async resync(args: { framing: FramingKind; room: RoomTarget; edits: number; reps: number }) {
    const docA = new Y.Doc()
    let a = await connect(args.framing, args.room, benchShapeId(RESYNC_ROOM, 0), true, docA)
    const docB = new Y.Doc()
    let b = await connect(args.framing, args.room, benchShapeId(RESYNC_ROOM, 1), true, docB)
    const times: number[] = []
    for (let rep = 0; rep < args.reps; rep++) {
      await a.close()
      // A fresh connection of the writer per repetition: its burst of edits stays within a server's per-connection update allowance.
      if (rep > 0) {
        await b.close()
        b = await connect(args.framing, args.room, benchShapeId(RESYNC_ROOM, 1), true, docB)
      }
      for (let i = 0; i < args.edits; i++) b.write(shapes(RESYNC_ROOM, 2 + rep * args.edits + i, 1))
      await b.sync(30_000)
      const expected = b.records.length
      const start = performance.now()
      a = await connect(args.framing, args.room, benchShapeId(RESYNC_ROOM, 0), true, docA)
      times.push(performance.now() - start)
      if (a.records.length !== expected) throw new Error(`resync: ${a.records.length} records, expected ${expected}`)
    }
    await a.close()
    await b.close()
    docA.destroy()
    docB.destroy()
    return times
  },

  /** Opens one client per room, each writing a small board of `shapesEach` shapes; they stay open. */
  async openRooms(args: { framing: FramingKind; rooms: RoomTarget[]; shapesEach: number }) {
    for (const [r, room] of args.rooms.entries()) {
      const client = await connect(args.framing, room, benchShapeId(SMALL_BOARD_ROOM, r), false)
      if (args.shapesEach > 0) client.write(shapes(SMALL_BOARD_ROOM, r * 1000, args.shapesEach))
      await client.sync()
      held.push(client)
    }
  },
  /** Opens `count` idle connections to one room (synced, then silent); they stay open. */
  async openIdle(args: { framing: FramingKind; room: RoomTarget; count: number }) {
    for (let i = 0; i < args.count; i += 25) {
      const batch = Array.from({ length: Math.min(25, args.count - i) }, (_, j) => connect(args.framing, args.room, benchShapeId(SMALL_BOARD_ROOM, 50_000 + i + j), false))
      held.push(...(await Promise.all(batch)))
    }
  },

  /**
   * Joins and leaves for `ms`: `parallel` workers each join a room, move their
   * shape once, confirm it and leave. A worker keeps one doc per room, so it
   * replaces its record instead of adding one per join: boards stay small and
   * any heap growth is the server's, not the data's.
   */
  async churn(args: { framing: FramingKind; rooms: RoomTarget[]; ms: number; parallel: number }) {
    const deadline = performance.now() + args.ms
    let joins = 0
    const worker = async (w: number): Promise<void> => {
      const docs = args.rooms.map(() => new Y.Doc())
      for (let n = 0; n < 1_000_000 && performance.now() < deadline; n++) {
        const r = (w + n) % args.rooms.length
        const client = await connect(args.framing, args.rooms[r], benchShapeId(SMALL_BOARD_ROOM, 60_000 + w), false, docs[r])
        client.edit(n % 1000, w * 10)
        client.sendAwareness(n, w)
        await client.sync()
        await client.close()
        joins++
      }
      for (const doc of docs) doc.destroy()
    }
    await Promise.all(Array.from({ length: args.parallel }, (_, w) => worker(w)))
    return joins
  },
})
