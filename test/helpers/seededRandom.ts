/** A small deterministic random source (mulberry32), so a failing fuzz seed can be replayed and kept as a regression case. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, max). */
  int(max: number): number
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
}

/** Creates a mulberry32 generator from a 32-bit seed. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (max: number): number => Math.floor(next() * max)
  return { next, int, pick: (items) => items[int(items.length)] }
}
