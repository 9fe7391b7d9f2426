import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { uniqueId } from '@tldraw/utils'
import { arrangeGrid, CELL_PADDING } from '../journey/arrange.js'
import { CARD_SIZE } from '../journey/cardSize.js'
import { elevatorSpot } from '../journey/elevatorSpot.js'
import { cellBounds } from '../journey/layout.js'
import { ELEVATOR, GAP, JOURNEY, type ElevatorProps, type GapProps, type JourneyShape } from '../schema/cards.js'
import {
  ANALYSIS_GRID,
  buildGrid,
  CUSTOMER_GRID,
  EMPLOYEE_AFFECTS,
  EMPLOYEE_GRID,
  GRID_SPACING,
  type GridDef,
  type GridText,
} from './grids.js'
import { boardRecords, draftShape, type Position, type ShapeDraft } from './records.js'
import { templateStrings, type TemplateLanguage, type TemplateText } from './strings.js'
import type { TemplateName } from './templateNames.js'

export type { TemplateLanguage } from './strings.js'
export { isTemplateName, TEMPLATE_NAMES, type TemplateName } from './templateNames.js'

/**
 * Size of the gap analysis's example gap card: the default width, tall enough
 * for the example's text in either language as Chromium draws it, so that the
 * card need not grow (and its lane with it) when the board is first opened.
 */
export const EXAMPLE_GAP_SIZE = { w: CARD_SIZE.gap.w, h: 330 } as const
/** Size of the gap analysis's example elevator card: the card's default size. */
export const EXAMPLE_ELEVATOR_SIZE = CARD_SIZE.elevator

type Builder = (text: TemplateText, createId: () => string) => ShapeDraft[]

/**
 * The records of a new board built from a template, in one language: the
 * document, page `page:page` and the template's shapes, valid against the
 * board schema. `createId` gives a fresh unique token for each shape, stage
 * and lane id (shape ids are `shape:<token>`); tests pass a counter.
 */
export function buildTemplate(name: TemplateName, language: TemplateLanguage, createId: () => string = () => uniqueId()): TLRecord[] {
  const text = templateStrings[language]
  return boardRecords(text.pageName, builders[name](text, createId))
}

/**
 * The records of a new blank board: the document and its one page, named in
 * the board's language ("Sivu 1", "Sida 1"). A board stored with no records
 * gets its page from tldraw in the first browser that opens it, always named
 * "Page 1", and the page menu shows that name to everyone.
 */
export function blankBoard(language: TemplateLanguage): TLRecord[] {
  return boardRecords(templateStrings[language].pageName, [])
}

/** The template's title in a language, e.g. for the home page and the new board's name. */
export function templateTitle(name: TemplateName, language: TemplateLanguage): string {
  return templateStrings[language].templates[name].title
}

/** What the home page shows of a template: title, a sentence, and each grid's stage and lane titles. */
export interface TemplatePreview {
  title: string
  description: string
  grids: { title: string; stages: string[]; lanes: string[] }[]
}

/** A template's preview for the home page, in a language. */
export function templatePreview(name: TemplateName, language: TemplateLanguage): TemplatePreview {
  const text = templateStrings[language]
  const grids = previewGrids[name](text).map(([def, words]) => ({
    title: words.title,
    stages: def.stages.map((key) => words.stages[key]),
    lanes: def.lanes.map((lane) => words.lanes[lane.key]),
  }))
  return { ...text.templates[name], grids }
}

type PreviewGrid = [GridDef<string, string>, GridText<string, string>]

const previewGrids: Record<TemplateName, (text: TemplateText) => PreviewGrid[]> = {
  'customer-journey': (text) => [[CUSTOMER_GRID, text.customer]],
  'employee-journey': (text) => [[EMPLOYEE_GRID, text.employee]],
  'customer-employee': (text) => [
    [CUSTOMER_GRID, text.customer],
    [EMPLOYEE_GRID, text.employee],
  ],
  'gap-analysis': (text) => [[ANALYSIS_GRID, text.analysis]],
}

function journeyDraft(createId: () => string, at: Position, props: JourneyShape['props']): Omit<JourneyShape, 'index'> {
  return draftShape(JOURNEY, createShapeId(createId()), at, props) as Omit<JourneyShape, 'index'>
}

function customerJourney(text: TemplateText, createId: () => string, at: Position = { x: 0, y: 0 }) {
  return journeyDraft(createId, at, buildGrid(CUSTOMER_GRID, text.customer, createId).props)
}

function employeeJourney(text: TemplateText, createId: () => string, at: Position = { x: 0, y: 0 }) {
  const links = Object.fromEntries(EMPLOYEE_GRID.stages.map((key) => [key, text.customer.stages[EMPLOYEE_AFFECTS[key]]]))
  return journeyDraft(createId, at, buildGrid(EMPLOYEE_GRID, text.employee, createId, links).props)
}

/** Customer grid on top, employee grid below it at the same x, so their stage columns line up. */
function customerAndEmployee(text: TemplateText, createId: () => string): ShapeDraft[] {
  const customer = customerJourney(text, createId)
  const employee = employeeJourney(text, createId, { x: customer.x, y: customer.y + customer.props.h + GRID_SPACING })
  return [customer, employee]
}

/**
 * The analysis grid with one example gap in its first theme and one elevator
 * linked to it, placed as "+ Add elevator" places it, and the grid arranged
 * as a browser arranges it, so that the board does not shift when first opened.
 */
function gapAnalysis(text: TemplateText, createId: () => string): ShapeDraft[] {
  const built = buildGrid(ANALYSIS_GRID, text.analysis, createId)
  const gridId = createShapeId(createId())
  const gapCell = { stageId: built.stageIds.clarity, laneId: built.laneIds.gaps }
  const gapBox = cellBounds(built.props, gapCell)!
  const gap = { id: createShapeId(createId()), type: GAP, ...gapCell, ...EXAMPLE_GAP_SIZE, x: gapBox.x + CELL_PADDING, y: gapBox.y + CELL_PADDING }
  const spot = elevatorSpot(built.props, gapCell, [gap], EXAMPLE_ELEVATOR_SIZE, [text.analysis.lanes.elevators])!
  const elevator = { id: createShapeId(createId()), type: ELEVATOR, ...spot.cell, ...EXAMPLE_ELEVATOR_SIZE, ...spot.at }
  const arranged = arrangeGrid(built.props, [gap, elevator])
  const grid = draftShape(JOURNEY, gridId, { x: 0, y: 0 }, { ...built.props, lanes: arranged.lanes, w: arranged.w, h: arranged.h })
  const at = (id: string) => arranged.positions.get(id)!
  const gapProps: GapProps = { journeyId: gridId, ...gapCell, ...EXAMPLE_GAP_SIZE, ...text.exampleGap, theme: text.analysis.stages.clarity, severity: 3 }
  const elevatorProps: ElevatorProps = {
    journeyId: gridId,
    ...spot.cell,
    ...EXAMPLE_ELEVATOR_SIZE,
    ...text.exampleElevator,
    gapId: gap.id,
    effort: 'S',
    impact: 4,
    status: 'idea',
    due: '',
  }
  return [grid, draftShape(GAP, gap.id, at(gap.id), gapProps), draftShape(ELEVATOR, elevator.id, at(elevator.id), elevatorProps)]
}

const builders: Record<TemplateName, Builder> = {
  'customer-journey': (text, createId) => [customerJourney(text, createId)],
  'employee-journey': (text, createId) => [employeeJourney(text, createId)],
  'customer-employee': customerAndEmployee,
  'gap-analysis': gapAnalysis,
}
