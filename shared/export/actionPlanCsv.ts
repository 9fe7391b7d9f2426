import type { ActionPlan, GapEntry, PlanElevator, PlanGap, PlanShape } from '../rules/actionPlan.js'
import type { Status } from '../schema/cards.js'

/** Languages the CSV's header row and status words come in. */
export type CsvLanguage = 'en' | 'fi'

/** How to write the CSV: its language, and votes per card id from the latest revealed or closed round (none: the column stays empty). */
export interface ActionPlanCsvOptions {
  language: CsvLanguage
  votes?: Readonly<Record<string, number>>
}

/** Byte order mark that makes spreadsheet programs read the file as UTF-8, so ä, ö and å survive. */
export const CSV_BOM = '\uFEFF'

const COLUMNS = ['stage', 'gapToday', 'gapTarget', 'gapSeverity', 'action', 'owner', 'effort', 'impact', 'status', 'due', 'votes'] as const
type Column = (typeof COLUMNS)[number]
type Row = Record<Column, string>

/** Header words follow the client's own UI strings (client/i18n/strings.ts) so the sheet reads like the board. */
const HEADERS: Record<CsvLanguage, Row> = {
  en: {
    stage: 'Stage',
    gapToday: 'Gap: today',
    gapTarget: 'Gap: target',
    gapSeverity: 'Gap severity',
    action: 'Elevator: action',
    owner: 'Owner',
    effort: 'Effort',
    impact: 'Impact',
    status: 'Status',
    due: 'Due',
    votes: 'Votes',
  },
  fi: {
    stage: 'Vaihe',
    gapToday: 'Kuilu: nyt',
    gapTarget: 'Kuilu: tavoite',
    gapSeverity: 'Kuilun vakavuus',
    action: 'Hissi: toimenpide',
    owner: 'Vastuu',
    effort: 'Työmäärä',
    impact: 'Vaikutus',
    status: 'Tila',
    due: 'Määräaika',
    votes: 'Äänet',
  },
}

const STATUS_WORDS: Record<CsvLanguage, Record<Status, string>> = {
  en: { idea: 'Idea', planned: 'Planned', doing: 'Doing', done: 'Done' },
  fi: { idea: 'Idea', planned: 'Suunniteltu', doing: 'Työn alla', done: 'Valmis' },
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP's list: = + - @, tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * The action plan as CSV text for spreadsheet programs: a UTF-8 BOM, a header
 * row in the chosen language, then one row per elevator in the plan's order —
 * stages, their gaps, each gap's elevators; then gaps outside any stage with
 * theirs; then elevators linked to no gap. A gap without elevators still gets
 * one row with the elevator columns empty, so no gap drops out of the sheet.
 * Fields follow RFC 4180 (a field holding a comma, quote, CR or LF is quoted,
 * quotes doubled; lines end in CRLF). Against CSV formula injection, any field
 * that starts with =, +, -, @, tab or CR is prefixed with a single quote, so
 * a card text such as `=HYPERLINK(…)` shows as text and never runs.
 */
export function actionPlanCsv<S extends PlanShape>(plan: ActionPlan<S>, options: ActionPlanCsvOptions): string {
  const rows: Row[] = [HEADERS[options.language]]
  const addEntry = (stage: string, entry: GapEntry<S>) => {
    if (entry.elevators.length === 0) rows.push(row(options, stage, entry.gap, null))
    for (const elevator of entry.elevators) rows.push(row(options, stage, entry.gap, elevator))
  }
  for (const group of plan.stages) for (const entry of group.gaps) addEntry(group.stageTitle, entry)
  for (const entry of plan.unplaced) addEntry('', entry)
  for (const elevator of plan.unlinkedElevators) rows.push(row(options, '', null, elevator))
  return CSV_BOM + rows.map((cells) => COLUMNS.map((column) => csvField(cells[column])).join(',') + '\r\n').join('')
}

/**
 * One CSV field: neutralised against formula injection (a leading =, +, -,
 * @, tab or CR gets a single quote in front), then quoted per RFC 4180 when
 * it holds a comma, a quote, CR or LF.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function row<S extends PlanShape>(options: ActionPlanCsvOptions, stage: string, gap: PlanGap<S> | null, elevator: PlanElevator<S> | null): Row {
  const lift = elevator?.props
  return {
    stage,
    gapToday: gap?.props.today ?? '',
    gapTarget: gap?.props.target ?? '',
    gapSeverity: gap ? String(gap.props.severity) : '',
    action: lift?.action ?? '',
    owner: lift?.owner ?? '',
    effort: lift?.effort ?? '',
    impact: lift ? String(lift.impact) : '',
    status: lift ? (STATUS_WORDS[options.language][lift.status] ?? lift.status) : '',
    due: lift?.due ?? '',
    votes: elevator && options.votes ? String(Object.hasOwn(options.votes, elevator.id) ? options.votes[elevator.id] : 0) : '',
  }
}
