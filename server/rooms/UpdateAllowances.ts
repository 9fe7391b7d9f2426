/** One connection's allowance: a token bucket refilled at the rate per second. */
interface Allowance {
  tokens: number
  at: number
}

/**
 * Per-connection update allowances (DESIGN.md invariant 6): `perSecond`
 * updates a second, in bursts of up to two seconds' worth, so a drag at the
 * screen's frame rate or a reconnect's resend never trips it and a flood does.
 */
export class UpdateAllowances<K> {
  private readonly byKey = new Map<K, Allowance>()

  constructor(private readonly perSecond: number, private readonly now: () => number = () => performance.now()) {}

  /** Takes one update from the key's allowance; false when it is used up. */
  take(key: K): boolean {
    const now = this.now()
    const burst = 2 * this.perSecond
    const allowance = this.byKey.get(key) ?? { tokens: burst, at: now }
    allowance.tokens = Math.min(burst, allowance.tokens + ((now - allowance.at) / 1000) * this.perSecond) - 1
    allowance.at = now
    this.byKey.set(key, allowance)
    return allowance.tokens >= 0
  }

  /** Forgets a key that has gone. */
  forget(key: K): void {
    this.byKey.delete(key)
  }
}
