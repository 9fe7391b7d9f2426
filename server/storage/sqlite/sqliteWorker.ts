import { parentPort, workerData } from 'node:worker_threads'
import { createSqliteHandlers, runStorageCall, type StorageCall } from './sqliteHandlers.js'

/*
 * The storage thread: owns the SQLite connection, so the main thread's event
 * loop never waits on a commit's fsync. Calls run one at a time, in the order
 * they arrive; `close` closes the file and ends the thread.
 */
const port = parentPort!
const handlers = createSqliteHandlers((workerData as { file: string }).file)
port.on('message', (call: StorageCall | { close: true }) => {
  if ('close' in call) {
    handlers.close()
    port.close()
    return
  }
  port.postMessage(runStorageCall(handlers, call))
})
port.postMessage({ ready: true })
