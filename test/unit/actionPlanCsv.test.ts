import { describe, expect, it } from 'vitest'
import { actionPlanCsv, CSV_BOM, CSV_FORMATS, csvField, csvNumber, type CsvLanguage } from '../../shared/export/actionPlanCsv.js'
import { buildActionPlan, type PlanShape } from '../../shared/rules/actionPlan.js'
import type { ElevatorProps, GapProps, JourneyProps } from '../../shared/schema/cards.js'

const NOWHERE = { journeyId: '', stageId: '', laneId: '' }

function journey(id: string, stages: [id: string, title: string][]): PlanShape {
  const props: JourneyProps = {
    w: 1000, h: 600, title: id, kind: 'customer',
    stages: stages.map(([stageId, title]) => ({ id: stageId, title, width: 200 })),
    lanes: [{ id: 'gaps', title: 'Gaps', kind: 'cards', height: 140 }],
    emotions: {}, stageLinks: {},
  }
  return { id, type: 'journey', x: 0, y: 0, props }
}

function gap(id: string, stageId: string | null, props: Partial<GapProps> = {}): PlanShape {
  const placement = stageId ? { journeyId: 'grid', stageId, laneId: 'gaps' } : NOWHERE
  const full: GapProps = { w: 200, h: 120, today: `${id} today`, target: `${id} target`, theme: '', severity: 2, ...placement, ...props }
  return { id, type: 'gap', x: 0, y: 0, props: full }
}

function elevator(id: string, gapId: string, props: Partial<ElevatorProps> = {}): PlanShape {
  const full: ElevatorProps = { w: 200, h: 120, action: id, gapId, owner: '', effort: 'M', impact: 3, status: 'idea', due: '', ...NOWHERE, ...props }
  return { id, type: 'elevator', x: 0, y: 0, props: full }
}

/**
 * An RFC 4180 reader, written apart from the writer so the test checks the
 * format rather than echoing the code. Like Excel, it splits on one list
 * separator, the one the computer's regional settings name: `,` for English, `;` for Finnish.
 */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') field += text[i++]
        else if (text[i] === '"') break
        else field += text[i]
      }
      i++
    } else if (text[i] === separator) {
      row.push(field)
      field = ''
      i++
    } else if (text.startsWith('\r\n', i)) {
      rows.push([...row, field])
      row = []
      field = ''
      i += 2
    } else field += text[i++]
  }
  if (field !== '' || row.length) throw new Error('last line has no CRLF')
  return rows
}

const board: PlanShape[] = [
  journey('grid', [['discover', 'Löydä'], ['buy', 'Osta']]),
  gap('gap-buy', 'buy', { today: 'Checkout, slow', target: 'Fast "one-click" checkout', severity: 3 }),
  gap('gap-discover', 'discover', { today: 'Hard to find\r\nwhat we sell', target: 'Clear offer' }),
  gap('gap-empty', 'buy', { today: 'No elevators yet', severity: 1 }),
  gap('gap-outside', null, { today: 'Outside the grid' }),
  elevator('lift-low', 'gap-buy', { action: 'Low impact', impact: 2 }),
  elevator('lift-high', 'gap-buy', { action: 'High impact', impact: 5, owner: 'Åsa Öberg', effort: 'S', status: 'doing', due: '2026-03-31' }),
  elevator('lift-discover', 'gap-discover', { action: '=HYPERLINK("http://evil.example","click")' }),
  elevator('lift-outside', 'gap-outside', { action: 'Outside lift' }),
  elevator('lift-unlinked', '', { action: '-1 step', owner: '@team' }),
]

describe('CSV fields', () => {
  it.each([
    ['plain text', 'Simpler checkout', 'Simpler checkout'],
    ['an empty field', '', ''],
    ['a comma', 'Web, phone', '"Web, phone"'],
    ['a semicolon', 'Web; phone', '"Web; phone"'],
    ['quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return', 'one\rtwo', '"one\rtwo"'],
    ['CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['ä, ö and å', 'Päätös löytyy åt', 'Päätös löytyy åt'],
    ['a leading =', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['a leading +', '+358 40 123', "'+358 40 123"],
    ['a leading -', '-5', "'-5"],
    ['a leading @', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a formula with quotes and a comma', '=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['= further in', 'a = b', 'a = b'],
  ])('writes %s', (_case, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('action plan CSV', () => {
  const plan = buildActionPlan(board, { sortBy: 'impact' })

  it('starts with one UTF-8 BOM and ends every line, the last included, with CRLF', () => {
    const csv = actionPlanCsv(plan, { language: 'en' })
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    expect(csv.indexOf(CSV_BOM, 1)).toBe(-1)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(/[^\r]\n/.test(csv)).toBe(false)
    expect(parseCsv(csv.slice(1)).every((row) => row.length === 11)).toBe(true)
  })

  it.each<[CsvLanguage, string[]]>([
    ['en', ['Stage', 'Gap: today', 'Gap: target', 'Gap severity', 'Elevator: action', 'Owner', 'Effort', 'Impact', 'Status', 'Due', 'Votes']],
    ['fi', ['Vaihe', 'Kuilu: nyt', 'Kuilu: tavoite', 'Kuilun vakavuus', 'Hissi: toimenpide', 'Vastuu', 'Työmäärä', 'Vaikutus', 'Tila', 'Määräaika', 'Äänet']],
  ])('has its header row in %s', (language, header) => {
    expect(parseCsv(actionPlanCsv(plan, { language }).slice(1), CSV_FORMATS[language].separator)[0]).toEqual(header)
  })

  it('lists elevators under their gap and stage in plan order, then gaps outside a stage, then unlinked elevators', () => {
    const rows = parseCsv(actionPlanCsv(plan, { language: 'en' }).slice(1)).slice(1)
    expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ['Löydä', 'Hard to find\r\nwhat we sell', '\'=HYPERLINK("http://evil.example","click")'],
      ['Osta', 'Checkout, slow', 'High impact'],
      ['Osta', 'Checkout, slow', 'Low impact'],
      ['Osta', 'No elevators yet', ''],
      ['', 'Outside the grid', 'Outside lift'],
      ['', '', "'-1 step"],
    ])
  })

  it('writes every column of an elevator row, Finnish status words in Finnish', () => {
    const [en, fi] = (['en', 'fi'] as const).map((language) => parseCsv(actionPlanCsv(plan, { language, votes: { 'lift-high': 4 } }).slice(1), CSV_FORMATS[language].separator)[2])
    expect(en).toEqual(['Osta', 'Checkout, slow', 'Fast "one-click" checkout', '3', 'High impact', 'Åsa Öberg', 'S', '5', 'Doing', '2026-03-31', '4'])
    expect(fi[8]).toBe('Työn alla')
  })

  it('leaves the votes column empty without a round, and writes 0 for an elevator nobody voted for', () => {
    const votesOf = (votes?: Record<string, number>) => parseCsv(actionPlanCsv(plan, { language: 'en', votes }).slice(1)).slice(1).map((row) => row[10])
    expect(votesOf()).toEqual(['', '', '', '', '', ''])
    expect(votesOf({ 'lift-low': 2, 'lift-unlinked': 1 })).toEqual(['0', '0', '2', '', '0', '1'])
  })

  it('is only a BOM and a header for an empty board', () => {
    const csv = actionPlanCsv(buildActionPlan([]), { language: 'fi' })
    expect(parseCsv(csv.slice(1))).toHaveLength(1)
  })
})

describe('separators for the spreadsheets of each language', () => {
  const plan = buildActionPlan(board, { sortBy: 'impact' })
  /** What Excel shows: the file split on the regional settings' list separator. */
  const asExcelReads = (language: CsvLanguage, listSeparator: string) =>
    parseCsv(actionPlanCsv(plan, { language, votes: { 'lift-high': 4 } }).slice(1), listSeparator)

  it.each<[CsvLanguage, string]>([
    ['en', ','],
    ['fi', ';'],
  ])('writes %s with %j, so Excel with those regional settings shows every field in its own column', (language, separator) => {
    expect(CSV_FORMATS[language].separator).toBe(separator)
    const rows = asExcelReads(language, separator)
    expect(rows.every((row) => row.length === 11)).toBe(true)
    expect(rows[2].slice(0, 5)).toEqual(['Osta', 'Checkout, slow', 'Fast "one-click" checkout', '3', 'High impact'])
    expect(rows[2][10]).toBe('4')
  })

  it('keeps Finnish fields whole when they hold a comma, and English ones when they hold a semicolon', () => {
    const withBoth = buildActionPlan([...board, elevator('lift-both', 'gap-buy', { action: 'Chat; phone, email', impact: 5 })], { sortBy: 'impact' })
    for (const [language, separator] of [['en', ','], ['fi', ';']] as const) {
      const rows = parseCsv(actionPlanCsv(withBoth, { language }).slice(1), separator)
      expect(rows.map((row) => row[4])).toContain('Chat; phone, email')
      expect(rows.every((row) => row.length === 11)).toBe(true)
    }
  })

  it('writes no sep= line: Excel would drop the BOM for it, and other readers would show it as data', () => {
    for (const language of ['en', 'fi'] as const) {
      const csv = actionPlanCsv(plan, { language })
      expect(csv.slice(1).startsWith('sep=')).toBe(false)
      expect(csv.startsWith(CSV_BOM + (language === 'en' ? 'Stage,Gap: today,' : 'Vaihe;Kuilu: nyt;'))).toBe(true)
    }
  })

  it.each<[number, CsvLanguage, string]>([
    [4.5, 'en', '4.5'],
    [4.5, 'fi', '4,5'],
    [3, 'fi', '3'],
    [0, 'fi', '0'],
    [12.25, 'fi', '12,25'],
  ])('writes %d in %s as %j', (value, language, text) => {
    expect(csvNumber(value, language)).toBe(text)
  })
})
