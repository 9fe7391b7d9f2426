import { describe, expect, it } from 'vitest'
import { timeEvent } from '../../client/panels/timeEvents.js'

describe('timeEvent: what a countdown says aloud as it runs', () => {
  it.each([
    ['crossing one minute', 61_000, 60_000, 'warning'],
    ['crossing one minute between two ticks', 60_400, 59_600, 'warning'],
    ['reaching zero', 1_000, 0, 'up'],
    ['reaching zero from above a minute at once', 90_000, 0, 'up'],
    ['ticking inside the last minute', 40_000, 39_000, null],
    ['ticking before the last minute', 300_000, 299_000, null],
    ['staying at zero', 0, 0, null],
    ['a minute added back', 30_000, 90_000, null],
    ['a countdown appearing', null, 50_000, null],
    ['a countdown going away', 50_000, null, null],
    ['a countdown started with less than a minute', null, 30_000, null],
  ] as const)('%s', (_, before, now, expected) => {
    expect(timeEvent(before, now)).toBe(expected)
  })
})
