import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { getHeapSpaceStatistics } from 'node:v8'
import { serveIpc } from '../ipc.js'
import type { BenchServer } from './BenchServer.js'
import type { OursBenchServer, OursStorage } from './ours.js'
import { NO_APPENDS } from './pgAppendCounter.js'
import { createLoopDelayProbe, readMainThreadTimes } from './serverProbes.js'

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

/** Which server this child runs: the first argument. */
type ServerKind = 'ours' | 'y-websocket' | 'hocuspocus' | 'raw'

/** Redis fan-out for the scale-out section: `--redis-url` and `--redis-prefix` (a prefix of its own per run). */
const redis = option('--redis-url') ? { url: option('--redis-url')!, prefix: option('--redis-prefix') ?? 'kuilu-bench:' } : null

/** Where ours keeps boards: `--storage memory|postgres` (with `--database-url`), else SQLite with `--sqlite-thread`. */
function oursStorage(): OursStorage {
  const storage = option('--storage')
  if (storage === 'memory') return { kind: 'memory' }
  if (storage === 'postgres') return { kind: 'postgres', url: option('--database-url')!, redis }
  return { kind: 'sqlite', thread: option('--sqlite-thread') === 'main' ? 'main' : 'worker' }
}

const starters: Record<ServerKind, () => Promise<BenchServer & Partial<Pick<OursBenchServer, 'appendCounts' | 'takeAppendTimes'>>>> = {
  ours: async () => (await import('./ours.js')).startOurs(option('--code') ?? process.cwd(), option('--dist') ?? null, oursStorage()),
  'y-websocket': async () => (await import('./yWebsocket.js')).startYWebsocket(),
  hocuspocus: async () => (await import('./hocuspocus.js')).startHocuspocus(redis && option('--database-url') ? { databaseUrl: option('--database-url')!, redis } : null),
  raw: async () => (await import('./rawRelay.js')).startRawRelay(),
}

const kind = process.argv[2] as ServerKind
if (!(kind in starters)) throw new Error(`unknown server kind ${kind}`)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run the server child with --expose-gc')
const started = starters[kind]()
let profiler: Session | null = null
const loopDelay = createLoopDelayProbe()

const heapAfterGc = (): number => {
  for (let i = 0; i < 3; i++) gc()
  return process.memoryUsage().heapUsed
}

serveIpc({
  async info() {
    const server = await started
    return { port: server.port, framing: server.framing, pid: process.pid }
  },
  async urls(rooms: string[]) {
    const server = await started
    return rooms.map((room) => server.urlFor(room))
  },
  async createRooms(count: number) {
    return (await started).createRooms(count)
  },
  async loadedCount(rooms: string[]) {
    const server = await started
    return rooms.filter((room) => server.isLoaded(room)).length
  },
  async loadedTotal() {
    return (await started).loadedTotal()
  },
  /** Statements, rows and bytes ours' PostgreSQL store appended so far (zeros elsewhere). */
  async appendCounts() {
    return (await started).appendCounts?.() ?? NO_APPENDS
  },
  /** How long each of ours' PostgreSQL group commits took (ms) since the last call. */
  async takeAppendTimes() {
    return (await started).takeAppendTimes?.() ?? []
  },
  /**
   * Process CPU (user + system, µs, all threads), the main thread's own CPU and
   * run-queue wait, and heap; heap after a full GC when asked, which costs CPU,
   * so not inside windows. `window: 'start'` starts the event-loop delay
   * histogram afresh; `window: 'end'` stops it and returns its reading.
   */
  stats(args: { gc?: boolean; window?: 'start' | 'end' } = {}) {
    const cpu = process.cpuUsage()
    const main = readMainThreadTimes()
    const stats = { cpuUs: cpu.user + cpu.system, systemUs: cpu.system, mainCpuUs: main?.cpuUs ?? NaN, mainWaitUs: main?.waitUs ?? NaN, heapUsed: args.gc ? heapAfterGc() : process.memoryUsage().heapUsed }
    if (args.window === 'start') loopDelay.start()
    return args.window === 'end' ? { ...stats, loopDelay: loopDelay.read() } : stats
  },
  /** Used bytes per V8 heap space after a full GC: shows whether growth is objects, code or maps. */
  heapSpaces() {
    heapAfterGc()
    return Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]))
  },
  async profileStart() {
    profiler = new Session()
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 })
    await profiler.post('Profiler.start')
  },
  async profileStop(file: string) {
    if (!profiler) throw new Error('profiler not started')
    const { profile } = await profiler.post('Profiler.stop')
    writeFileSync(file, JSON.stringify(profile))
    profiler.disconnect()
    profiler = null
  },
  async close() {
    await (await started).close()
  },
})
