import type { TrafficSpec } from '../scenarios.js'

/** One server setup of the scale-out section: which server, how many instances, on what. */
export interface ScaleOutSetup {
  key: 'ours×2' | 'Hocus×2' | 'ours×1 PG' | 'ours×1 SQLite'
  /** Its name on the command line (`--only ours2,ours1pg`). */
  id: string
  label: string
  server: 'ours' | 'hocuspocus'
  instances: 1 | 2
  storage: 'postgres' | 'sqlite'
  hasRedis: boolean
}

/**
 * The setups, in the order each round runs them. The two-instance ones split
 * every room's clients over both instances; the single-instance ones take the
 * same clients on one. ours×2 against ours×1 PG is what the Redis hop costs;
 * ours×1 PG against ours×1 SQLite is what the network database costs.
 */
export const SCALE_OUT_SETUPS: readonly ScaleOutSetup[] = [
  { key: 'ours×2', id: 'ours2', label: 'ours, 2 instances, PostgreSQL + Redis', server: 'ours', instances: 2, storage: 'postgres', hasRedis: true },
  { key: 'Hocus×2', id: 'hocus2', label: 'Hocuspocus 4.7 + extension-redis 4.7, 2 instances (snapshots in PostgreSQL)', server: 'hocuspocus', instances: 2, storage: 'postgres', hasRedis: true },
  { key: 'ours×1 PG', id: 'ours1pg', label: 'ours, 1 instance, PostgreSQL', server: 'ours', instances: 1, storage: 'postgres', hasRedis: false },
  { key: 'ours×1 SQLite', id: 'ours1sqlite', label: 'ours, 1 instance, SQLite', server: 'ours', instances: 1, storage: 'sqlite', hasRedis: false },
]

/** What a scale-out run does. */
export interface ScaleOutPlan {
  mode: 'scale-out' | 'scale-out quick'
  rounds: number
  /** Scenario A traffic on fresh servers before anything is measured (JIT warm-up), as the main rounds do. */
  warmUpMs: number
  traffic: TrafficSpec[]
  /** Seconds the run may take; over it, the run fails. */
  budgetS: number
}

const traffic = (name: string, rooms: number, perRoom: number, editsPerSecond: number, warmMs: number, windowMs: number): TrafficSpec => ({
  name, rooms, perRoom, editsPerSecond, awarenessHz: 0, warmMs, windowMs,
})

/**
 * `npm run bench -- --scale-out`: three interleaved rounds of A (many small
 * rooms) and C (one room of 50), the main plan's shapes, with 4 s windows:
 * Redis's share of CPU is a few per cent of a core, and a longer window
 * reads it steadier.
 */
export const SCALE_OUT_PLAN: ScaleOutPlan = {
  mode: 'scale-out',
  rounds: 3,
  warmUpMs: 2500,
  traffic: [traffic('A', 50, 4, 5, 1000, 4000), traffic('C', 1, 50, 4, 1000, 4000)],
  // A guard against a hung run, not a target: about 280 s here, and CI machines may be slower.
  budgetS: 600,
}

/** `--scale-out --quick`: one round of A, short windows; a smoke run of every setup. */
export const SCALE_OUT_QUICK_PLAN: ScaleOutPlan = {
  mode: 'scale-out quick',
  rounds: 1,
  warmUpMs: 0,
  traffic: [traffic('A', 50, 4, 5, 800, 2000)],
  budgetS: 90,
}

/** A row of the scale-out table: a figure key under each scenario, its label and unit. */
export interface ScaleOutRow {
  key: string
  label: string
  unit: string
  digits: number
}

/** The rows for one scenario, in the order the table shows them. */
export const scenarioRows = (spec: TrafficSpec): ScaleOutRow[] => {
  const title = `${spec.name} ${spec.rooms}×${spec.perRoom} @${spec.editsPerSecond}/s`
  const row = (key: string, label: string, unit: string, digits: number): ScaleOutRow => ({ key: `${spec.name}.${key}`, label: `${title}: ${label}`, unit, digits })
  return [
    row('crossP50', 'latency p50, edit on one instance → applied on the other', 'ms', 2),
    row('crossP99', 'latency p99, across instances', 'ms', 2),
    row('sameP50', 'latency p50, writer and receiver on the same instance', 'ms', 2),
    row('sameP99', 'latency p99, same instance', 'ms', 2),
    row('updatesPerSec', 'delivered updates/s', '1/s', 0),
    row('totalPerUpdate', 'CPU per delivered update, all processes', 'µs', 1),
    row('serversPerUpdate', 'of which the server instances', 'µs', 1),
    row('redisPerUpdate', 'of which redis-server', 'µs', 1),
    row('pgOursPerUpdate', "of which the servers' PostgreSQL backends", 'µs', 1),
    row('pgSharedPerUpdate', "of which PostgreSQL's own processes (WAL writer, …; shared)", 'µs', 1),
    row('serverCpu', 'server instances CPU, summed', '% core', 0),
    row('loadCpu', 'load generator CPU (invalid > 85)', '% core', 0),
    row('commitsPerSec', 'PostgreSQL append commits/s (ours)', '1/s', 0),
    row('commitP50', 'append commit time p50, call → answer (ours on PostgreSQL)', 'ms', 2),
    row('commitP99', 'append commit time p99', 'ms', 2),
    row('rowsPerSec', 'update rows logged/s (ours)', '1/s', 0),
    row('bytesPerSec', 'update bytes logged/s (ours)', 'KiB/s', 1),
    row('catchUpReadsPerSec', 'catch-up reads of the log/s (ours: what pub/sub brought out of order)', '1/s', 0),
    row('otherStatementsPerSec', 'other PostgreSQL statements/s (ours)', '1/s', 0),
    row('walPerSec', 'WAL written/s, whole cluster', 'KiB/s', 0),
    row('redisPublishesPerSec', 'Redis PUBLISH/s, whole Redis', '1/s', 0),
    row('pgOthersCpu', "other people's PostgreSQL backends (not counted)", '% core', 1),
  ]
}

/** Every row of a plan's table: the round's noise first, then each scenario's figures. */
export const scaleOutRows = (plan: ScaleOutPlan): ScaleOutRow[] => [
  { key: 'noise.backgroundCpu', label: 'other processes during the round (noisy above 20)', unit: '% core', digits: 0 },
  { key: 'noise.redisChannels', label: "other people's Redis channels open at the windows", unit: '', digits: 0 },
  { key: 'noise.pgBackends', label: "other people's PostgreSQL connections at the windows", unit: '', digits: 0 },
  ...plan.traffic.flatMap(scenarioRows),
]
