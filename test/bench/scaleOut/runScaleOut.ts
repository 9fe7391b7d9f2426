import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { hasPostgres, POSTGRES_URL } from '../../helpers/postgres.js'
import { hasRedis, REDIS_URL } from '../../helpers/redis.js'
import { spawnBenchChild, type BenchChild } from '../ipc.js'
import type { WindowReport } from '../load/Traffic.js'
import { backgroundCpuPercent, readLoad } from '../machineLoad.js'
import { LOAD_CPU_LIMIT, type Figures, type TrafficSpec } from '../scenarios.js'
import type { AppendCounts } from '../servers/pgAppendCounter.js'
import { sleep, summarise } from '../stats.js'
import type { ScaleOutPlan, ScaleOutSetup } from './scaleOutPlan.js'
import { openServiceProbe, type ServiceDelta, type ServiceProbe } from './serviceCpu.js'

/** What one setup produced in one round. */
export interface SetupRound {
  figures: Figures
  /** Scenarios whose window had the load generator above its CPU limit. */
  invalid: string[]
  errors: string[]
}

/** One round: every setup, one after the other. */
export type ScaleOutRound = Partial<Record<ScaleOutSetup['key'], SetupRound>>

/** What the scale-out runner needs from the harness. */
export interface ScaleOutRun {
  plan: ScaleOutPlan
  setups: readonly ScaleOutSetup[]
  codeRoot: string
  log: (message: string) => void
}

/** A fresh schema for one run (dropped at its end, and by psql at exit should the run be interrupted). */
async function createRunSchema(run: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `kuilu_bench_${run}`
  const once = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL })
    await client.connect()
    await client.query(sql).finally(() => client.end())
  }
  await once(`CREATE SCHEMA ${name}`)
  let isDropped = false
  const dropSql = `DROP SCHEMA IF EXISTS ${name} CASCADE`
  process.on('exit', () => void (isDropped || spawnSync('psql', [POSTGRES_URL, '-qc', dropSql], { stdio: 'ignore', timeout: 5_000 })))
  return {
    name,
    async drop() {
      if (isDropped) return
      await once(dropSql)
      isDropped = true
    },
  }
}

/**
 * Runs the scale-out section: for each round, each setup on fresh server
 * processes (both instances pinned to core 0, the load generator to core 1;
 * Redis and PostgreSQL are the machine's services and keep their own
 * scheduling), on one PostgreSQL schema made for the run and a Redis prefix
 * of its own per setup and round. Returns the rounds.
 */
export async function runScaleOut({ plan, setups, codeRoot, log }: ScaleOutRun): Promise<ScaleOutRound[]> {
  if (!(await hasPostgres()) || !(await hasRedis())) throw new Error(`the scale-out section needs PostgreSQL at ${POSTGRES_URL} and Redis at ${REDIS_URL}`)
  const run = randomBytes(4).toString('hex')
  const appName = `kuilu-bench-${run}`
  const schema = await createRunSchema(run)
  const url = new URL(POSTGRES_URL)
  url.searchParams.set('options', `-c search_path=${schema.name}`)
  // The servers' PostgreSQL backends are told from everyone else's by this name.
  url.searchParams.set('application_name', appName)
  const probe = await openServiceProbe(POSTGRES_URL, REDIS_URL, appName, `kuilu-bench-${run}`)
  log(`scale-out: schema ${schema.name}, Redis prefix kuilu-bench-${run}-…, PostgreSQL backends named ${appName}`)
  const rounds: ScaleOutRound[] = []
  try {
    for (let r = 0; r < plan.rounds; r++) {
      const round: ScaleOutRound = {}
      for (const [s, setup] of setups.entries()) {
        log(`scale-out round ${r + 1}/${plan.rounds}: ${setup.label}`)
        round[setup.key] = await runSetupRound({ setup, plan, codeRoot, databaseUrl: url.toString(), redisPrefix: `kuilu-bench-${run}-${r}-${s}:`, probe, log })
      }
      rounds.push(round)
    }
  } finally {
    await probe.close()
    await schema.drop()
    log(`scale-out: schema ${schema.name} dropped`)
  }
  return rounds
}

interface SetupRun {
  setup: ScaleOutSetup
  plan: ScaleOutPlan
  codeRoot: string
  databaseUrl: string
  redisPrefix: string
  probe: ServiceProbe
  log: (message: string) => void
}

/** The command line of one server instance of a setup. */
function serverArgs({ setup, codeRoot, databaseUrl, redisPrefix }: SetupRun): string[] {
  const redis = setup.hasRedis ? ['--redis-url', REDIS_URL, '--redis-prefix', redisPrefix] : []
  if (setup.server === 'hocuspocus') return ['hocuspocus', '--database-url', databaseUrl, ...redis]
  const storage = setup.storage === 'postgres' ? ['--storage', 'postgres', '--database-url', databaseUrl] : ['--sqlite-thread', 'worker']
  return ['ours', '--code', codeRoot, ...storage, ...redis]
}

/** One setup in one round: fresh instances and load generator, warm-up, every scenario, then the round's noise. */
async function runSetupRound(context: SetupRun): Promise<SetupRound> {
  const { setup, plan, probe, log } = context
  const result: SetupRound = { figures: {}, invalid: [], errors: [] }
  const started = performance.now()
  const [loadBefore, servicesBefore] = [readLoad(), await probe.read()]
  // Two server processes on one core: the setup measures what scale-out costs per update, not the throughput a second machine would add.
  const servers = Array.from({ length: setup.instances }, (_, i) => spawnBenchChild(`server:${setup.key}#${i + 1}`, 'test/bench/servers/serverChild.ts', serverArgs(context), 0))
  const load = spawnBenchChild('load', 'test/bench/load/loadChild.ts', [], 1)
  try {
    const infos = await Promise.all(servers.map((server) => server.call<{ framing: 'y-websocket' | 'hocuspocus' }>('info', undefined, 30_000)))
    const h = { servers, load, framing: infos[0].framing, setup, probe }
    if (plan.warmUpMs > 0) await measureTraffic(h, { ...plan.traffic[0], name: 'warm-up', warmMs: plan.warmUpMs, windowMs: 100 })
    for (const spec of plan.traffic) {
      const scenarioStarted = performance.now()
      try {
        const { figures, valid, others } = await measureTraffic(h, spec)
        Object.assign(result.figures, figures)
        result.figures['noise.redisChannels'] = Math.max(result.figures['noise.redisChannels'] ?? 0, others.redisChannels)
        result.figures['noise.pgBackends'] = Math.max(result.figures['noise.pgBackends'] ?? 0, others.pgBackends)
        if (!valid) result.invalid.push(spec.name)
        log(`  ${spec.name} ${valid ? '' : 'INVALID (load generator above 85% CPU) '}${((performance.now() - scenarioStarted) / 1000).toFixed(1)}s`)
      } catch (error) {
        result.errors.push(`${spec.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
        log(`  ${spec.name} FAILED: ${error instanceof Error ? error.message : String(error)}`)
        await load.call('disconnect').catch(() => {})
      }
    }
  } catch (error) {
    result.errors.push(`servers: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    log(`  ${setup.key} FAILED: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    await Promise.all(servers.map((server) => server.call('close', undefined, 10_000).catch(() => {})))
    await Promise.all([...servers, load].map((child) => child.kill()))
  }
  // Other engineers' work during the round: the machine's busy time minus this harness, its children and the services it drove.
  const services = await probe.delta(servicesBefore, await probe.read())
  const servicesPercent = ((services.redisUs + services.pgOursUs + services.pgSharedUs) / 1000 / (performance.now() - started)) * 100
  result.figures['noise.backgroundCpu'] = backgroundCpuPercent(loadBefore, readLoad()) - servicesPercent
  log(`  other processes used ${result.figures['noise.backgroundCpu'].toFixed(0)}% of a core during this round`)
  return result
}

interface ScaleOutHarness {
  servers: BenchChild[]
  load: BenchChild
  framing: 'y-websocket' | 'hocuspocus'
  setup: ScaleOutSetup
  probe: ServiceProbe
}

/** One traffic scenario over every instance: rooms made on the first, each room's clients split over all, one measured window. */
async function measureTraffic(h: ScaleOutHarness, spec: TrafficSpec): Promise<{ figures: Figures; valid: boolean; others: { redisChannels: number; pgBackends: number } }> {
  const names = await h.servers[0].call<string[]>('createRooms', spec.rooms)
  const urls = await Promise.all(h.servers.map((server) => server.call<string[]>('urls', names)))
  const rooms = names.map((docName, i) => ({ url: urls[0][i], docName, urls: urls.map((each) => each[i]) }))
  await h.load.call('connect', { framing: h.framing, rooms, perRoom: spec.perRoom, sampledPerRoom: 2 }, 120_000)
  try {
    await h.load.call('rates', { editsPerSecond: spec.editsPerSecond, awarenessHz: 0 })
    await sleep(spec.warmMs)
    const others = await h.probe.othersNow()
    const read = () => Promise.all([Promise.all(h.servers.map((server) => server.call<{ cpuUs: number }>('stats'))), Promise.all(h.servers.map((server) => server.call<AppendCounts>('appendCounts'))), h.probe.read()])
    await Promise.all(h.servers.map((server) => server.call('takeAppendTimes')))
    await h.load.call('mark')
    const before = await read()
    await sleep(spec.windowMs)
    const window = await h.load.call<WindowReport>('mark')
    const after = await read()
    const commitTimes = (await Promise.all(h.servers.map((server) => server.call<number[]>('takeAppendTimes')))).flat()
    const serversUs = after[0].reduce((sum, stats, i) => sum + stats.cpuUs - before[0][i].cpuUs, 0)
    const appends = (which: keyof AppendCounts) => after[1].reduce((sum, counts, i) => sum + counts[which] - before[1][i][which], 0)
    const services = await h.probe.delta(before[2], after[2])
    const counts = Object.fromEntries(Object.keys(after[1][0]).map((which) => [which, appends(which as keyof AppendCounts)])) as unknown as AppendCounts
    const figures = scenarioFigures(spec.name, h.setup, window, serversUs, services, counts)
    const commit = summarise(commitTimes)
    if (commit.count > 0) Object.assign(figures, { [`${spec.name}.commitP50`]: commit.p50, [`${spec.name}.commitP99`]: commit.p99 })
    return { figures, valid: window.cpuPercent <= LOAD_CPU_LIMIT, others }
  } finally {
    await h.load.call('disconnect', undefined, 60_000)
  }
}

/** A scenario's figures; the services a setup does not use are left out (their CPU then is other people's). */
function scenarioFigures(name: string, setup: ScaleOutSetup, window: WindowReport, serversUs: number, services: ServiceDelta, appends: AppendCounts): Figures {
  const seconds = window.wallMs / 1000
  const perUpdate = (us: number) => us / window.records
  const usesPg = setup.storage === 'postgres'
  const redisUs = setup.hasRedis ? services.redisUs : NaN
  const pgOursUs = usesPg ? services.pgOursUs : NaN
  const pgSharedUs = usesPg ? services.pgSharedUs : NaN
  const total = serversUs + (setup.hasRedis ? services.redisUs : 0) + (usesPg ? services.pgOursUs + services.pgSharedUs : 0)
  const isOursOnPg = setup.server === 'ours' && usesPg
  return {
    [`${name}.crossP50`]: setup.instances > 1 ? window.crossInstance.p50 : NaN,
    [`${name}.crossP99`]: setup.instances > 1 ? window.crossInstance.p99 : NaN,
    [`${name}.sameP50`]: window.sameInstance.p50,
    [`${name}.sameP99`]: window.sameInstance.p99,
    [`${name}.updatesPerSec`]: window.records / seconds,
    [`${name}.totalPerUpdate`]: perUpdate(total),
    [`${name}.serversPerUpdate`]: perUpdate(serversUs),
    [`${name}.redisPerUpdate`]: perUpdate(redisUs),
    [`${name}.pgOursPerUpdate`]: perUpdate(pgOursUs),
    [`${name}.pgSharedPerUpdate`]: perUpdate(pgSharedUs),
    [`${name}.serverCpu`]: (serversUs / 1000 / window.wallMs) * 100,
    [`${name}.loadCpu`]: window.cpuPercent,
    [`${name}.commitsPerSec`]: isOursOnPg ? appends.statements / seconds : NaN,
    [`${name}.rowsPerSec`]: isOursOnPg ? appends.rows / seconds : NaN,
    [`${name}.bytesPerSec`]: isOursOnPg ? appends.bytes / 1024 / seconds : NaN,
    [`${name}.catchUpReadsPerSec`]: isOursOnPg ? appends.catchUpReads / seconds : NaN,
    [`${name}.otherStatementsPerSec`]: isOursOnPg ? appends.otherStatements / seconds : NaN,
    [`${name}.walPerSec`]: usesPg ? services.walBytes / 1024 / seconds : NaN,
    [`${name}.redisPublishesPerSec`]: setup.hasRedis ? services.redisPublishes / seconds : NaN,
    [`${name}.pgOthersCpu`]: (services.pgOthersUs / 1000 / window.wallMs) * 100,
    [`${name}.missed`]: window.missedEdits,
    [`${name}.edits`]: window.edits,
  }
}
