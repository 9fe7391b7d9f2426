import { Worker } from 'node:worker_threads'
import type { Logger } from '../../log.js'
import { createSqliteHandlers, runStorageCall, type StorageCall, type StorageReply } from './sqliteHandlers.js'

/** Where the SQLite calls run: `worker` (default) keeps every fsync off the event loop; `main` runs them inline, for comparison. */
export type StorageThreadKind = 'worker' | 'main'

/** Sends calls to the SQLite handlers and settles each promise with the reply, or with an error when the thread fails. */
export interface StorageThread {
  /** `transfer`: buffers among the arguments to move to the thread rather than copy; the caller must not use them after. */
  call(group: StorageCall['group'], method: string, args: unknown[], transfer?: ArrayBuffer[]): Promise<unknown>
  close(): Promise<void>
}

/** Starts the storage thread and resolves once its database is open and migrated. */
export async function startStorageThread(file: string, kind: StorageThreadKind, log: Logger): Promise<StorageThread> {
  if (kind === 'main') return inlineThread(file)
  let worker = await spawn(file)
  let isClosing = false
  let nextId = 1
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const failAll = (error: Error): void => {
    for (const waiter of waiting.values()) waiter.reject(error)
    waiting.clear()
  }
  const attach = (target: Worker): void => {
    target.on('message', (reply: StorageReply) => {
      const waiter = waiting.get(reply.id)
      if (!waiter) return
      waiting.delete(reply.id)
      if (reply.ok) waiter.resolve(reply.value)
      else waiter.reject(new Error(reply.error))
    })
    target.on('error', (error) => log.error('storage thread failed', { error: error.message }))
    target.on('exit', (code) => {
      if (target !== worker) return
      failAll(new Error(`the storage thread stopped (exit ${code})`))
      if (!isClosing) {
        log.error('storage thread stopped; starting a new one', { code })
        restarting = spawn(file).then((fresh) => {
          worker = fresh
          attach(fresh)
        })
        restarting.catch((error) => log.error('storage thread could not restart', { error: String(error) }))
      }
    })
  }
  let restarting: Promise<void> | null = null
  attach(worker)
  return {
    async call(group, method, args, transfer) {
      if (restarting) await restarting
      if (isClosing) throw new Error('storage is closed')
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        worker.postMessage({ id, group, method, args } satisfies StorageCall, transfer)
      })
    },
    async close() {
      if (isClosing) return
      isClosing = true
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.postMessage({ close: true })
      await exited
      failAll(new Error('storage is closed'))
    },
  }
}

function spawn(file: string): Promise<Worker> {
  const worker = new Worker(new URL('./sqliteWorkerBoot.mjs', import.meta.url), { workerData: { file } })
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the storage thread could not open ${file} (exit ${code})`))
    worker.once('error', reject)
    worker.once('exit', onExit)
    worker.once('message', () => {
      worker.off('error', reject)
      worker.off('exit', onExit)
      resolve(worker)
    })
  })
}

function inlineThread(file: string): StorageThread {
  const handlers = createSqliteHandlers(file)
  let nextId = 1
  let isClosed = false
  return {
    async call(group, method, args) {
      if (isClosed) throw new Error('storage is closed')
      const reply = runStorageCall(handlers, { id: nextId++, group, method, args })
      if (!reply.ok) throw new Error(reply.error)
      return reply.value
    },
    async close() {
      if (isClosed) return
      isClosed = true
      handlers.close()
    },
  }
}
