import * as Y from 'yjs'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectBoundClient, type BoundClient } from './boundClient.js'
import { geoShape } from './geoShape.js'
import { waitFor } from './waitFor.js'
import { captureUpdate } from './wireFrames.js'

/** One timed round trip: when its edit was sent (epoch ms) and how long until the other client had it. */
export interface RoundTrip {
  at: number
  ms: number
}

/** Round trips on a board of their own, one at a time, from two addresses no flooder uses. */
export interface Canary {
  readonly samples: readonly RoundTrip[]
  readonly writer: BoundClient
  readonly reader: BoundClient
  /** Stops after the round trip in flight completes; throws if it never does (the canary was cut off). */
  stop(): Promise<void>
  /** Stops at once and closes both sockets, for cleanup after a failure. */
  close(): void
}

/**
 * Starts a canary on `boardId`: a writer (from 127.0.0.2) writes a record,
 * a reader (from 127.0.0.3) waits until it arrives, the time between is one
 * sample; the next edit starts `intervalMs` after the last one started, or
 * at once when the round trip took longer.
 */
export async function startCanary(syncUrl: string, boardId: string, intervalMs = 25): Promise<Canary> {
  const writer = await connectBoundClient(syncUrl, boardId, '127.0.0.2')
  const reader = await connectBoundClient(syncUrl, boardId, '127.0.0.3')
  const records = writer.doc.getArray(RECORDS_KEY)
  const samples: RoundTrip[] = []
  let awaited: { id: string; arrived: () => void } | null = null
  reader.doc.getArray(RECORDS_KEY).observe((event: Y.YArrayEvent<unknown>) => {
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as { key?: string }[]) if (awaited && entry.key === awaited.id) awaited.arrived()
    }
  })
  let isRunning = true
  let isIdle = false
  void (async () => {
    for (let i = 0; isRunning; i++) {
      const id = `shape:canary-${i}`
      const arrival = new Promise<void>((resolve) => (awaited = { id, arrived: resolve }))
      const at = Date.now()
      const start = performance.now()
      writer.sendUpdate(captureUpdate(writer.doc, () => records.push([{ key: id, val: geoShape(id, i) }])))
      await arrival
      samples.push({ at, ms: performance.now() - start })
      const rest = start + intervalMs - performance.now()
      if (rest > 0 && isRunning) await new Promise((resolve) => setTimeout(resolve, rest))
    }
    isIdle = true
  })()
  return {
    samples,
    writer,
    reader,
    async stop() {
      isRunning = false
      try {
        await waitFor(() => isIdle, { timeoutMs: 15_000, what: "the canary's last round trip" })
      } finally {
        writer.close()
        reader.close()
      }
    },
    close() {
      isRunning = false
      writer.close()
      reader.close()
    },
  }
}

/** Nearest-rank percentiles of a list of durations. */
export function summarize(values: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? NaN }
}
