import { median, range } from '../stats.js'
import type { ScaleOutRound } from './runScaleOut.js'
import { SCALE_OUT_SETUPS, type ScaleOutPlan, type ScaleOutRow, type ScaleOutSetup } from './scaleOutPlan.js'

type SetupKey = ScaleOutSetup['key']

/** A figure's median over the rounds whose scenario was valid (all rounds when none was), with its range. */
function summary(rounds: ScaleOutRound[], key: SetupKey, figure: string) {
  const scenario = figure.split('.')[0]
  const all = rounds.map((round) => round[key]?.figures[figure] ?? NaN)
  const valid = rounds.map((round, r) => (round[key]?.invalid.includes(scenario) ? NaN : all[r]))
  const chosen = valid.some(Number.isFinite) ? valid : all
  const [min, max] = range(chosen)
  return { median: median(chosen), min, max, count: chosen.filter(Number.isFinite).length, allInvalid: !valid.some(Number.isFinite) && all.some(Number.isFinite) }
}

function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—'
  if (Math.abs(value) >= 10_000) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(digits)
}

function cell(rounds: ScaleOutRound[], key: SetupKey, row: ScaleOutRow): string {
  const value = summary(rounds, key, row.key)
  if (value.count === 0) return '—'
  const mark = value.allInvalid ? ' †' : ''
  if (value.count === 1 || value.min === value.max) return `${formatNumber(value.median, row.digits)}${mark}`
  return `${formatNumber(value.median, row.digits)} (${formatNumber(value.min, row.digits)}–${formatNumber(value.max, row.digits)})${mark}`
}

/** The table as lines of cells: a header, then one line per row that any setup measured. */
export function scaleOutTable(rounds: ScaleOutRound[], rows: ScaleOutRow[]): string[][] {
  const header = ['figure', 'unit', ...SCALE_OUT_SETUPS.map((setup) => setup.key)]
  const measured = rows.filter((row) => SCALE_OUT_SETUPS.some((setup) => summary(rounds, setup.key, row.key).count > 0))
  return [header, ...measured.map((row) => [row.label, row.unit, ...SCALE_OUT_SETUPS.map((setup) => cell(rounds, setup.key, row))])]
}

/** Aligned plain text, for the terminal. */
export function formatScaleOutText(table: string[][]): string {
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)))
  return table.map((line) => line.map((text, column) => text.padEnd(widths[column])).join('  ')).join('\n')
}

/** Markdown, for a note or the README. */
export function formatScaleOutMarkdown(table: string[][]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|')
  return [table[0], table[0].map(() => '---'), ...table.slice(1)].map((line) => `| ${line.map(escape).join(' | ')} |`).join('\n')
}

/** Median over rounds of a per-round difference or ratio between two setups' figures (both valid in that round). */
function paired(rounds: ScaleOutRound[], a: [SetupKey, string], b: [SetupKey, string], combine: (x: number, y: number) => number): number {
  const usable = (round: ScaleOutRound, [key, figure]: [SetupKey, string]) => (round[key]?.invalid.includes(figure.split('.')[0]) ? NaN : round[key]?.figures[figure] ?? NaN)
  return median(rounds.map((round) => combine(usable(round, a), usable(round, b))).filter(Number.isFinite))
}

const minus = (x: number, y: number) => x - y
const over = (x: number, y: number) => x / y

/**
 * The comparisons the section exists for, each taken within a round (both
 * setups met the same machine at nearly the same moment), median over rounds.
 */
export function scaleOutFindings(plan: ScaleOutPlan, rounds: ScaleOutRound[]): string[] {
  const lines: string[] = []
  const ms = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)} ms`
  const us = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} µs`
  const times = (value: number) => `${value.toFixed(2)}×`
  for (const { name } of plan.traffic) {
    const f = (figure: string) => `${name}.${figure}`
    lines.push(
      `${name}, the Redis hop (ours×2 across instances vs ours×1 PG, same clients): latency p50 ${ms(paired(rounds, ['ours×2', f('crossP50')], ['ours×1 PG', f('sameP50')], minus))}, ` +
        `p99 ${ms(paired(rounds, ['ours×2', f('crossP99')], ['ours×1 PG', f('sameP99')], minus))}; CPU per delivered update, all processes, ` +
        `${us(paired(rounds, ['ours×2', f('totalPerUpdate')], ['ours×1 PG', f('totalPerUpdate')], minus))} ` +
        `(${times(paired(rounds, ['ours×2', f('totalPerUpdate')], ['ours×1 PG', f('totalPerUpdate')], over))}), redis-server itself ${summary(rounds, 'ours×2', f('redisPerUpdate')).median.toFixed(1)} µs of it.`,
      `${name}, ours×2 vs Hocuspocus×2 (both across instances): latency p50 ${times(paired(rounds, ['ours×2', f('crossP50')], ['Hocus×2', f('crossP50')], over))}, ` +
        `p99 ${times(paired(rounds, ['ours×2', f('crossP99')], ['Hocus×2', f('crossP99')], over))}; CPU per delivered update, all processes, ${times(paired(rounds, ['ours×2', f('totalPerUpdate')], ['Hocus×2', f('totalPerUpdate')], over))}.`,
      `${name}, PostgreSQL vs SQLite (ours, 1 instance): latency p50 ${ms(paired(rounds, ['ours×1 PG', f('sameP50')], ['ours×1 SQLite', f('sameP50')], minus))}, ` +
        `p99 ${ms(paired(rounds, ['ours×1 PG', f('sameP99')], ['ours×1 SQLite', f('sameP99')], minus))}; CPU per delivered update, all processes, ` +
        `${times(paired(rounds, ['ours×1 PG', f('totalPerUpdate')], ['ours×1 SQLite', f('totalPerUpdate')], over))}.`,
    )
  }
  return lines
}

/** The notes printed under the table: what was measured, how, and what else ran. */
export function scaleOutNotes(plan: ScaleOutPlan, backgroundCpu: number): string[] {
  const notes = [
    `${plan.rounds} round(s), setups interleaved in each; every server instance and load generator is a fresh process per setup and round, warmed up with ${plan.warmUpMs / 1000} s of scenario A first. Windows of ${(plan.traffic[0]?.windowMs ?? 0) / 1000} s.`,
    'Pinning on 2 cores: both server instances on core 0, the load generator and harness on core 1 (taskset); redis-server and PostgreSQL are the machine\'s shared services and are not re-pinned, so they take whichever core is free, competing with the servers or with the load generator. Two instances on one core show what scale-out costs per update, not the throughput a second machine would add.',
    'Latency: edit → applied by a receiver in the same load process. Each room\'s clients alternate between the instances, so its two timed receivers sit on different instances; "across instances" is an edit written on one instance and applied by a client of the other (it went through Redis), "same instance" one written and applied on the same instance.',
    'CPU per delivered update, all processes: the server instances (all threads), plus for the setups that use them redis-server (all threads) and PostgreSQL — the backends of this run\'s servers (told apart by application_name) and PostgreSQL\'s own processes (postmaster, WAL writer, checkpointer, background writer), whose work every user of this cluster causes. Read from /proc/<pid>/task/*/schedstat as deltas over the window. Redis is this machine\'s one Redis, so anyone else\'s commands during a window count as ours; other people\'s PostgreSQL backends are reported, not counted.',
    'Ours commits each update before anyone sees it (PostgreSQL with synchronous_commit=on, or SQLite WAL synchronous=FULL), then publishes the committed batch on Redis. Hocuspocus keeps documents in memory, stores a full snapshot in PostgreSQL debounced (2 s, at most 10 s), and its Redis extension announces each change (coalesced per event-loop turn) as a state vector on the document\'s channel; the other instance answers on the sender\'s reply channel with a diff and its own state vector, and the change itself crosses on the third message: three Redis hops and two state-vector diffs per change, and no durability before visibility.',
  ]
  if (backgroundCpu > 20) notes.push(`NOISY: other processes used ${backgroundCpu.toFixed(0)}% of a core on average during this run (both cores are shared); rerun on a quiet machine before trusting latency figures.`)
  return notes
}
