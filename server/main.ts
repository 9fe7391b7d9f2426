import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSecret, loadConfig } from './config.js'
import { createServer } from './createServer.js'
import { createJsonLogger } from './log.js'
import { createSqliteStorage } from './storage/createSqliteStorage.js'
import { createSqliteWorkshopStore } from './workshops/createSqliteWorkshopStore.js'

const log = createJsonLogger()
const config = loadConfig(process.env)
if (config.databaseUrl) {
  log.error('DATABASE_URL is set, but PostgreSQL storage is not built yet; unset it to use the embedded SQLite store')
  process.exit(1)
}
const secret = ensureSecret(config)
const storage = createSqliteStorage(join(config.dataDir, 'kuilu.sqlite'))
const workshopStore = createSqliteWorkshopStore(join(config.dataDir, 'kuilu.sqlite'))
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const server = await createServer({ storage, log, port: config.port, distDir, workshops: { store: workshopStore, secret }, limits: config.limits })
log.info('listening', { port: server.port, url: `http://localhost:${server.port}`, storage: storage.kind, dataDir: config.dataDir })

let isStopping = false
const stop = async (signal: string): Promise<void> => {
  if (isStopping) return
  isStopping = true
  log.info('shutting down', { signal })
  try {
    await server.close()
    await workshopStore.close()
    await storage.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))
