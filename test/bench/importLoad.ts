/**
 * Measures board imports against the real server process: wall time of one
 * and of two concurrent 20,000-record imports, the longest stretch in which
 * `/healthz` went unanswered (the event-loop block as another client feels
 * it), and the server's peak RSS (VmHWM). Run: `npx tsx test/bench/importLoad.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { largeBoardExport } from '../helpers/largeBoardExport.js'
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js'

/** Peak and current resident memory of a process, in MiB. */
function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { peakMiB: Math.round(kib('VmHWM') / 1024), rssMiB: Math.round(kib('VmRSS') / 1024) }
}

/** CPU time the process has used, in ms (user + system; /proc counts in ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Polls /healthz back to back until `done` settles; returns the longest wait for one answer, in ms. */
async function longestSilence(url: string, done: Promise<unknown>): Promise<number> {
  let isDone = false
  void done.finally(() => (isDone = true))
  let longest = 0
  while (!isDone) {
    const start = performance.now()
    // A keep-alive socket the server timed out while blocked resets once; the wait still counts.
    await fetch(`${url}/healthz`).catch(() => fetch(`${url}/healthz`))
    longest = Math.max(longest, performance.now() - start)
  }
  return Math.round(longest)
}

async function measure(server: SpawnedServer, body: string, concurrent: number): Promise<string> {
  const pid = server.process.pid!
  const cpuBefore = cpuMsOf(pid)
  const start = performance.now()
  const imports = Promise.all(
    Array.from({ length: concurrent }, async () => {
      const response = await fetch(`${server.url}/api/boards/import`, { method: 'POST', body })
      if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`)
      return performance.now() - start
    }),
  )
  const silence = await longestSilence(server.url, imports)
  const walls = (await imports).map((ms) => Math.round(ms))
  const cpu = cpuMsOf(pid) - cpuBefore
  const { peakMiB, rssMiB } = memoryOf(pid)
  return `${concurrent} import(s): wall ${walls.join(' / ')} ms, server CPU ${cpu} ms, longest /healthz wait ${silence} ms, peak RSS ${peakMiB} MiB, RSS after ${rssMiB} MiB`
}

const body = largeBoardExport()
console.log(`payload: ${(body.length / 1024 / 1024).toFixed(1)} MiB`)
for (const concurrent of [1, 2]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuilu-import-load-'))
  const server = await spawnServer({ dataDir })
  try {
    console.log(await measure(server, body, concurrent))
  } finally {
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}
