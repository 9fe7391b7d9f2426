import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

/** The Redis the tests use: this machine's. */
export const REDIS_URL = 'redis://127.0.0.1:6379'

/**
 * Whether Redis answers at REDIS_URL. Under CI=true a missing one is a
 * failure, not a skip; elsewhere the Redis tests skip with one loud line.
 */
export async function hasRedis(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    if (process.env.CI === 'true') throw new Error(`CI=true but Redis does not answer at ${REDIS_URL} (${why}): install and start Debian's redis-server`)
    console.warn(`\n!!! Redis tests SKIPPED: nothing answers at ${REDIS_URL} (${why}). Install and start it: apt-get install redis-server\n`)
    return false
  } finally {
    client.disconnect()
  }
}

/** A channel prefix of its own for one test, so tests sharing the machine's Redis never hear each other (pub/sub keeps no keys to clean). */
export const testRedisPrefix = (): string => `kuilu-test-${randomBytes(6).toString('hex')}:`
