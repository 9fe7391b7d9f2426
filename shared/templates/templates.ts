import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { uniqueId } from '@tldraw/utils'
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
import { boardRecords, draftShape, placeInCell, type Position, type ShapeDraft } from './records.js'
import { templateStrings, type TemplateLanguage, type TemplateText } from './strings.js'
import type { TemplateName } from './templateNames.js'

export type { TemplateLanguage } from './strings.js'
export { isTemplateName, TEMPLATE_NAMES, type TemplateName } from './templateNames.js'

/** Size of the gap analysis's example gap card: the card's default size, which fits a 260 × 240 cell. */
export const EXAMPLE_GAP_SIZE = { w: 240, h: 220 } as const
/** Size of the gap analysis's example elevator card: the card's default size. */
export const EXAMPLE_ELEVATOR_SIZE = { w: 220, h: 200 } as const

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

/** The analysis grid with one example gap in its first theme and one elevator linked to it. */
function gapAnalysis(text: TemplateText, createId: () => string): ShapeDraft[] {
  const built = buildGrid(ANALYSIS_GRID, text.analysis, createId)
  const grid = journeyDraft(createId, { x: 0, y: 0 }, built.props)
  const stageId = built.stageIds.clarity
  const gapCell = placeInCell(grid, { stageId, laneId: built.laneIds.gaps }, EXAMPLE_GAP_SIZE.w, EXAMPLE_GAP_SIZE.h)
  const gapId = createShapeId(createId())
  const gap: GapProps = { ...gapCell.placement, ...EXAMPLE_GAP_SIZE, ...text.exampleGap, theme: text.analysis.stages.clarity, severity: 3 }
  const { w, h } = EXAMPLE_ELEVATOR_SIZE
  const elevatorCell = placeInCell(grid, { stageId, laneId: built.laneIds.elevators }, w, h)
  const elevator: ElevatorProps = {
    ...elevatorCell.placement,
    w,
    h,
    ...text.exampleElevator,
    gapId,
    effort: 'S',
    impact: 4,
    status: 'idea',
    due: '',
  }
  return [grid, draftShape(GAP, gapId, gapCell.at, gap), draftShape(ELEVATOR, createShapeId(createId()), elevatorCell.at, elevator)]
}

const builders: Record<TemplateName, Builder> = {
  'customer-journey': (text, createId) => [customerJourney(text, createId)],
  'employee-journey': (text, createId) => [employeeJourney(text, createId)],
  'customer-employee': customerAndEmployee,
  'gap-analysis': gapAnalysis,
}
