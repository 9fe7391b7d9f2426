/** One key's allowance: a token bucket refilled at the rate per second. */
interface Bucket {
  tokens: number
  at: number
}

/** How fast a bucket refills and how much it holds. */
export interface AllowanceRate {
  perSecond: number
  /** Seconds' worth a full bucket holds: the burst allowed after a quiet spell. */
  burstSeconds: number
}

/**
 * Allowances by key (a person, an address), shared by every room and kept
 * across reconnects, so closing and reopening a socket never refills one
 * (DESIGN.md invariant 6). Buckets that have refilled are dropped on a
 * sweep, so memory stays bounded by the keys active in the last minute.
 */
export class Allowances {
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep: number

  constructor(
    private readonly rate: AllowanceRate,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSweep = now()
  }

  /** Takes `cost` from the key's allowance; false (and nothing taken) when it is used up. */
  take(key: string, cost = 1): boolean {
    const now = this.now()
    if (now - this.lastSweep > 60_000) this.sweep(now)
    const capacity = this.capacity
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }

  /** Gives back what `take` took, when a second allowance refused the same message. */
  refund(key: string, cost = 1): void {
    const bucket = this.buckets.get(key)
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + cost)
  }

  /** Seconds until `cost` is available again for a key (0 when it is now). */
  retryAfterSeconds(key: string, cost = 1): number {
    const bucket = this.buckets.get(key)
    if (!bucket) return 0
    const tokens = Math.min(this.capacity, bucket.tokens + ((this.now() - bucket.at) / 1000) * this.rate.perSecond)
    return tokens >= cost ? 0 : Math.ceil((cost - tokens) / this.rate.perSecond)
  }

  /** Number of keys held now. */
  get size(): number {
    return this.buckets.size
  }

  private get capacity(): number {
    return this.rate.perSecond * this.rate.burstSeconds
  }

  private sweep(now: number): void {
    this.lastSweep = now
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond >= this.capacity) this.buckets.delete(key)
    }
  }
}

/** The allowances of one kind of message, counted per person (or connection) and, more generously, per address. */
export class KeyedAllowance {
  private readonly byPerson: Allowances
  private readonly byAddress: Allowances

  constructor(personRate: AllowanceRate, addressRate: AllowanceRate, now?: () => number) {
    this.byPerson = new Allowances(personRate, now)
    this.byAddress = new Allowances(addressRate, now)
  }

  /** Takes one from both the person's and the address's allowance; false when either is used up. */
  take(personKey: string, address: string): boolean {
    if (!this.byPerson.take(personKey)) return false
    if (this.byAddress.take(address)) return true
    this.byPerson.refund(personKey)
    return false
  }
}
