import { describe, expect, it } from 'vitest'
import { mapPlanNote } from '../../client/export/mapPlanNote.js'
import { layoutBoardPages } from '../../client/export/pdf/buildBoardPdf.js'
import { CARD_TEXT_SIZE, MIN_READABLE_PT, mapBoundsOf, planMap, type MapPlan } from '../../client/export/pdf/mapPlan.js'
import { contentArea, pageDimensions, planMapTiles } from '../../client/export/pdf/pageGeometry.js'
import type { BoardPdfInput, MapLayout, Orientation, PageSizeName, PdfOp } from '../../client/export/pdf/pdfTypes.js'
import { strings, type Language } from '../../client/i18n/strings.js'
import { arrangeGrid, type FiledCard } from '../../shared/journey/arrange.js'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import { CARD_SIZE } from '../../shared/journey/cardSize.js'
import { buildGrid, CUSTOMER_GRID } from '../../shared/templates/grids.js'
import { templateStrings } from '../../shared/templates/strings.js'
import { buildTemplate, TEMPLATE_NAMES } from '../../shared/templates/templates.js'

/** The padded size of a journey map with its seven stages and eight lanes, in board units. */
const JOURNEY = { x: 0, y: 0, w: 1732, h: 1228 }
/** A customer and an employee journey one above the other. */
const TWO_JOURNEYS = { x: 0, y: 0, w: 1732, h: 2504 }
const SMALL = { x: 0, y: 0, w: 800, h: 500 }

const auto = (pageSize: PageSizeName, orientation: Orientation, mapLayout: MapLayout = 'auto') => ({ pageSize, orientation, mapLayout })
const PAPERS = (['A4', 'A3', 'Letter'] as const).flatMap((pageSize) => (['landscape', 'portrait'] as const).map((orientation) => [pageSize, orientation] as const))

describe('choosing how to print the map so that card text can be read', () => {
  it.each<[string, typeof JOURNEY, ReturnType<typeof auto>, Partial<MapPlan>]>([
    ['a small board on A4', SMALL, auto('A4', 'landscape'), { reason: 'fits', pageSize: 'A4', orientation: 'landscape', pages: 1 }],
    ['a journey on A4 landscape: one A3 page', JOURNEY, auto('A4', 'landscape'), { reason: 'largerPage', pageSize: 'A3', orientation: 'landscape', pages: 1 }],
    ['a journey on A4 portrait: one A3 landscape page', JOURNEY, auto('A4', 'portrait'), { reason: 'largerPage', pageSize: 'A3', orientation: 'landscape', pages: 1 }],
    ['a journey on A3 portrait: the map page turned', JOURNEY, auto('A3', 'portrait'), { reason: 'turned', pageSize: 'A3', orientation: 'landscape', pages: 1 }],
    ['a journey on Letter: tiles, as no larger paper is offered', JOURNEY, auto('Letter', 'landscape'), { reason: 'tiles', pageSize: 'Letter', layout: 'tile' }],
    ['two journeys on A4: three A3 tiles, not eight A4 ones', TWO_JOURNEYS, auto('A4', 'landscape'), { reason: 'tiles', pageSize: 'A3', orientation: 'landscape', layout: 'tile', pages: 3 }],
    ['"one page" when asked, readable or not', JOURNEY, auto('A4', 'landscape', 'fit'), { reason: 'chosen', pageSize: 'A4', layout: 'fit', pages: 1, isReadable: false }],
    ['tiles when asked', JOURNEY, auto('A4', 'landscape', 'tile'), { reason: 'chosen', pageSize: 'A4', layout: 'tile', isReadable: true }],
  ])('%s', (_case, bounds, options, expected) => {
    const plan = planMap(bounds, options)
    expect(plan).toMatchObject(expected)
    expect(plan.textPt).toBeCloseTo(CARD_TEXT_SIZE * plan.scale)
    if (plan.reason !== 'chosen') expect(plan.textPt).toBeGreaterThanOrEqual(MIN_READABLE_PT)
    if (plan.reason !== 'fits' && plan.reason !== 'chosen') expect(plan.fitTextPt).toBeLessThan(MIN_READABLE_PT)
    if (plan.layout === 'tile') expect(plan.pages).toBeGreaterThan(1)
  })

  it('prints a journey on one A4 page too small to read, which is why the automatic choice exists', () => {
    const plan = planMap(JOURNEY, auto('A4', 'landscape', 'fit'))
    expect(plan.textPt).toBeLessThan(MIN_READABLE_PT)
    expect(plan.textPt).toBeCloseTo(4.76, 1)
  })

  it.each(TEMPLATE_NAMES.flatMap((name) => PAPERS.map(([pageSize, orientation]) => [name, pageSize, orientation] as const)))(
    'keeps card text readable for the %s template on %s %s',
    (name, pageSize, orientation) => {
      const bounds = mapBoundsOf(templateShapes(name))!
      expect(planMap(bounds, auto(pageSize, orientation)).textPt).toBeGreaterThanOrEqual(MIN_READABLE_PT)
    },
  )
})

/**
 * The rehearsal's map (test/e2e/rehearsal.test.ts): the Finnish customer
 * journey, its first `stages` stages, a gap at "Osto" and one at "Käyttö",
 * and below them three elevators, two stacked at "Osto" (one grown by its
 * owner's line), so the Elevators lane is as tall as two cards.
 */
function rehearsalMap(stages: number): PlanShape[] {
  let counter = 0
  const createId = () => `r${++counter}`
  const built = buildGrid({ ...CUSTOMER_GRID, stages: CUSTOMER_GRID.stages.slice(0, stages) }, templateStrings.fi.customer, createId)
  const { stageIds, laneIds } = built
  const card = (id: string, type: string, stage: 'buy' | 'use', lane: 'gaps' | 'elevators', h: number, y = 12): FiledCard & { type: string } =>
    ({ id, type, stageId: stageIds[stage], laneId: laneIds[lane], x: 0, y, w: CARD_SIZE.elevator.w, h })
  const cards = [
    card('shape:gapBuy', 'gap', 'buy', 'gaps', 246),
    card('shape:gapUse', 'gap', 'use', 'gaps', 246),
    card('shape:descriptions', 'elevator', 'buy', 'elevators', 340),
    card('shape:checkout', 'elevator', 'buy', 'elevators', CARD_SIZE.elevator.h, 400),
    card('shape:chat', 'elevator', 'use', 'elevators', CARD_SIZE.elevator.h),
  ]
  const arranged = arrangeGrid(built.props, cards)
  const journey = { id: 'shape:journey', type: 'journey', x: 0, y: 0, props: { ...built.props, lanes: arranged.lanes, w: arranged.w, h: arranged.h } }
  const gap = (today: string, target: string) => ({ today, target, theme: '', severity: 2 })
  const elevator = (action: string, gapId: string, owner = '') => ({ action, gapId, owner, effort: 'M', impact: 3, status: 'idea', due: '' })
  const text: Record<string, object> = {
    'shape:gapBuy': gap('On vaikea ymmärtää, mitä myymme', 'Jokainen kohtaaminen yllättää asiakkaan myönteisesti'),
    'shape:gapUse': gap('Asiakkaat jonottavat puhelimessa apua', 'Apu löytyy heti, asiakkaan omasta kanavasta'),
    'shape:descriptions': elevator('Selkeämmät palvelukuvaukset', 'shape:gapBuy', 'Markkinointi'),
    'shape:checkout': elevator('Yksinkertaisempi kassa', 'shape:gapBuy'),
    'shape:chat': elevator('Chat palvelusivuille', 'shape:gapUse'),
  }
  return [
    journey,
    ...cards.map(({ id, type, stageId, laneId, w, h }) => {
      const at = arranged.positions.get(id)!
      return { id, type, x: at.x, y: at.y, props: { journeyId: journey.id, stageId, laneId, w, h, ...text[id] } }
    }),
  ] as PlanShape[]
}

/** Every text op of a page with the size it prints at: its own size times the scale of the groups around it. */
function printedTexts(ops: readonly PdfOp[], scale = 1): { text: string; pt: number; size: number }[] {
  return ops.flatMap((op) => {
    if (op.kind === 'text') return [{ text: op.text, pt: op.size * scale, size: op.size }]
    if (op.kind === 'group') return printedTexts(op.ops, scale * (op.transform?.scale ?? 1))
    return []
  })
}

describe("the rehearsal's small journey map with a tall Elevators lane", () => {
  const measure = (text: string, size: number) => text.length * size * 0.55

  it.each<[number, PageSizeName, Orientation]>([
    [5, 'A4', 'landscape'],
    [5, 'A4', 'portrait'],
    [7, 'A4', 'landscape'],
    [7, 'A4', 'portrait'],
  ])('prints %i stages chosen as %s %s on at most 2 pages with card text at 7 pt or more, each page mostly map', (stages, pageSize, orientation) => {
    const shapes = rehearsalMap(stages)
    const bounds = mapBoundsOf(shapes)!
    const plan = planMap(bounds, auto(pageSize, orientation))
    expect(plan.pages).toBeLessThanOrEqual(2)
    expect(plan.textPt).toBeGreaterThanOrEqual(MIN_READABLE_PT)
    // The PDF itself: its map pages, and the size card text prints at on them.
    const pages = layoutBoardPages({ workshopTitle: null, boardName: 'Asiakaspolku', date: new Date(2026, 2, 1), participantsCount: 4, shapes }, { pageSize, orientation, mapLayout: 'auto', language: 'en' }, measure)
    const mapPages = pages.filter((page) => page.header === 'Map' || page.header?.startsWith('Map ') === true)
    expect(mapPages).toHaveLength(plan.pages)
    const cardText = mapPages.flatMap((page) => printedTexts(page.ops)).filter((text) => text.size === CARD_TEXT_SIZE)
    expect(cardText.map((text) => text.text)).toEqual(expect.arrayContaining(['Chat palvelusivuille']))
    for (const text of cardText) expect(text.pt, text.text).toBeGreaterThanOrEqual(MIN_READABLE_PT - 1e-9)
    // No tile is mostly white paper beyond the map.
    const paper = contentArea(pageDimensions(plan.pageSize, plan.orientation))
    for (const tile of planMapTiles(bounds, paper, plan.layout)) {
      const w = Math.min(tile.view.x + tile.view.w, bounds.x + bounds.w) - Math.max(tile.view.x, bounds.x)
      const h = Math.min(tile.view.y + tile.view.h, bounds.y + bounds.h) - Math.max(tile.view.y, bounds.y)
      expect((w * h) / (tile.view.w * tile.view.h), `tile ${tile.index + 1}`).toBeGreaterThan(0.5)
    }
  })
})

describe('the PDF follows the plan the export panel shows', () => {
  /** Rough widths: where text wraps does not matter here, only which pages there are. */
  const measure = (text: string, size: number) => text.length * size * 0.55
  const input = (shapes: PlanShape[]): BoardPdfInput => ({ workshopTitle: null, boardName: 'Kartta', date: new Date(2026, 2, 1), participantsCount: 0, shapes })

  it.each<[PageSizeName, Orientation, MapLayout]>([
    ['A4', 'landscape', 'auto'],
    ['A4', 'portrait', 'auto'],
    ['A3', 'portrait', 'auto'],
    ['Letter', 'portrait', 'auto'],
    ['A4', 'landscape', 'fit'],
    ['A4', 'portrait', 'tile'],
  ])('on %s %s (%s): map pages on the planned paper, every other page on the chosen one', (pageSize, orientation, mapLayout) => {
    const shapes = templateShapes('customer-journey')
    const plan = planMap(mapBoundsOf(shapes)!, { pageSize, orientation, mapLayout })
    const pages = layoutBoardPages(input(shapes), { pageSize, orientation, mapLayout, language: 'en' }, measure)
    const isMap = (header?: string) => header === 'Map' || header?.startsWith('Map ') === true
    const mapPages = pages.filter((page) => isMap(page.header))
    expect(mapPages).toHaveLength(plan.pages)
    const planned = pageDimensions(plan.pageSize, plan.orientation)
    for (const page of mapPages) expect([page.width, page.height]).toEqual([planned.width, planned.height])
    const chosen = pageDimensions(pageSize, orientation)
    for (const page of pages.filter((page) => !isMap(page.header))) expect([page.width, page.height]).toEqual([chosen.width, chosen.height])
  })
})

describe('what the export panel says about the map', () => {
  const say = (plan: MapPlan, language: Language) => mapPlanNote(plan, 'A4', (key) => strings[language][key], language)

  it.each<[Language, string[]]>([
    ['en', ['4.8 pt', 'too small to read', 'one A3 page', '7.2 pt', 'stay A4']],
    ['fi', ['4,8 pt', 'liian pientä', 'oman A3-sivun', '7,2 pt', 'A4-kokoisina']],
  ])('says in %s why the map gets a larger page, with the language\'s decimal mark', (language, parts) => {
    const note = say(planMap(JOURNEY, auto('A4', 'landscape')), language)
    for (const part of parts) expect(note).toContain(part)
    expect(note).not.toMatch(/\{\w+\}/)
  })

  it.each<[MapPlan, Language, string]>([
    [planMap(SMALL, auto('A4', 'landscape')), 'en', 'The map fits one A4 page'],
    [planMap(TWO_JOURNEYS, auto('A4', 'landscape')), 'fi', 'kartta jaetaan'],
    [planMap(JOURNEY, auto('A4', 'landscape', 'fit')), 'en', 'too small to read'],
    [planMap(JOURNEY, auto('A3', 'portrait')), 'fi', 'vaakasuuntaan'],
    [planMap(JOURNEY, auto('A4', 'landscape', 'tile')), 'en', 'split over'],
  ])('says what happens (%#)', (plan, language, part) => {
    const note = say(plan, language)
    expect(note).toContain(part)
    expect(note).not.toMatch(/\{\w+\}/)
  })
})

function templateShapes(name: (typeof TEMPLATE_NAMES)[number]): PlanShape[] {
  let counter = 0
  return buildTemplate(name, 'fi', () => `t${++counter}`).filter((record) => record.typeName === 'shape') as unknown as PlanShape[]
}
