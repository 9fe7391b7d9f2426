// The SQLite store's group commit on its own, without the network or the storage thread: replays
// scenario A's commit shape (several boards, one update of about 400 B each per commit, every board
// compacted after 500 updates as the server does) against the real schema and handlers of the
// working tree, or of a commit with `--code <rev>`, and prints the CPU, wall time and bytes written
// per commit. How to compare two versions of the log: run it for each, one after the other.
//   npx tsx test/bench/storageCommits.ts [--code <rev>] [--commits 3000] [--boards 4] [--rounds 3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEFAULT_LIMITS } from '../../server/createServer.js'
import { snapshotCode } from './codeSnapshot.js'

const option = (name: string): string | undefined => {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] : undefined
}
/** A positive whole number from the command line, or the default; anything else stops the run with its name. */
const count = (name: string, fallback: number): number => {
  const value = Number(option(name) ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number, got ${JSON.stringify(option(name))}`)
  return value
}
const revision = option('--code')
const commits = count('--commits', 3000)
const boards = count('--boards', 4)
const rounds = count('--rounds', 3)
const COMPACT_AFTER = DEFAULT_LIMITS.compactAfterUpdates
const UPDATE_BYTES = 414

const { root, info } = snapshotCode(revision)

type Handlers = {
  docs: {
    appendBatch(entries: { id: string; updates: Uint8Array[] }[]): number[]
    compact(id: string, snapshot: Uint8Array, stateVector: Uint8Array, throughSeq: number): boolean
  }
  close(): void
}
const { createSqliteHandlers } = (await import(pathToFileURL(join(root, 'server/storage/sqlite/sqliteHandlers.ts')).href)) as {
  createSqliteHandlers(file: string): Handlers
}

const io = (): { written: number; writes: number } => {
  const text = readFileSync('/proc/self/io', 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(text)?.[1] ?? 0)
  return { written: field('wchar'), writes: field('syscw') }
}

const update = new Uint8Array(UPDATE_BYTES).map((_, index) => index % 251)
const snapshot = new Uint8Array(40_000).map((_, index) => index % 241)
const results: { cpuUs: number; wallUs: number; bytes: number; writes: number }[] = []
for (let round = 0; round < rounds; round++) {
  const dir = mkdtempSync(join(process.cwd(), 'bench', '.storage-'))
  const handlers = createSqliteHandlers(join(dir, 'kuilu.sqlite'))
  // Warm up: the first 200 commits are not counted (statements prepared, file grown).
  const commit = (index: number) => {
    const entries = Array.from({ length: boards }, (_, board) => ({ id: `board-${(index + board) % (boards * 2)}`, updates: [update] }))
    const last = handlers.docs.appendBatch(entries)
    entries.forEach((entry, position) => {
      if (last[position] % COMPACT_AFTER === 0) handlers.docs.compact(entry.id, snapshot, new Uint8Array([1, 2, 3]), last[position])
    })
  }
  for (let index = 0; index < 200; index++) commit(index)
  const cpu0 = process.cpuUsage()
  const io0 = io()
  const t0 = process.hrtime.bigint()
  for (let index = 200; index < 200 + commits; index++) commit(index)
  const wallUs = Number(process.hrtime.bigint() - t0) / 1000 / commits
  const cpu = process.cpuUsage(cpu0)
  const io1 = io()
  handlers.close()
  rmSync(dir, { recursive: true, force: true })
  results.push({ cpuUs: (cpu.user + cpu.system) / commits, wallUs, bytes: (io1.written - io0.written) / commits, writes: (io1.writes - io0.writes) / commits })
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const code = `${info.source} ${info.commit}`
console.log(`SQLite group commit, ${code}: ${commits} commits of ${boards} boards × 1 update of ${UPDATE_BYTES} B (each board compacted after ${COMPACT_AFTER}), median of ${rounds} rounds`)
console.log(`  CPU per commit ${median(results.map((r) => r.cpuUs)).toFixed(0)} µs, wall ${median(results.map((r) => r.wallUs)).toFixed(0)} µs, written ${(median(results.map((r) => r.bytes)) / 1024).toFixed(1)} KiB in ${median(results.map((r) => r.writes)).toFixed(1)} write calls`)
console.log(`  rounds: ${results.map((r) => `${r.cpuUs.toFixed(0)} µs`).join(', ')}`)
