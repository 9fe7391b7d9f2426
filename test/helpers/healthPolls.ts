/** One GET /healthz: when it was sent (epoch ms), its status (0 when it got no answer in 10 s), and how long it took. */
export interface HealthPoll {
  at: number
  status: number
  ms: number
}

/** /healthz and /metrics polled at a steady pace while something else runs. */
export interface HealthPolls {
  readonly polls: readonly HealthPoll[]
  /** `rss` from /metrics, sampled every few polls. */
  readonly rss: readonly { at: number; rss: number }[]
  stop(): Promise<void>
}

/** Reads `rss` (bytes) from GET /metrics. */
export async function readRss(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })
  return ((await response.json()) as { rss: number }).rss
}

/** Polls `${baseUrl}/healthz` every `intervalMs` (the next poll starts when the last answered, or on time), and /metrics every fifth poll. */
export function startHealthPolls(baseUrl: string, intervalMs = 100): HealthPolls {
  const polls: HealthPoll[] = []
  const rss: { at: number; rss: number }[] = []
  let isRunning = true
  const loop = (async () => {
    for (let i = 0; isRunning; i++) {
      const at = Date.now()
      const start = performance.now()
      let status = 0
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })
        await response.arrayBuffer()
        status = response.status
      } catch {
        // no answer: recorded as status 0
      }
      polls.push({ at, status, ms: performance.now() - start })
      if (i % 5 === 0) await readRss(baseUrl).then((value) => rss.push({ at: Date.now(), rss: value }), () => {})
      const rest = start + intervalMs - performance.now()
      if (rest > 0 && isRunning) await new Promise((resolve) => setTimeout(resolve, rest))
    }
  })()
  return {
    polls,
    rss,
    async stop() {
      isRunning = false
      await loop
    },
  }
}
