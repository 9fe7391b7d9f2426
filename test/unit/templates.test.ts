import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { arrangeGrid, overlaps } from '../../shared/journey/arrange.js'
import { cellAt, cellBounds, gridSize } from '../../shared/journey/layout.js'
import type { CardShape, ElevatorShape, JourneyShape } from '../../shared/schema/cards.js'
import { templateStrings } from '../../shared/templates/strings.js'
import {
  blankBoard,
  buildTemplate,
  isTemplateName,
  TEMPLATE_NAMES,
  templatePreview,
  templateTitle,
  type TemplateLanguage,
} from '../../shared/templates/templates.js'

const LANGUAGES: TemplateLanguage[] = ['en', 'fi', 'sv']
const CASES = TEMPLATE_NAMES.flatMap((name) => LANGUAGES.map((language) => [name, language] as const))
const CARD_TYPES = new Set(['touchpoint', 'gap', 'elevator'])
/** Props and record fields that hold words, which differ by language. */
const TEXT_KEYS = new Set(['title', 'name', 'today', 'target', 'theme', 'action', 'owner'])

function counter(): () => string {
  let next = 0
  return () => `t${++next}`
}

const shapesOf = (records: TLRecord[]) => records.filter((record): record is TLShape => record.typeName === 'shape')
const journeysOf = (records: TLRecord[]) => shapesOf(records).filter((shape): shape is JourneyShape => shape.type === 'journey')
const cardsOf = (records: TLRecord[]) => shapesOf(records).filter((shape): shape is CardShape => CARD_TYPES.has(shape.type))

/** The records with every word replaced, so that two languages can be compared. */
function structure(records: TLRecord[]): unknown {
  return JSON.parse(
    JSON.stringify(records, (key, value) => {
      if (TEXT_KEYS.has(key)) return '<text>'
      if (key === 'stageLinks') return Object.fromEntries(Object.keys(value).map((id) => [id, '<text>']))
      return value
    }),
  )
}

/** Every word of the records, in the order written. */
function words(records: TLRecord[]): string[] {
  const found: string[] = []
  JSON.stringify(records, (key, value) => {
    if (TEXT_KEYS.has(key)) found.push(value)
    if (key === 'stageLinks') found.push(...Object.values(value as Record<string, string>))
    return value
  })
  return found
}

describe('templates', () => {
  it.each(CASES)('%s (%s) is a document, page 1 and shapes on that page', (name, language) => {
    const records = buildTemplate(name, language)
    expect(records[0]).toMatchObject({ id: 'document:document', typeName: 'document' })
    expect(records[1]).toMatchObject({ id: 'page:page', typeName: 'page', name: { en: 'Page 1', fi: 'Sivu 1', sv: 'Sida 1' }[language] })
    const shapes = shapesOf(records)
    expect(shapes).toHaveLength(records.length - 2)
    for (const shape of shapes) {
      expect(shape).toMatchObject({ parentId: 'page:page', rotation: 0, opacity: 1, isLocked: false, meta: {} })
    }
  })

  it.each(CASES)('%s (%s): every grid is as big as gridSize says', (name, language) => {
    const grids = journeysOf(buildTemplate(name, language))
    expect(grids.length).toBeGreaterThan(0)
    for (const grid of grids) expect({ w: grid.props.w, h: grid.props.h }).toEqual(gridSize(grid.props))
  })

  it.each(CASES)('%s (%s): record, stage and lane ids are unique', (name, language) => {
    const records = buildTemplate(name, language)
    const ids = [
      ...records.map((record) => record.id),
      ...journeysOf(records).flatMap((grid) => [...grid.props.stages, ...grid.props.lanes].map((item) => item.id)),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each(CASES)('%s (%s): shape index keys are unique and rise in the order written', (name, language) => {
    const indices = shapesOf(buildTemplate(name, language)).map((shape) => shape.index)
    expect([...indices].sort()).toEqual(indices)
    expect(new Set(indices).size).toBe(indices.length)
  })

  it.each(CASES)('%s (%s): cards sit inside the cell their placement names', (name, language) => {
    const records = buildTemplate(name, language)
    const grids = new Map(journeysOf(records).map((grid) => [grid.id as string, grid]))
    for (const card of cardsOf(records)) {
      const grid = grids.get(card.props.journeyId)
      if (!grid) throw new Error(`${card.id} names no grid`)
      const centre = { x: card.x + card.props.w / 2 - grid.x, y: card.y + card.props.h / 2 - grid.y }
      const cell = { stageId: card.props.stageId, laneId: card.props.laneId }
      expect(cellAt(grid.props, centre)).toEqual(cell)
      const bounds = cellBounds(grid.props, cell)!
      expect(card.x - grid.x).toBeGreaterThanOrEqual(bounds.x)
      expect(card.y - grid.y).toBeGreaterThanOrEqual(bounds.y)
      expect(card.x - grid.x + card.props.w).toBeLessThanOrEqual(bounds.x + bounds.w)
      expect(card.y - grid.y + card.props.h).toBeLessThanOrEqual(bounds.y + bounds.h)
    }
  })

  it.each(CASES)('%s (%s): no two cards overlap, and no two grids', (name, language) => {
    const records = buildTemplate(name, language)
    const boxes = (shapes: (JourneyShape | CardShape)[]) => shapes.map((shape) => ({ id: shape.id, x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h }))
    for (const group of [boxes(cardsOf(records)), boxes(journeysOf(records))]) {
      const overlapping = group.flatMap((a, i) => group.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `${a.id} × ${b.id}`))
      expect(overlapping).toEqual([])
    }
  })

  it.each(CASES)('%s (%s): the grids ship arranged, so nothing shifts when the board is first opened', (name, language) => {
    const records = buildTemplate(name, language)
    for (const grid of journeysOf(records)) {
      const cards = cardsOf(records)
        .filter((card) => card.props.journeyId === grid.id)
        .map((card) => ({ id: card.id, x: card.x - grid.x, y: card.y - grid.y, w: card.props.w, h: card.props.h, stageId: card.props.stageId, laneId: card.props.laneId }))
      const arranged = arrangeGrid(grid.props, cards)
      expect(arranged.lanes).toEqual(grid.props.lanes)
      for (const card of cards) expect(arranged.positions.get(card.id)).toEqual({ x: card.x, y: card.y })
    }
  })

  it.each(TEMPLATE_NAMES.flatMap((name) => (['fi', 'sv'] as const).map((language) => [name, language] as const)))(
    '%s: English and %s have the same structure, every word translated',
    (name, language) => {
      const en = buildTemplate(name, 'en', counter())
      const other = buildTemplate(name, language, counter())
      expect(structure(en)).toEqual(structure(other))
      const [enWords, otherWords] = [words(shapesOf(en)), words(shapesOf(other))]
      expect(enWords.length).toBeGreaterThan(0)
      enWords.forEach((word, i) => expect(word).not.toBe(otherWords[i]))
    },
  )

  it.each(LANGUAGES)('customer + employee (%s): the grids are stage-aligned and linked stage by stage', (language) => {
    const [customer, employee] = journeysOf(buildTemplate('customer-employee', language))
    expect([customer.props.kind, employee.props.kind]).toEqual(['customer', 'employee'])
    expect(employee.x).toBe(customer.x)
    expect(employee.y).toBe(customer.y + customer.props.h + 120)
    expect(employee.props.stages.map((stage) => stage.width)).toEqual(customer.props.stages.map((stage) => stage.width))
    const links = employee.props.stages.map((stage) => employee.props.stageLinks[stage.id])
    expect(links).toEqual(customer.props.stages.map((stage) => stage.title))
  })

  it.each([
    ['en', 'Affects customer stage', ['Discover', 'Choose', 'Buy', 'Start', 'Use', 'Get help', 'Leave']],
    ['fi', 'Vaikuttaa asiakkaan vaiheeseen', ['Havahtuminen', 'Valinta', 'Osto', 'Käyttöönotto', 'Käyttö', 'Avun hakeminen', 'Lähteminen']],
    ['sv', 'Påverkar kundens skede', ['Upptäcka', 'Välja', 'Köpa', 'Komma igång', 'Använda', 'Få hjälp', 'Lämna']],
  ] as const)('employee journey (%s) has a link lane naming the customer stages', (language, laneTitle, customerStages) => {
    const [employee] = journeysOf(buildTemplate('employee-journey', language))
    expect(employee.props.lanes.filter((lane) => lane.kind === 'link').map((lane) => lane.title)).toEqual([laneTitle])
    expect(employee.props.stages.map((stage) => employee.props.stageLinks[stage.id])).toEqual(customerStages)
    const [customer] = journeysOf(buildTemplate('customer-journey', language))
    expect(customer.props.stages.map((stage) => stage.title)).toEqual(customerStages)
  })

  it.each(LANGUAGES)('customer journey (%s) has one emotion lane and the standard lanes', (language) => {
    const [grid] = journeysOf(buildTemplate('customer-journey', language))
    expect(grid.props.lanes.map((lane) => lane.kind)).toEqual(['cards', 'cards', 'cards', 'emotion', 'cards', 'cards', 'cards', 'cards'])
    expect(grid.props.kind).toBe('customer')
  })

  it.each(LANGUAGES)('gap analysis (%s) links its example elevator to its example gap in the same theme', (language) => {
    const records = buildTemplate('gap-analysis', language)
    const [grid] = journeysOf(records)
    const [gap, elevator] = cardsOf(records)
    expect([gap.type, elevator.type]).toEqual(['gap', 'elevator'])
    expect((elevator as ElevatorShape).props.gapId).toBe(gap.id)
    expect(elevator.props.stageId).toBe(gap.props.stageId)
    expect(grid.props.lanes.map((lane) => lane.id)).toEqual(expect.arrayContaining([gap.props.laneId, elevator.props.laneId]))
  })

  it.each(LANGUAGES)('a blank board (%s) is the document and one page named in the language, and nothing else', (language) => {
    const records = blankBoard(language)
    expect(records.map((record) => record.typeName)).toEqual(['document', 'page'])
    expect(records[1]).toMatchObject({ id: 'page:page', name: templateStrings[language].pageName })
  })

  it('makes fresh ids on every build', () => {
    const first = new Set(buildTemplate('gap-analysis', 'en').map((record) => record.id))
    const second = buildTemplate('gap-analysis', 'en').filter((record) => record.typeName === 'shape')
    for (const shape of second) expect(first.has(shape.id)).toBe(false)
  })

  it.each([
    ['customer-journey', 'en', 'Customer journey'],
    ['customer-journey', 'fi', 'Asiakaspolku'],
    ['employee-journey', 'en', 'Employee journey'],
    ['employee-journey', 'fi', 'Henkilöstöpolku'],
    ['customer-employee', 'en', 'Customer + employee journey'],
    ['customer-employee', 'fi', 'Asiakas- ja henkilöstöpolku'],
    ['gap-analysis', 'en', 'Gap & elevator analysis'],
    ['gap-analysis', 'fi', 'Kuilu- ja hissianalyysi'],
    ['customer-journey', 'sv', 'Kundresa'],
    ['employee-journey', 'sv', 'Medarbetarresa'],
    ['customer-employee', 'sv', 'Kund- och medarbetarresa'],
    ['gap-analysis', 'sv', 'Analys av klyftor och hissar'],
  ] as const)('%s in %s is titled %s', (name, language, title) => {
    expect(templateTitle(name, language)).toBe(title)
  })

  it.each(CASES)('%s (%s): the preview names the grids, stages and lanes the template builds', (name, language) => {
    const preview = templatePreview(name, language)
    expect(preview.title).toBe(templateTitle(name, language))
    expect(preview.description.length).toBeGreaterThan(20)
    const grids = journeysOf(buildTemplate(name, language)).map((grid) => ({
      title: grid.props.title,
      stages: grid.props.stages.map((stage) => stage.title),
      lanes: grid.props.lanes.map((lane) => lane.title),
    }))
    expect(preview.grids).toEqual(grids)
  })

  it.each([
    ['customer-journey', true],
    ['gap-analysis', true],
    ['Customer-Journey', false],
    ['', false],
    ['toString', false],
  ])('isTemplateName(%j) is %s', (value, expected) => {
    expect(isTemplateName(value)).toBe(expected)
  })
})
