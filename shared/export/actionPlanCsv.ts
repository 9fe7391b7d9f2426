import type { ActionPlan, GapEntry, PlanElevator, PlanGap, PlanShape } from '../rules/actionPlan.js'
import type { Language } from '../language.js'
import type { Status } from '../schema/cards.js'

/** Languages the CSV's header row and status words come in: the product's languages. */
export type CsvLanguage = Language

/** How to write the CSV: its language, and votes per card id from the latest revealed or closed round (none: the column stays empty). */
export interface ActionPlanCsvOptions {
  language: CsvLanguage
  votes?: Readonly<Record<string, number>>
}

/** Byte order mark that makes spreadsheet programs read the file as UTF-8, so ä, ö and å survive. */
export const CSV_BOM = '\uFEFF'

/**
 * How each language's spreadsheets read CSV. Excel splits a CSV it opens on
 * the list separator of the computer's regional settings: a comma with
 * English ones, a semicolon with Finnish ones (where the comma is the decimal
 * mark). So the separator follows the language of the export: Finnish gets
 * `;` and decimal commas, English `,` and decimal points. Swedish gets `;`
 * and decimal commas too: a Finland-Swedish team's Windows runs in Swedish
 * (Finland), sv-FI, whose decimal mark is the comma and whose list separator
 * is therefore the semicolon, as in fi-FI (and in Sweden's sv-SE); a comma-
 * separated file would open there as one column. A `sep=;` first
 * line would make Excel split on `;` in any locale, but Excel then ignores
 * the BOM (ä, ö and å turn into mojibake), and LibreOffice, Google Sheets,
 * Numbers and pandas show that line as a row of data; so there is none.
 */
export const CSV_FORMATS: Readonly<Record<CsvLanguage, { separator: ',' | ';'; decimalMark: '.' | ',' }>> = {
  en: { separator: ',', decimalMark: '.' },
  fi: { separator: ';', decimalMark: ',' },
  sv: { separator: ';', decimalMark: ',' },
}

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
  sv: {
    stage: 'Skede',
    gapToday: 'Klyfta: nuläge',
    gapTarget: 'Klyfta: målläge',
    gapSeverity: 'Klyftans allvarlighetsgrad',
    action: 'Hiss: åtgärd',
    owner: 'Ansvarig',
    effort: 'Insats',
    impact: 'Effekt',
    status: 'Status',
    due: 'Tidsfrist',
    votes: 'Röster',
  },
}

const STATUS_WORDS: Record<CsvLanguage, Record<Status, string>> = {
  en: { idea: 'Idea', planned: 'Planned', doing: 'Doing', done: 'Done' },
  fi: { idea: 'Idea', planned: 'Suunniteltu', doing: 'Työn alla', done: 'Valmis' },
  sv: { idea: 'Idé', planned: 'Planerad', doing: 'Pågår', done: 'Klar' },
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP's list: = + - @, tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * The action plan as CSV text for spreadsheet programs: a UTF-8 BOM, a header
 * row in the chosen language, fields separated and numbers written as that
 * language's spreadsheets expect (`CSV_FORMATS`), then one row per elevator in the plan's order —
 * stages, their gaps, each gap's elevators; then gaps outside any stage with
 * theirs; then elevators linked to no gap. A gap without elevators still gets
 * one row with the elevator columns empty, so no gap drops out of the sheet.
 * Fields follow RFC 4180 (a field holding a comma, semicolon, quote, CR or LF
 * is quoted, quotes doubled; lines end in CRLF). Against CSV formula injection, any field
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
  const { separator } = CSV_FORMATS[options.language]
  return CSV_BOM + rows.map((cells) => COLUMNS.map((column) => csvField(cells[column])).join(separator) + '\r\n').join('')
}

/**
 * One CSV field: neutralised against formula injection (a leading =, +, -,
 * @, tab or CR gets a single quote in front), then quoted per RFC 4180 when
 * it holds either separator (a file opened with the other one still keeps
 * its fields whole), a quote, CR or LF.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A number as the language's spreadsheets read it: 4.5 in English, 4,5 in Finnish and Swedish; whole numbers are the same in all. */
export function csvNumber(value: number, language: CsvLanguage): string {
  return String(value).replace('.', CSV_FORMATS[language].decimalMark)
}

function row<S extends PlanShape>(options: ActionPlanCsvOptions, stage: string, gap: PlanGap<S> | null, elevator: PlanElevator<S> | null): Row {
  const lift = elevator?.props
  return {
    stage,
    gapToday: gap?.props.today ?? '',
    gapTarget: gap?.props.target ?? '',
    gapSeverity: gap ? csvNumber(gap.props.severity, options.language) : '',
    action: lift?.action ?? '',
    owner: lift?.owner ?? '',
    effort: lift?.effort ?? '',
    impact: lift ? csvNumber(lift.impact, options.language) : '',
    status: lift ? (STATUS_WORDS[options.language][lift.status] ?? lift.status) : '',
    due: lift?.due ?? '',
    votes: elevator && options.votes ? csvNumber(Object.hasOwn(options.votes, elevator.id) ? options.votes[elevator.id] : 0, options.language) : '',
  }
}
