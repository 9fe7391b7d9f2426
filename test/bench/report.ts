import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, platform, release } from 'node:os'
import { join } from 'node:path'
import type { Figures } from './scenarios.js'
import { median, range } from './stats.js'

/** The servers, in the order rounds run them. */
export const SERVER_KINDS = ['ours', 'y-websocket', 'hocuspocus', 'raw'] as const
/** One of the servers under test. */
export type ServerKind = (typeof SERVER_KINDS)[number]

/** What one server produced in one round. */
export interface ServerRound {
  figures: Figures
  /** Scenarios whose window had the load generator above its CPU limit. */
  invalid: string[]
  errors: string[]
}

/** One round: every server, same plan, one after the other. */
export type Round = Partial<Record<ServerKind, ServerRound>>

/**
 * A target that can be checked: ours against a fixed value, or (with `peer`)
 * the median of ours/peer taken within each round, so that both servers met
 * the same machine at the same moment.
 */
export interface Goal {
  op: '<' | '≤' | '≥'
  value: number
  peer?: ServerKind
}

/** A row of the table: which figure, its unit, and the target for ours. */
export interface FigureSpec {
  key: string
  label: string
  unit: string
  digits: number
  /** A target the report checks ("met" / "not met"); its text is derived from it. */
  goal?: Goal
  /** A target said in words, where it cannot be checked from one figure. */
  target?: string
  /** A yes/no figure (0 or 1), or context such as the noise of a round: shown per server, never as a ratio. */
  isFlag?: boolean
}

/** One computed row: per server median [min, max], and median of per-round ratios ours/peer. */
export interface TableRow extends FigureSpec {
  values: Partial<Record<ServerKind, { median: number; min: number; max: number; rounds: number; allInvalid: boolean }>>
  ratios: Partial<Record<ServerKind, number>>
  /** Whether ours met the goal; undefined when the row has none or its figure was not measured. */
  isMet?: boolean
}

const PEER_SHORT: Record<ServerKind, string> = { ours: 'ours', 'y-websocket': 'y-ws', hocuspocus: 'Hocus', raw: 'raw' }

/** A goal as the table shows it: "≤ 1.2× y-ws", "< 2". */
export function goalText(goal: Goal): string {
  return goal.peer ? `${goal.op} ${goal.value}× ${PEER_SHORT[goal.peer]}` : `${goal.op} ${goal.value}`
}

/** Checks a row's goal against the in-round ratio (peer goals) or ours' median; undefined when either is missing. */
function checkGoal(row: TableRow): boolean | undefined {
  const goal = row.goal
  if (!goal) return undefined
  const ours = row.values.ours
  if (!ours || ours.allInvalid) return undefined
  const value = goal.peer ? row.ratios[goal.peer] : ours.median
  if (value === undefined || !Number.isFinite(value)) return undefined
  return goal.op === '<' ? value < goal.value : goal.op === '≤' ? value <= goal.value : value >= goal.value
}

/** The machine a run happened on. */
export function describeMachine(pinned: boolean) {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${platform()} ${release()}`,
    pinning: pinned ? 'server on core 0, load generator and harness on core 1 (taskset)' : 'not pinned (taskset unavailable)',
  }
}

/** Builds the table: medians over the rounds whose scenario was valid, ratios taken within each round. */
export function buildTable(rounds: Round[], specs: FigureSpec[]): TableRow[] {
  const measured = specs.filter((spec) => rounds.some((round) => Object.values(round).some((entry) => entry && spec.key in entry.figures)))
  return measured.map((spec) => {
    const scenario = spec.key.split('.')[0]
    const row: TableRow = { ...spec, values: {}, ratios: {} }
    const usable = (kind: ServerKind, round: Round) => {
      const entry = round[kind]
      return entry && Number.isFinite(entry.figures[spec.key]) && !entry.invalid.includes(scenario) ? entry.figures[spec.key] : NaN
    }
    for (const kind of SERVER_KINDS) {
      const all = rounds.map((round) => round[kind]?.figures[spec.key] ?? NaN).filter(Number.isFinite)
      if (all.length === 0) continue
      const valid = rounds.map((round) => usable(kind, round)).filter(Number.isFinite)
      const chosen = valid.length > 0 ? valid : all
      const [min, max] = range(chosen)
      row.values[kind] = { median: median(chosen), min, max, rounds: chosen.length, allInvalid: valid.length === 0 }
      if (kind !== 'ours') {
        const ratios = rounds.map((round) => usable('ours', round) / usable(kind, round)).filter(Number.isFinite)
        if (ratios.length > 0 && !spec.isFlag) row.ratios[kind] = median(ratios)
      }
    }
    row.isMet = checkGoal(row)
    return row
  })
}

function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—'
  if (Math.abs(value) >= 10_000) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(digits)
}

function formatCell(row: TableRow, kind: ServerKind): string {
  const value = row.values[kind]
  if (!value) return '—'
  const mark = value.allInvalid ? ' †' : ''
  if (value.rounds === 1 || value.min === value.max) return `${formatNumber(value.median, row.digits)}${mark}`
  return `${formatNumber(value.median, row.digits)} (${formatNumber(value.min, row.digits)}–${formatNumber(value.max, row.digits)})${mark}`
}

const HEADER = ['figure', 'unit', 'ours', 'y-websocket 2.1', 'Hocuspocus 4.7', 'raw ws', 'ours/y-ws', 'ours/Hocus', 'ours/raw', 'target (ours)', 'met?']

function cells(row: TableRow): string[] {
  const ratio = (kind: ServerKind) => (row.ratios[kind] === undefined ? '—' : `${row.ratios[kind]!.toFixed(2)}×`)
  const target = row.goal ? goalText(row.goal) : row.target ?? ''
  const met = row.isMet === undefined ? (row.goal ? '—' : '') : row.isMet ? 'met' : 'NOT MET'
  return [row.label, row.unit, ...SERVER_KINDS.map((kind) => formatCell(row, kind)), ratio('y-websocket'), ratio('hocuspocus'), ratio('raw'), target, met]
}

/** The table as aligned plain text for the terminal. */
export function formatText(rows: TableRow[]): string {
  const table = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => line[column].length)))
  return table.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n')
}

/** The table as Markdown. */
export function formatMarkdown(rows: TableRow[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|')
  return [HEADER, HEADER.map(() => '---'), ...rows.map(cells)].map((line) => `| ${line.map(escape).join(' | ')} |`).join('\n')
}

/** Writes a run as JSON (NaN and infinities as null); returns the file. */
export function writeJson(file: string, json: unknown): string {
  writeFileSync(file, JSON.stringify(json, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n')
  return file
}

/**
 * Writes the run as bench/results/latest.json and latest.md, the only results
 * kept in git: each full run replaces the last, and git history holds the
 * earlier ones. Returns the files written.
 */
export function writeLatest(dir: string, json: unknown, markdown: string): string[] {
  mkdirSync(dir, { recursive: true })
  const files = [writeJson(join(dir, 'latest.json'), json), join(dir, 'latest.md')]
  writeFileSync(files[1], markdown)
  return files
}
