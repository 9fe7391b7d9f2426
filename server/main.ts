import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSecret, loadConfig } from './config.js'
import { createServer } from './createServer.js'
import { createJsonLogger } from './log.js'
import { openSqliteStore } from './storage/sqlite/openSqliteStore.js'

const log = createJsonLogger()
const config = loadConfig(process.env)
if (config.databaseUrl) {
  log.error('DATABASE_URL is set, but PostgreSQL storage is not built yet; unset it to use the embedded SQLite store')
  process.exit(1)
}
// Nothing a client sends may end the process: an error that escapes every handler is logged, and the server goes on.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }))
process.on('uncaughtException', (error) => log.error('uncaught exception', { error: error.stack ?? error.message }))

const secret = ensureSecret(config)
const store = await openSqliteStore(join(config.dataDir, 'kuilu.sqlite'), { thread: config.sqliteThread, log })
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const server = await createServer({ storage: store.docs, log, port: config.port, distDir, secret, workshops: { store: store.workshops }, limits: config.limits })
log.info('listening', { port: server.port, url: `http://localhost:${server.port}`, storage: store.docs.kind, sqliteThread: config.sqliteThread, dataDir: config.dataDir })

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
