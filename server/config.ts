import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The server's configuration, read from the environment by main.ts only. */
export interface Config {
  port: number
  dataDir: string
  databaseUrl: string | null
  redisUrl: string | null
  secret: string | null
  /** Prefix of every Redis channel (KUILU_REDIS_PREFIX), so several deployments or tests can share one Redis. */
  redisPrefix: string
  /** Where SQLite commits run: `worker` (default) or `main` (KUILU_SQLITE_THREAD, for measuring the difference). */
  sqliteThread: 'worker' | 'main'
  /** Limits set in the environment; the rest keep their defaults (DEFAULT_LIMITS in createServer.ts). */
  limits: Partial<Record<LimitName, number>>
}

/** The limits an operator may set, and the environment variable of each. */
export const LIMIT_VARIABLES = {
  maxFrameBytes: 'KUILU_MAX_FRAME_BYTES',
  maxDocBytes: 'KUILU_MAX_DOC_BYTES',
  maxUpdatesPerSecond: 'KUILU_MAX_UPDATES_PER_SECOND',
  maxAwarenessPerSecond: 'KUILU_MAX_AWARENESS_PER_SECOND',
  maxControlPerSecond: 'KUILU_MAX_CONTROL_PER_SECOND',
  addressAllowanceFactor: 'KUILU_ADDRESS_ALLOWANCE_FACTOR',
  maxJoinsPerMinute: 'KUILU_MAX_JOINS_PER_MINUTE',
  maxPendingBytes: 'KUILU_MAX_PENDING_BYTES',
  maxBufferedBytes: 'KUILU_MAX_BUFFERED_BYTES',
  maxBoardsPerHour: 'KUILU_MAX_BOARDS_PER_HOUR',
  boardBurst: 'KUILU_BOARD_BURST',
} as const
export type LimitName = keyof typeof LIMIT_VARIABLES

/** Reads the configuration from an environment map; throws with a clear message on bad values. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(env.PORT)}`)
  }
  const databaseUrl = env.DATABASE_URL || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const redisUrl = env.REDIS_URL || null
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new Error('REDIS_URL must start with redis:// or rediss://')
  // Each instance would otherwise generate its own secret into its DATA_DIR, and an invite link or a person's
  // credential signed by one instance would be refused by the next.
  if (redisUrl && !env.KUILU_SECRET) throw new Error('REDIS_URL joins instances that must check each other\'s invite links: set KUILU_SECRET, the same on every instance')
  const limits: Config['limits'] = {}
  for (const [name, variable] of Object.entries(LIMIT_VARIABLES) as [LimitName, string][]) {
    const text = env[variable]
    if (text === undefined || text === '') continue
    const value = Number(text)
    if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a whole number of at least 1, got ${JSON.stringify(text)}`)
    limits[name] = value
  }
  const sqliteThread = env.KUILU_SQLITE_THREAD || 'worker'
  if (sqliteThread !== 'worker' && sqliteThread !== 'main') throw new Error(`KUILU_SQLITE_THREAD must be worker or main, got ${JSON.stringify(sqliteThread)}`)
  const redisPrefix = env.KUILU_REDIS_PREFIX || 'kuilu:'
  return { port, dataDir: resolve(env.DATA_DIR || './data'), databaseUrl, redisUrl, redisPrefix, secret: env.KUILU_SECRET || null, sqliteThread, limits }
}

/** The secret that signs invite links: KUILU_SECRET, else one generated into DATA_DIR on first start. */
export function ensureSecret(config: Config): string {
  if (config.secret) return config.secret
  const file = join(config.dataDir, 'secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(config.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}
