import { benchShapeId } from '../records.js'
import type { FramingKind } from '../servers/BenchServer.js'
import { summarise, type LatencySummary } from '../stats.js'
import { BenchClient, type LatencySink } from './BenchClient.js'

/** A room the load connects to. */
export interface RoomTarget {
  url: string
  docName: string
  /**
   * The room's address on each server instance (scale-out section): client c
   * of the room connects to `urls[c % urls.length]`, so the clients of every
   * room are split evenly and its two sampled receivers sit on different instances.
   */
  urls?: string[]
}

/** What one measurement window saw, from the load generator's side. */
export interface WindowReport {
  wallMs: number
  /** Records of other clients received, all clients summed (echoes excluded). */
  records: number
  echoes: number
  awareness: number
  edits: number
  /** Edits the schedule wanted but the generator could not send in time. */
  missedEdits: number
  /** Load generator CPU (all threads) over the window, in % of one core. */
  cpuPercent: number
  latency: LatencySummary
  /** With the clients split over instances: edits written on another instance than the receiver's, and on the same one. */
  crossInstance: LatencySummary
  sameInstance: LatencySummary
}

const TICK_MS = 2
const MAX_CATCH_UP = 3

/**
 * K rooms × N clients, each moving its own shape at a set rate and, when
 * asked, sending its cursor. Two clients per room apply updates and time
 * them; the others count bytes. `mark()` closes one window and opens the next.
 */
export class Traffic {
  readonly clients: BenchClient[] = []
  private readonly sink: LatencySink = { since: Infinity, samples: [], crossInstance: [], sameInstance: [] }
  private editPeriod = 0
  private awarenessPeriod = 0
  private editDue = new Float64Array(0)
  private awarenessDue = new Float64Array(0)
  private missedEdits = 0
  private ticker: NodeJS.Timeout | null = null
  private last = { wall: performance.now(), cpu: cpuNow(), records: 0, echoes: 0, awareness: 0, edits: 0, missed: 0 }

  /** Connects every client, at most `parallel` at a time. */
  async connect(framing: FramingKind, rooms: RoomTarget[], perRoom: number, sampledPerRoom: number, parallel = 25): Promise<void> {
    const specs = rooms.flatMap((room, r) => Array.from({ length: perRoom }, (_, c) => ({ room, r, c })))
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < specs.length) {
        const { room, r, c } = specs[next++]
        const sampled = c < sampledPerRoom
        const instance = room.urls ? c % room.urls.length : undefined
        const client = await BenchClient.connect({
          url: room.urls ? room.urls[instance!] : room.url, framing, docName: room.docName, shapeId: benchShapeId(r, c), applies: sampled,
          latency: sampled ? this.sink : undefined, instance,
        })
        this.clients.push(client)
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, specs.length) }, worker))
    this.editDue = new Float64Array(this.clients.length)
    this.awarenessDue = new Float64Array(this.clients.length)
  }

  /** Sets the per-client edit rate and cursor rate (0 stops either); phases are spread at random. */
  setRates(editsPerSecond: number, awarenessHz: number): void {
    const now = performance.now()
    this.editPeriod = editsPerSecond > 0 ? 1000 / editsPerSecond : 0
    this.awarenessPeriod = awarenessHz > 0 ? 1000 / awarenessHz : 0
    for (let i = 0; i < this.clients.length; i++) {
      this.editDue[i] = now + Math.random() * this.editPeriod
      this.awarenessDue[i] = now + Math.random() * this.awarenessPeriod
    }
    if (!this.ticker && (this.editPeriod > 0 || this.awarenessPeriod > 0)) this.ticker = setInterval(() => this.tick(), TICK_MS)
    if (this.ticker && this.editPeriod === 0 && this.awarenessPeriod === 0) this.stopTicker()
  }

  /** Ends the current window and starts the next one. */
  mark(): WindowReport {
    const now = performance.now()
    const cpu = cpuNow()
    const totals = { records: 0, echoes: 0, awareness: 0, edits: 0 }
    for (const client of this.clients) {
      totals.records += client.recordsIn
      totals.echoes += client.echoes
      totals.awareness += client.awarenessIn
      totals.edits += client.editsSent
    }
    const wallMs = now - this.last.wall
    const report: WindowReport = {
      wallMs,
      records: totals.records - this.last.records,
      echoes: totals.echoes - this.last.echoes,
      awareness: totals.awareness - this.last.awareness,
      edits: totals.edits - this.last.edits,
      missedEdits: this.missedEdits - this.last.missed,
      cpuPercent: ((cpu - this.last.cpu) / 1000 / wallMs) * 100,
      latency: summarise(this.sink.samples),
      crossInstance: summarise(this.sink.crossInstance),
      sameInstance: summarise(this.sink.sameInstance),
    }
    this.last = { wall: now, cpu, ...totals, missed: this.missedEdits }
    this.sink.since = now
    this.sink.samples = []
    this.sink.crossInstance = []
    this.sink.sameInstance = []
    return report
  }

  /** Stops sending and closes every client. */
  async close(): Promise<void> {
    this.stopTicker()
    const clients = this.clients.splice(0)
    for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((client) => client.close()))
  }

  private tick(): void {
    const now = performance.now()
    for (let i = 0; i < this.clients.length; i++) {
      const client = this.clients[i]
      if (this.editPeriod > 0) {
        for (let n = 0; n < MAX_CATCH_UP && this.editDue[i] <= now; n++) {
          client.edit((client.editsSent * 37) % 1600, (client.editsSent * 53) % 900)
          this.editDue[i] += this.editPeriod
        }
        if (this.editDue[i] <= now) {
          this.missedEdits += Math.ceil((now - this.editDue[i]) / this.editPeriod)
          this.editDue[i] = now + this.editPeriod
        }
      }
      if (this.awarenessPeriod > 0 && this.awarenessDue[i] <= now) {
        client.sendAwareness(Math.round(now) % 1600, i % 900)
        this.awarenessDue[i] = Math.max(this.awarenessDue[i] + this.awarenessPeriod, now)
      }
    }
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }
}

function cpuNow(): number {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}
