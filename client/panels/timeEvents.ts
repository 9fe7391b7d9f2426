/** How long before the end people are warned: one minute, the last call a facilitator gives a room. */
export const WARNING_MS = 60_000

/** What a countdown's move is worth saying aloud. */
export type TimeEvent = 'warning' | 'up'

/**
 * What a countdown passing from `before` to `now` milliseconds left is worth
 * saying: the one-minute warning when it crosses a minute, "time is up" when
 * it reaches zero, else nothing. Null is "no countdown" (none running, no
 * time limit): appearing or resuming is not news, and neither is time added
 * or a reset. Pure.
 */
export function timeEvent(before: number | null, now: number | null): TimeEvent | null {
  if (before === null || now === null || now >= before) return null
  if (now === 0) return 'up'
  return before > WARNING_MS && now <= WARNING_MS ? 'warning' : null
}
