import { describe, expect, it } from 'vitest'
import { UpdateAllowances } from '../../server/rooms/UpdateAllowances.js'

describe('per-connection update allowance', () => {
  it('lets a burst of two seconds through, refills at the rate, and keeps connections apart', () => {
    let now = 1000
    const allowances = new UpdateAllowances<string>(20, () => now)
    const takes = (key: string, count: number) => Array.from({ length: count }, () => allowances.take(key)).filter(Boolean).length
    expect(takes('a', 40)).toBe(40)
    expect(allowances.take('a')).toBe(false)
    expect(takes('b', 40)).toBe(40)
    now += 100
    expect(takes('a', 5)).toBe(1)
    now += 10_000
    expect(takes('a', 50)).toBe(40)
    allowances.forget('a')
    expect(takes('a', 40)).toBe(40)
  })

  it('never falls behind a steady editor at the rate', () => {
    let now = 0
    const allowances = new UpdateAllowances<string>(60, () => now)
    for (let frame = 0; frame < 600; frame++, now += 1000 / 60) expect(allowances.take('drag')).toBe(true)
  })
})
