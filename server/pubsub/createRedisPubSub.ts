import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../log.js'
import type { PubSub } from './PubSub.js'

/** Options of the Redis fan-out. */
export interface RedisPubSubOptions {
  log: Logger
  /** Prefix of every channel, so tests and deployments can share one Redis. */
  prefix?: string
  instanceId?: string
}

/**
 * Fan-out through Redis pub/sub, with ioredis: one connection publishes, one
 * subscribes (Redis does not let a subscribed connection publish); messages
 * are binary. A dropped connection is logged once, reconnects by itself, and
 * on its return every subscriber is told to read what it missed.
 */
export async function createRedisPubSub(url: string, options: RedisPubSubOptions): Promise<PubSub> {
  const { log } = options
  const prefix = options.prefix ?? 'kuilu:'
  const instanceId = options.instanceId ?? randomUUID()
  const connect = (role: string) => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: role === 'publish' ? false : true })
    let isDown = false
    client.on('error', (error: Error) => {
      if (isDown) return
      isDown = true
      log.error('redis unreachable; instances cannot hear each other until it returns', { role, error: error.message })
    })
    client.on('ready', () => {
      if (isDown) log.info('redis back', { role })
      isDown = false
    })
    return client
  }
  const publisher = connect('publish')
  const subscriber = connect('subscribe')
  try {
    await Promise.all([publisher.connect(), subscriber.connect()])
  } catch (error) {
    publisher.disconnect()
    subscriber.disconnect()
    throw new Error(`cannot reach Redis at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const handlers = new Map<string, Set<(message: Uint8Array) => void>>()
  const reconnectListeners = new Set<() => void>()
  // Registered after the first connection: every later 'ready' is a return. ioredis resubscribes on its
  // own; what was published while it was away is read from the database by the listeners.
  subscriber.on('ready', () => {
    for (const listener of reconnectListeners) listener()
  })
  subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString('utf8').slice(prefix.length)
    for (const handler of handlers.get(name) ?? []) handler(new Uint8Array(message.buffer, message.byteOffset, message.byteLength))
  })
  return {
    instanceId,
    isShared: true,
    publish(channel, message) {
      if (publisher.status !== 'ready') return
      publisher.publish(prefix + channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch((error: Error) => {
        log.warn('redis publish failed; other instances will catch up from the database', { channel, error: error.message })
      })
    },
    subscribe(channel, handler) {
      const set = handlers.get(channel) ?? new Set()
      if (set.size === 0) void subscriber.subscribe(prefix + channel).catch((error: Error) => log.warn('redis subscribe failed', { channel, error: error.message }))
      set.add(handler)
      handlers.set(channel, set)
      return () => {
        set.delete(handler)
        if (set.size > 0) return
        handlers.delete(channel)
        void subscriber.unsubscribe(prefix + channel).catch(() => {})
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
    async close() {
      reconnectListeners.clear()
      handlers.clear()
      await Promise.allSettled([publisher.quit(), subscriber.quit()])
      publisher.disconnect()
      subscriber.disconnect()
    },
  }
}

/** A Redis URL without its password, for log lines. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'a malformed URL'
  }
}
