import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSecret, loadConfig, type Config } from './config.js'
import { createServer } from './createServer.js'
import { createJsonLogger } from './log.js'
import { createRedisPubSub } from './pubsub/createRedisPubSub.js'
import { readDatabaseUrl } from './storage/postgres/createPgPool.js'
import { openPostgresStore } from './storage/postgres/openPostgresStore.js'
import { openSqliteStore } from './storage/sqlite/openSqliteStore.js'

const log = createJsonLogger()
/** Refuses to start with one log line that says why (a bad variable, a database that will not open), never a stack trace. */
const refuse = (message: string, error: unknown): never => {
  log.error(message, { error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
}
const readConfig = (): Config => {
  try {
    return loadConfig(process.env)
  } catch (error) {
    return refuse('the configuration is refused', error)
  }
}
const config = readConfig()
// Nothing a client sends may end the process: an error that escapes every handler is logged, and the server goes on.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }))
process.on('uncaughtException', (error) => log.error('uncaught exception', { error: error.stack ?? error.message }))

const secret = ensureSecret(config)
// PostgreSQL when DATABASE_URL is set (several instances share it), else the embedded SQLite file.
const databaseUrl = config.databaseUrl
const store = await (databaseUrl ? openPostgresStore(databaseUrl, { log }) : openSqliteStore(join(config.dataDir, 'kuilu.sqlite'), { thread: config.sqliteThread, log })).catch(
  (error: unknown) => refuse('storage could not be opened', error),
)
// Redis when REDIS_URL is set: the instances sharing the database hear each other's news; it never carries durability.
const redisUrl = config.redisUrl
if (redisUrl && !databaseUrl) log.warn('REDIS_URL is set without DATABASE_URL: instances on separate SQLite files share no boards; fan-out is on anyway')
const pubsub = redisUrl ? await createRedisPubSub(redisUrl, { log, prefix: config.redisPrefix }).catch((error: unknown) => refuse('Redis could not be reached', error)) : undefined
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const server = await createServer({ storage: store.docs, log, port: config.port, distDir, secret, workshops: { store: store.workshops }, limits: config.limits, pubsub })
const where = databaseUrl ? { database: readDatabaseUrl(databaseUrl).target } : { sqliteThread: config.sqliteThread, dataDir: config.dataDir }
log.info('listening', { port: server.port, url: `http://localhost:${server.port}`, storage: store.docs.kind, ...where, fanout: pubsub ? 'redis' : 'local', instance: pubsub?.instanceId })

let isStopping = false
const stop = async (signal: string): Promise<void> => {
  if (isStopping) return
  isStopping = true
  log.info('shutting down', { signal })
  try {
    await server.close()
    await pubsub?.close()
    await store.close()
  } catch (error) {
    log.error('shutdown failed', { error: String(error) })
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))
