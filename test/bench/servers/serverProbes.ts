import { existsSync, readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

/**
 * The libuv timer interval of the delay monitor, in ms (libuv timers count
 * whole milliseconds, so 1 is the finest). A tick that wakes a sleeping loop
 * costs about 30 µs of CPU on this VM, so the harness samples the delay in a
 * window of its own, never inside a window whose CPU it counts.
 */
const RESOLUTION_MS = 1

/** The event loop's delay over one measured window, in ms beyond the monitor's own interval. */
export interface LoopDelay {
  p50: number
  p99: number
  max: number
  /** Timer ticks seen: how many samples the percentiles rest on. */
  samples: number
}

/**
 * Measures how late the main thread's event loop runs a 1 ms timer, over the
 * windows the harness asks for. The histogram holds whole intervals between
 * ticks, so the interval itself is subtracted: an idle loop reads about 0 and
 * a loop blocked 1.5 ms by an fsync reads about 1.5.
 */
export function createLoopDelayProbe() {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  const delayMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS)
  return {
    /** Clears the histogram and starts sampling: the start of a measured window. */
    start(): void {
      histogram.disable()
      histogram.reset()
      histogram.enable()
    },
    /** Stops sampling and reads the window; NaN when the window held no tick. */
    read(): LoopDelay {
      histogram.disable()
      if (histogram.count === 0) return { p50: NaN, p99: NaN, max: NaN, samples: 0 }
      return { p50: delayMs(histogram.percentile(50)), p99: delayMs(histogram.percentile(99)), max: delayMs(histogram.max), samples: histogram.count }
    },
  }
}

/** The main thread's own CPU time and its time spent runnable but waiting for a core, in µs (Linux schedstat). */
export interface MainThreadTimes {
  cpuUs: number
  waitUs: number
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`

/**
 * Reads the main thread's times, or null where the kernel does not expose
 * them. The process's CPU minus the main thread's is what its other threads
 * used: the storage thread, and V8's GC and compiler helpers that every server has.
 */
export function readMainThreadTimes(): MainThreadTimes | null {
  if (!existsSync(SCHEDSTAT)) return null
  const [onCpuNs, waitNs] = readFileSync(SCHEDSTAT, 'utf8').trim().split(/\s+/).map(Number)
  return { cpuUs: onCpuNs / 1000, waitUs: waitNs / 1000 }
}
