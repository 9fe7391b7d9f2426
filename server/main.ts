import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSecret, loadConfig, type Config } from './config.js'
import { createServer } from './createServer.js'
import { createJsonLogger } from './log.js'
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
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const server = await createServer({ storage: store.docs, log, port: config.port, distDir, secret, workshops: { store: store.workshops }, limits: config.limits })
const where = databaseUrl ? { database: readDatabaseUrl(databaseUrl).target } : { sqliteThread: config.sqliteThread, dataDir: config.dataDir }
log.info('listening', { port: server.port, url: `http://localhost:${server.port}`, storage: store.docs.kind, ...where })

let isStopping = false
const stop = async (signal: string): Promise<void> => {
  if (isStopping) return
  isStopping = true
  log.info('shutting down', { signal })
  try {
    await server.close()
    await store.close()
  } catch (error) {
    log.error('shutdown failed', { error: String(error) })
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))
