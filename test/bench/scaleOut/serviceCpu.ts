import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import pg from 'pg'

/** CPU time of one process, all its threads, in µs; NaN once it has gone. */
export function processCpuUs(pid: number): number {
  // schedstat counts nanoseconds; /proc/<pid>/stat counts 10 ms ticks, too coarse for Redis's share of a 4 s window.
  try {
    const tasks = readdirSync(`/proc/${pid}/task`)
    let ns = 0
    for (const task of tasks) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    return ns / 1000
  } catch {
    return statCpuUs(pid)
  }
}

/** utime + stime from /proc/<pid>/stat, in µs (the fallback where schedstat is missing). */
function statCpuUs(pid: number): number {
  if (!existsSync(`/proc/${pid}/stat`)) return NaN
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number)
  return (fields[11] + fields[12]) * 10_000
}

/** The parent of a process (for the postmaster, which pg_stat_activity does not list). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}

/** What the services did between two readings, as CPU µs per group and counters. */
export interface ServiceDelta {
  /** redis-server, every thread; Redis is this machine's, so anyone else's commands count here too. */
  redisUs: number
  /** The PostgreSQL backends of this run's servers (found by their application_name). */
  pgOursUs: number
  /** PostgreSQL's own processes (postmaster, WAL writer, checkpointer, …): work every user of the cluster causes. */
  pgSharedUs: number
  /** Other people's backends on the same PostgreSQL: not counted, reported as noise. */
  pgOthersUs: number
  /** WAL written by the whole cluster, bytes. */
  walBytes: number
  redisCommands: number
  redisPublishes: number
}

interface Reading {
  redis: number
  backends: Map<number, { group: 'ours' | 'shared' | 'others'; us: number }>
  walLsn: string
  redisCommands: number
  redisPublishes: number
}

/** Reads the CPU of this machine's Redis and PostgreSQL processes, telling this run's backends from everyone else's. */
export interface ServiceProbe {
  read(): Promise<Reading>
  delta(from: Reading, to: Reading): Promise<ServiceDelta>
  /** Channels on Redis that are not this run's, and PostgreSQL client backends that are not this run's: who else is using the services. */
  othersNow(): Promise<{ redisChannels: number; pgBackends: number }>
  close(): Promise<void>
}

/**
 * Opens a probe on the machine's PostgreSQL (`databaseUrl`) and Redis. This
 * run's servers connect with `application_name` = `appName`; the probe's
 * own connection uses another name and is left out of every group.
 */
export async function openServiceProbe(databaseUrl: string, redisUrl: string, appName: string, redisPrefix: string): Promise<ServiceProbe> {
  const url = new URL(databaseUrl)
  url.searchParams.set('application_name', `${appName}-probe`)
  const db = new pg.Client({ connectionString: url.toString() })
  await db.connect()
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  const info = async (section: string): Promise<Record<string, string>> =>
    Object.fromEntries((await redis.info(section)).split('\r\n').filter((line) => line.includes(':')).map((line) => line.split(/:(.*)/s, 2)))
  const redisPid = Number((await info('server')).process_id)
  const read = async (): Promise<Reading> => {
    const { rows } = await db.query<{ pid: number; backend_type: string; application_name: string }>(
      'SELECT pid, backend_type, application_name FROM pg_stat_activity WHERE pid <> pg_backend_pid()',
    )
    const backends: Reading['backends'] = new Map()
    for (const row of rows) {
      const group = row.backend_type !== 'client backend' ? 'shared' : row.application_name === appName ? 'ours' : row.application_name === `${appName}-probe` ? null : 'others'
      if (group) backends.set(row.pid, { group, us: processCpuUs(row.pid) })
    }
    const auxiliary = rows.find((row) => row.backend_type === 'walwriter' || row.backend_type === 'checkpointer')
    if (auxiliary) {
      const postmaster = parentOf(auxiliary.pid)
      backends.set(postmaster, { group: 'shared', us: processCpuUs(postmaster) })
    }
    const wal = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::TEXT AS lsn')
    const stats = await info('commandstats')
    const calls = (entry: string | undefined) => Number(/calls=(\d+)/.exec(entry ?? '')?.[1] ?? 0)
    const redisCommands = Object.values(stats).reduce((sum, entry) => sum + calls(entry), 0)
    return { redis: processCpuUs(redisPid), backends, walLsn: wal.rows[0].lsn, redisCommands, redisPublishes: calls(stats.cmdstat_publish) }
  }
  return {
    read,
    async delta(from, to) {
      const sums = { ours: 0, shared: 0, others: 0 }
      for (const [pid, now] of to.backends) {
        // A backend born inside the window (a pool opening a connection) used all its CPU inside it; one that died is lost, rare with pools.
        const before = from.backends.get(pid)?.us ?? 0
        if (Number.isFinite(now.us)) sums[now.group] += now.us - before
      }
      const wal = await db.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::TEXT AS bytes', [to.walLsn, from.walLsn])
      return {
        redisUs: to.redis - from.redis,
        pgOursUs: sums.ours,
        pgSharedUs: sums.shared,
        pgOthersUs: sums.others,
        walBytes: Number(wal.rows[0].bytes),
        redisCommands: to.redisCommands - from.redisCommands,
        redisPublishes: to.redisPublishes - from.redisPublishes,
      }
    },
    async othersNow() {
      const channels = (await redis.pubsub('CHANNELS')) as string[]
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::INT AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name NOT LIKE $1`,
        [`${appName}%`],
      )
      return { redisChannels: channels.filter((channel) => !channel.startsWith(redisPrefix)).length, pgBackends: rows[0].n }
    },
    async close() {
      await db.end()
      redis.disconnect()
    },
  }
}
