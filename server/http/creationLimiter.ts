/** How many boards one address may create: a burst at once, refilled at a steady rate per hour. */
export interface CreationLimits {
  maxBoardsPerHour: number
  boardBurst: number
}

/** The answer of a creation limiter: go ahead, or wait this many seconds. */
export type CreationAllowance = { ok: true } | { ok: false; retryAfterSeconds: number }

/** A token-bucket limiter of board creation per remote address. */
export interface CreationLimiter {
  /** Takes one creation from the address's bucket, or says when the next one is free. */
  take(remoteAddress: string | undefined): CreationAllowance
  /** Addresses tracked right now; full buckets are dropped, so this stays small. */
  readonly size: number
}

/** Above this many tracked addresses the oldest buckets are forgotten, however full: memory stays bounded when many addresses create. */
export const MAX_TRACKED_ADDRESSES = 50_000

interface Bucket {
  tokens: number
  at: number
}

/**
 * The bucket key of an address: IPv4 as is, IPv6 by its /64 prefix, since a
 * single host is usually handed a whole /64 and could otherwise take a fresh
 * address, and a fresh bucket, for every request.
 */
export function addressKey(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
  if (!address.includes(':')) return address
  const [head, tail = ''] = address.split('::')
  const groups = head === '' ? [] : head.split(':')
  const tailGroups = tail === '' ? [] : tail.split(':')
  const full = [...groups, ...Array(Math.max(0, 8 - groups.length - tailGroups.length)).fill('0'), ...tailGroups]
  return `${full.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`
}

/**
 * Creates the limiter. A bucket holds `boardBurst` tokens and gains
 * `maxBoardsPerHour` per hour; an address whose bucket has refilled is
 * forgotten (it would start full anyway), swept at most once a minute.
 */
export function createCreationLimiter(limits: CreationLimits, now: () => number = Date.now): CreationLimiter {
  const buckets = new Map<string, Bucket>()
  const perMs = limits.maxBoardsPerHour / 3_600_000
  let lastSweep = now()
  const level = (bucket: Bucket, time: number) => Math.min(limits.boardBurst, bucket.tokens + (time - bucket.at) * perMs)
  const sweep = (time: number) => {
    lastSweep = time
    for (const [key, bucket] of buckets) if (level(bucket, time) >= limits.boardBurst) buckets.delete(key)
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_TRACKED_ADDRESSES) break
      buckets.delete(key)
    }
  }
  return {
    take(remoteAddress) {
      const time = now()
      if (time - lastSweep >= 60_000 || buckets.size > MAX_TRACKED_ADDRESSES) sweep(time)
      const key = addressKey(remoteAddress)
      const bucket = buckets.get(key) ?? { tokens: limits.boardBurst, at: time }
      const tokens = level(bucket, time)
      if (tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) }
      buckets.delete(key)
      buckets.set(key, { tokens: tokens - 1, at: time })
      return { ok: true }
    },
    get size() {
      return buckets.size
    },
  }
}
