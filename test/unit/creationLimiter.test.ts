import { describe, expect, it } from 'vitest'
import { addressKey, createCreationLimiter, MAX_TRACKED_ADDRESSES } from '../../server/http/creationLimiter.js'

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let time = start
  return { now: () => time, advance: (ms: number) => void (time += ms) }
}

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::ffff', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('keys %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key)
  })
})

describe('creation limiter', () => {
  it('lets a burst through, then one per refill interval, with Retry-After until the next', () => {
    const clock = manualClock()
    const limiter = createCreationLimiter({ maxBoardsPerHour: 60, boardBurst: 3 }, clock.now)
    for (let i = 0; i < 3; i++) expect(limiter.take('198.51.100.1')).toEqual({ ok: true })
    expect(limiter.take('198.51.100.1')).toEqual({ ok: false, retryAfterSeconds: 60 })
    expect(limiter.take('198.51.100.2')).toEqual({ ok: true })
    clock.advance(45_000)
    expect(limiter.take('198.51.100.1')).toEqual({ ok: false, retryAfterSeconds: 15 })
    clock.advance(15_000)
    expect(limiter.take('198.51.100.1')).toEqual({ ok: true })
  })

  it('treats every address of one IPv6 /64 as one', () => {
    const limiter = createCreationLimiter({ maxBoardsPerHour: 1, boardBurst: 1 }, manualClock().now)
    expect(limiter.take('2001:db8::1').ok).toBe(true)
    expect(limiter.take('2001:db8::2').ok).toBe(false)
  })

  it('forgets refilled buckets, and never tracks more than its bound', () => {
    const clock = manualClock()
    const limiter = createCreationLimiter({ maxBoardsPerHour: 3_600, boardBurst: 2 }, clock.now)
    for (let i = 0; i < 100; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`)
    expect(limiter.size).toBe(100)
    clock.advance(60_000)
    limiter.take('192.0.2.1')
    expect(limiter.size).toBe(1)
    for (let i = 0; i < MAX_TRACKED_ADDRESSES + 10; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`)
    expect(limiter.size).toBeLessThanOrEqual(MAX_TRACKED_ADDRESSES + 1)
  })
})
