import { afterEach, describe, expect, it } from 'vitest'
import { isAcceptableOutcome, runFuzzConnections, type FuzzTally } from '../helpers/fuzzConnections.js'
import { liveClient, type LiveClient } from '../helpers/liveEdits.js'
import { connectRawClient } from '../helpers/rawClient.js'
import {
  createOpenBoard,
  createServerSandbox,
  createSpawnedWorkshop,
  healthStatus,
  isRunning,
  stopGracefully,
  syncUrlOf,
  tail,
  type ServerSandbox,
} from '../helpers/serverSandbox.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { waitFor } from '../helpers/waitFor.js'

/** Malformed frames per run: 20,000 in CI; KUILU_FUZZ_FRAMES changes it for a longer or quicker local run. */
const FRAMES = Number(process.env.KUILU_FUZZ_FRAMES || 20_000)
/** Set KUILU_FUZZ_SEED to replay a run; otherwise each run tries a new seed and prints it. */
const SEED = process.env.KUILU_FUZZ_SEED ? Number(process.env.KUILU_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 32)

let sandbox: ServerSandbox | null = null
afterEach(async () => {
  await sandbox?.cleanup()
  sandbox = null
})

/** A board edited at 5 Hz by one client and watched by another, timing each edit's trip. */
interface Canary {
  boardId: string
  writer: LiveClient
  sentAt: Map<string, number>
  seenAt: Map<string, number>
  healthFailures: number[]
  /** The writer's clock after its latest edit. */
  lastClock(): number
  stop(): void
}

async function startCanary(box: ServerSandbox, server: SpawnedServer): Promise<Canary> {
  const boardId = await createOpenBoard(server)
  const connect = async () => {
    const client = await connectRawClient(syncUrlOf(server), boardId)
    box.defer(() => client.close())
    client.hello()
    return liveClient(client)
  }
  const writer = await connect()
  const reader = await connect()
  const sentAt = new Map<string, number>()
  const seenAt = new Map<string, number>()
  const healthFailures: number[] = []
  let lastClock = 0
  reader.records.on('change', (changes: Map<string, unknown>) => {
    for (const id of changes.keys()) if (!seenAt.has(id)) seenAt.set(id, performance.now())
  })
  const timer = setInterval(() => {
    const id = `shape:canary${sentAt.size}`
    sentAt.set(id, performance.now())
    lastClock = writer.write(id, sentAt.size)
    void healthStatus(server).then((status) => status !== 200 && healthFailures.push(status))
  }, 200)
  box.defer(() => clearInterval(timer))
  return { boardId, writer, sentAt, seenAt, healthFailures, lastClock: () => lastClock, stop: () => clearInterval(timer) }
}

/** Fuzz targets: open boards, and a workshop board joined with each role's invite. */
async function fuzzTargets(server: SpawnedServer): Promise<string[]> {
  const sync = syncUrlOf(server)
  const open = await Promise.all([0, 1, 2].map(() => createOpenBoard(server)))
  const workshop = await createSpawnedWorkshop(server)
  const roles = Object.entries(workshop.tokens).map(([role, token]) => `${sync}/${workshop.boardId}?token=${token}&name=${role}`)
  return [...open.map((boardId) => `${sync}/${boardId}`), ...roles]
}

/** The server's error lines (and 4500 closes), for a failure message that says what broke. */
const errorLines = (server: SpawnedServer): string => server.output.filter((line) => /"level":"error"|"code":4500|Error/.test(line)).slice(0, 8).join('\n')

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0

/**
 * The whole drill: a canary board edited at 5 Hz while `frames` seeded malformed frames
 * go through many short connections to other boards; then the process must be alive,
 * the canary must have seen every edit, and after a clean restart on the same data dir
 * the canary board must hold every canary edit.
 */
async function fuzzDrill(seed: number, frames: number): Promise<void> {
  sandbox = createServerSandbox('fuzz')
  const box = sandbox
  const server = await box.spawn()
  const canary = await startCanary(box, server)
  const started = performance.now()
  const tally: FuzzTally = await runFuzzConnections({
    seed,
    malformedFrames: frames,
    targets: await fuzzTargets(server),
    parallel: 6,
    maxPerConnection: 8,
    isServerAlive: () => isRunning(server),
  })
  canary.stop()
  const fuzzSeconds = ((performance.now() - started) / 1000).toFixed(1)
  console.info(`fuzz seed ${seed}: ${tally.malformed} malformed frames over ${tally.connections} connections in ${fuzzSeconds} s`, JSON.stringify(tally))
  expect(isRunning(server), `seed ${seed}: the server process ended (${tally.stoppedEarly}):\n${tail(server)}`).toBe(true)
  expect(tally.stoppedEarly, `seed ${seed}`).toBeNull()
  expect(tally.malformed).toBe(frames)
  const outcomes = `seed ${seed}: ${JSON.stringify(tally.outcomes)}\n${errorLines(server)}`
  expect(Object.keys(tally.outcomes).filter((key) => !isAcceptableOutcome(key)), outcomes).toEqual([])
  expect(canary.healthFailures, `seed ${seed}: /healthz answers during the fuzz`).toEqual([])

  const canaryIds = [...canary.sentAt.keys()]
  await waitFor(() => canaryIds.every((id) => canary.seenAt.has(id)), { timeoutMs: 10_000, what: 'every canary edit at the canary reader' })
  const trips = canaryIds.map((id) => canary.seenAt.get(id)! - canary.sentAt.get(id)!)
  console.info(`canary: ${trips.length} edits, round trip p50 ${percentile(trips, 0.5).toFixed(0)} ms, p99 ${percentile(trips, 0.99).toFixed(0)} ms, max ${Math.max(...trips).toFixed(0)} ms`)
  expect(percentile(trips, 0.99), `seed ${seed}: canary round trip p99 (ms)`).toBeLessThan(1_000)
  await waitFor(() => canary.writer.ackedClock() >= canary.lastClock(), { what: 'the ack of the last canary edit' })

  await stopGracefully(server)
  const restarted = await box.spawn()
  const fresh = await connectRawClient(syncUrlOf(restarted), canary.boardId)
  box.defer(() => fresh.close())
  const stored = liveClient(fresh).records
  expect(canaryIds.filter((id) => !stored.has(id)), `seed ${seed}: canary edits missing after the restart`).toEqual([])
}

const REGRESSIONS = [
  // Crashed 4 runs out of 4 at 270–300 frames: "Unexpected end of array" as an unhandled rejection.
  { name: 'a record update, then in the same tick a sync step 1 with a truncated state vector, ended the process (issue 10, case 6)', seed: 9, frames: 600 },
  { name: 'the same crash, reached through other classes first', seed: 12, frames: 600 },
  // 4 runs out of 4: "join failed ... Maximum call stack size exceeded", closed with 4500.
  { name: 'an awareness state nested thousands deep made a later join fail with 4500 (issue 10, case 9)', seed: 21, frames: 600 },
]

describe('seeded fuzz of malformed frames through the real server (issue 10)', () => {
  it(`survives ${FRAMES} malformed frames of every class while a canary board edits at 5 Hz (seed from KUILU_FUZZ_SEED or random, printed)`, async () => {
    console.info(`fuzz seed ${SEED} (replay with KUILU_FUZZ_SEED=${SEED})`)
    await fuzzDrill(SEED, FRAMES)
  }, 120_000)

  // Seeds that once failed, each replayed with a few more frames than it took to fail; they stay
  // here for good. A seed means these frames only with the fuzzer as it is: if frameFuzzer.ts
  // changes what it draws, find the failing seeds again. Found on the server of commit 71019eb.
  it.each(REGRESSIONS)('regression: $name (seed $seed, $frames frames)', async ({ seed, frames }) => {
    await fuzzDrill(seed, frames)
  }, 60_000)
})
