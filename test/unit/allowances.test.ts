import { describe, expect, it } from 'vitest'
import { Allowances, KeyedAllowance } from '../../server/rooms/Allowances.js'

/** A clock the test moves by hand, in milliseconds. */
function manualClock(start = 1_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms) }
}

/** How many of `count` takes of one key succeed. */
const takes = (allowances: { take(key: string): boolean }, key: string, count: number) => Array.from({ length: count }, () => allowances.take(key)).filter(Boolean).length

describe('Allowances (a token bucket per key)', () => {
  it('lets a full burst through at once, then nothing', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 20, burstSeconds: 2 }, clock.now)
    expect(takes(allowances, 'person:a', 45)).toBe(40)
    expect(allowances.take('person:a')).toBe(false)
  })

  it('refills at the rate, never past the burst', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 20, burstSeconds: 2 }, clock.now)
    takes(allowances, 'a', 40)
    clock.advance(100)
    expect(takes(allowances, 'a', 5)).toBe(2)
    clock.advance(10_000)
    expect(takes(allowances, 'a', 50)).toBe(40)
  })

  it('keeps keys apart: one key using its burst takes nothing from another', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 10, burstSeconds: 1 }, clock.now)
    expect(takes(allowances, 'person:a', 20)).toBe(10)
    expect(takes(allowances, 'person:b', 20)).toBe(10)
    expect(allowances.size).toBe(2)
  })

  it('charges a cost, and refuses without taking anything when the cost is more than is left', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 10, burstSeconds: 1 }, clock.now)
    expect(allowances.take('a', 8)).toBe(true)
    expect(allowances.take('a', 5)).toBe(false)
    expect(allowances.take('a', 2)).toBe(true)
    expect(allowances.take('a')).toBe(false)
  })

  it('never falls behind a steady sender at exactly the rate', () => {
    const clock = manualClock(0)
    const allowances = new Allowances({ perSecond: 60, burstSeconds: 2 }, clock.now)
    for (let frame = 0; frame < 600; frame++, clock.advance(1000 / 60)) expect(allowances.take('drag')).toBe(true)
  })

  it('is not refilled by a "reconnect": the key is the person, not the connection', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 5, burstSeconds: 2 }, clock.now)
    let accepted = 0
    // 247 short connections of one person, each sending as much as it can: together they get one burst, not 247.
    for (let connection = 0; connection < 247; connection++) accepted += takes(allowances, 'person:w1:p1', 10)
    expect(accepted).toBe(10)
  })

  it('says how long until a cost is available again, and 0 when it is now or the key is unknown', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 4, burstSeconds: 1 }, clock.now)
    expect(allowances.retryAfterSeconds('nobody')).toBe(0)
    takes(allowances, 'a', 4)
    expect(allowances.retryAfterSeconds('a')).toBe(1)
    expect(allowances.retryAfterSeconds('a', 4)).toBe(1)
    clock.advance(250)
    expect(allowances.retryAfterSeconds('a')).toBe(0)
    expect(allowances.retryAfterSeconds('a', 3)).toBe(1)
    const slow = new Allowances({ perSecond: 1 / 60, burstSeconds: 60 }, clock.now)
    expect(slow.take('address:10.0.0.1')).toBe(true)
    expect(slow.retryAfterSeconds('address:10.0.0.1')).toBe(60)
  })

  it('drops keys that have refilled on a sweep, keeps keys still owed', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 1, burstSeconds: 100 }, clock.now)
    takes(allowances, 'refills', 1)
    takes(allowances, 'still-owed', 100)
    clock.advance(61_000)
    // A sweep runs on the first take after a minute: 'refills' is full again, 'still-owed' has 61 of 100.
    allowances.take('newcomer')
    expect(allowances.size).toBe(2)
    expect(takes(allowances, 'still-owed', 100)).toBe(61)
    expect(takes(allowances, 'refills', 200)).toBe(100)
  })

  it('does not sweep before a minute has passed', () => {
    const clock = manualClock()
    const allowances = new Allowances({ perSecond: 10, burstSeconds: 1 }, clock.now)
    takes(allowances, 'a', 1)
    clock.advance(59_000)
    allowances.take('b')
    expect(allowances.size).toBe(2)
  })
})

describe('KeyedAllowance (per person and per address)', () => {
  it('refuses a person past their own rate while others at the same address go on', () => {
    const clock = manualClock()
    const allowance = new KeyedAllowance({ perSecond: 5, burstSeconds: 2 }, { perSecond: 100, burstSeconds: 2 }, clock.now)
    const sent = (person: string, count: number) => Array.from({ length: count }, () => allowance.take(person, '10.0.0.1')).filter(Boolean).length
    expect(sent('person:a', 30)).toBe(10)
    expect(sent('person:b', 30)).toBe(10)
  })

  it('refuses everyone at an address once the address has used its allowance, however many people it names', () => {
    const clock = manualClock()
    const allowance = new KeyedAllowance({ perSecond: 5, burstSeconds: 2 }, { perSecond: 20, burstSeconds: 2 }, clock.now)
    let accepted = 0
    // Invented people on one address: each fresh person key would have a full burst, the address does not.
    for (let person = 0; person < 50; person++) for (let i = 0; i < 10; i++) accepted += allowance.take(`person:${person}`, '10.0.0.9') ? 1 : 0
    expect(accepted).toBe(40)
    expect(allowance.take('person:someone-new', '10.0.0.10')).toBe(true)
  })

  it('survives reconnects: the same person on a new connection finds the allowance as they left it, refilled only by time', () => {
    const clock = manualClock()
    const allowance = new KeyedAllowance({ perSecond: 10, burstSeconds: 1 }, { perSecond: 1000, burstSeconds: 1 }, clock.now)
    const burst = () => Array.from({ length: 20 }, () => allowance.take('person:w1:p1', '10.0.0.1')).filter(Boolean).length
    expect(burst()).toBe(10)
    expect(burst()).toBe(0)
    clock.advance(500)
    expect(burst()).toBe(5)
  })
})
