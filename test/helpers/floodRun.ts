import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import type * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectBoundClient } from './boundClient.js'
import { startCanary, summarize, type Canary } from './canary.js'
import { startHealthPolls, type HealthPoll, type HealthPolls } from './healthPolls.js'
import type { RawClient } from './rawClient.js'
import { createOpenBoard, syncUrlOf, type ServerSandbox } from './serverSandbox.js'
import { spawnFlooder, type FloodPlan, type FloodReport } from './spawnFlooder.js'
import type { SpawnedServer } from './spawnServer.js'

/** The canary (on a board of its own) and the health polls, started before a flood and read for its window. */
export interface FloodWatch {
  canary: Canary
  health: HealthPolls
}

/** Starts the watch on a spawned server; the sandbox stops it whatever the test's outcome. */
export async function startFloodWatch(box: ServerSandbox, server: SpawnedServer): Promise<FloodWatch> {
  const canary = await startCanary(syncUrlOf(server), await createOpenBoard(server))
  box.defer(() => canary.close())
  const health = startHealthPolls(server.url)
  box.defer(() => health.stop())
  return { canary, health }
}

/** What a flood did, and how the server served others while it lasted. */
export interface Flood {
  report: FloodReport
  seconds: number
  /** Canary round trips that started during the flood. */
  rtt: ReturnType<typeof summarize>
  /** /healthz polls sent during the flood. */
  polls: HealthPoll[]
  /** Whether an epoch-ms time falls within the flood. */
  during(at: number): boolean
}

/** Runs a flooder process to its end under watch, then stops the watch. */
export async function runFlood(box: ServerSandbox, watch: FloodWatch, plan: FloodPlan): Promise<Flood> {
  const flooder = spawnFlooder(plan)
  box.defer(() => flooder.kill())
  const report = await flooder.done
  await watch.canary.stop()
  await watch.health.stop()
  const during = (at: number) => at >= report.startedAt && at <= report.endedAt
  return {
    report,
    seconds: (report.endedAt - report.startedAt) / 1000,
    rtt: summarize(watch.canary.samples.filter((sample) => during(sample.at)).map((sample) => sample.ms)),
    polls: watch.health.polls.filter((poll) => during(poll.at)),
    during,
  }
}

/** Reads a board as stored (a sync reply shows only committed state) from 127.0.0.4; counts the records whose id starts with `prefix`. */
export async function storedRecords(box: ServerSandbox, server: SpawnedServer, boardId: string, prefix: string, query: Record<string, string> = {}): Promise<{ count: number; doc: Y.Doc }> {
  const reader = await connectBoundClient(syncUrlOf(server), boardId, '127.0.0.4', query)
  box.defer(() => reader.close())
  const entries = reader.doc.getArray(RECORDS_KEY).toArray() as { key: string }[]
  return { count: entries.filter((entry) => entry.key.startsWith(prefix)).length, doc: reader.doc }
}

/** One join from the test's own address: 101 when the upgrade is accepted (then closed), else the HTTP status and its Retry-After. */
export function tryJoin(server: SpawnedServer, boardId: string, query: Record<string, string>): Promise<{ status: number; retryAfter: number | null }> {
  const ws = new WebSocket(`${syncUrlOf(server)}/${boardId}?${new URLSearchParams(query)}`)
  return new Promise((resolve) => {
    ws.once('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode ?? 0, retryAfter: Number(response.headers['retry-after'] ?? NaN) })
      response.resume()
      request.destroy()
    })
    ws.once('open', () => {
      resolve({ status: 101, retryAfter: null })
      ws.close()
    })
    ws.once('error', () => resolve({ status: 0, retryAfter: null }))
  })
}

/** The most timestamps (ms) that fall within any one second. */
export function maxPerSecond(stamps: readonly number[]): number {
  const sorted = [...stamps].sort((a, b) => a - b)
  let most = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= 1000) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

/** Timestamps (epoch ms) of every frame a client receives from now on. */
export function stampFrames(client: RawClient): number[] {
  const stamps: number[] = []
  client.ws.on('message', () => stamps.push(Date.now()))
  return stamps
}

/** What a client saw of one awareness client id: when each state arrived, and when its removal did. */
export interface AwarenessSeen {
  states: number[]
  removedAt: number | null
}

/** Records the awareness a client receives (epoch ms) for the client ids `isWatched` picks, by client id. */
export function watchAwareness(client: RawClient, isWatched: (clientId: number) => boolean): Map<number, AwarenessSeen> {
  const seen = new Map<number, AwarenessSeen>()
  client.ws.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.awareness) return
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    for (let i = decoding.readVarUint(update); i > 0; i--) {
      const clientId = decoding.readVarUint(update)
      decoding.readVarUint(update)
      const isRemoval = decoding.readVarString(update) === 'null'
      if (!isWatched(clientId)) continue
      const entry = seen.get(clientId) ?? { states: [], removedAt: null }
      seen.set(clientId, entry)
      if (isRemoval) entry.removedAt = Date.now()
      else entry.states.push(Date.now())
    }
  })
  return seen
}
