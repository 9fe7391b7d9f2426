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

/** A row of the table: which figure, its unit, and the target for ours. */
export interface FigureSpec {
  key: string
  label: string
  unit: string
  digits: number
  target?: string
  /** A yes/no figure (0 or 1): shown per server, never as a ratio. */
  isFlag?: boolean
}

/** One computed row: per server median [min, max], and median of per-round ratios ours/peer. */
export interface TableRow extends FigureSpec {
  values: Partial<Record<ServerKind, { median: number; min: number; max: number; rounds: number; allInvalid: boolean }>>
  ratios: Partial<Record<ServerKind, number>>
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

const HEADER = ['figure', 'unit', 'ours', 'y-websocket 2.1', 'Hocuspocus 4.7', 'raw ws', 'ours/y-ws', 'ours/Hocus', 'ours/raw', 'target (ours)']

function cells(row: TableRow): string[] {
  const ratio = (kind: ServerKind) => (row.ratios[kind] === undefined ? '—' : `${row.ratios[kind]!.toFixed(2)}×`)
  return [row.label, row.unit, ...SERVER_KINDS.map((kind) => formatCell(row, kind)), ratio('y-websocket'), ratio('hocuspocus'), ratio('raw'), row.target ?? '']
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

/** Writes the run as timestamped JSON under bench/results/, and as latest.json and latest.md when `isLatest`. */
export function writeResults(dir: string, json: unknown, markdown: string, isLatest: boolean): string[] {
  mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const text = JSON.stringify(json, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n'
  const files = [join(dir, `bench-${isLatest ? '' : 'partial-'}${stamp}.json`)]
  writeFileSync(files[0], text)
  if (isLatest) {
    files.push(join(dir, 'latest.json'), join(dir, 'latest.md'))
    writeFileSync(files[1], text)
    writeFileSync(files[2], markdown)
  }
  return files
}
