import type { JourneyKind, JourneyProps, LaneKind } from '../schema/cards.js'
import { MIN_LANE_HEIGHT } from '../journey/arrange.js'
import { gridSize } from '../journey/layout.js'

/** Width of a stage column in the journey templates: one default card and its padding. */
export const STAGE_WIDTH = 220
/** Width of a theme column in the gap analysis: wider, because the analysis is read mostly through its gaps' text. */
export const THEME_WIDTH = 260
/** Height of an empty card lane; lanes grow to their cards (shared/journey/arrange.ts). */
export const LANE_HEIGHT = MIN_LANE_HEIGHT.cards
/** Height of the thoughts & feelings lane, taller so the emotion curve has room. */
export const EMOTION_LANE_HEIGHT = MIN_LANE_HEIGHT.emotion
/** Height of the lane that names the customer stage an employee stage affects: one line of text. */
export const LINK_LANE_HEIGHT = MIN_LANE_HEIGHT.link
/** Vertical space between two stacked grids of the customer + employee template. */
export const GRID_SPACING = 120

/** A lane of a template grid, before it gets an id and a title. */
export interface LaneDef<L extends string> {
  key: L
  kind: LaneKind
  height: number
}

/** A template grid's shape, independent of language: stage keys, lanes and sizes. */
export interface GridDef<S extends string, L extends string> {
  kind: JourneyKind
  stageWidth: number
  stages: readonly S[]
  lanes: readonly LaneDef<L>[]
}

/** A template grid's words in one language. */
export interface GridText<S extends string, L extends string> {
  title: string
  stages: Record<S, string>
  lanes: Record<L, string>
}

const cards = <L extends string>(key: L): LaneDef<L> => ({ key, kind: 'cards', height: LANE_HEIGHT })

/** The customer journey: from discovering the service to leaving it, with the standard lanes. */
export const CUSTOMER_GRID = {
  kind: 'customer',
  stageWidth: STAGE_WIDTH,
  stages: ['discover', 'choose', 'buy', 'start', 'use', 'getHelp', 'leave'],
  lanes: [
    cards('actions'),
    cards('touchpoints'),
    cards('channels'),
    { key: 'feelings', kind: 'emotion', height: EMOTION_LANE_HEIGHT },
    cards('backstage'),
    cards('painPoints'),
    cards('gaps'),
    cards('elevators'),
  ],
} as const satisfies GridDef<string, string>

/** The employee journey: work moments, each linked to the customer stage it affects (same position). */
export const EMPLOYEE_GRID = {
  kind: 'employee',
  stageWidth: STAGE_WIDTH,
  stages: ['inform', 'advise', 'order', 'onboard', 'serve', 'solve', 'close'],
  lanes: [
    { key: 'affects', kind: 'link', height: LINK_LANE_HEIGHT },
    cards('actions'),
    cards('tools'),
    cards('support'),
    { key: 'feelings', kind: 'emotion', height: EMOTION_LANE_HEIGHT },
    cards('painPoints'),
    cards('gaps'),
    cards('elevators'),
  ],
} as const satisfies GridDef<string, string>

/** The gap analysis: themes as columns, today → target → gaps → elevators as rows. */
export const ANALYSIS_GRID = {
  kind: 'customer',
  stageWidth: THEME_WIDTH,
  stages: ['clarity', 'buying', 'gettingStarted', 'everyday', 'gettingHelp', 'staying'],
  lanes: [cards('today'), cards('target'), cards('gaps'), cards('elevators')],
} as const satisfies GridDef<string, string>

/** The customer stage each employee work moment affects: the one above it in the combined template. */
export const EMPLOYEE_AFFECTS = {
  inform: 'discover',
  advise: 'choose',
  order: 'buy',
  onboard: 'start',
  serve: 'use',
  solve: 'getHelp',
  close: 'leave',
} as const satisfies Record<(typeof EMPLOYEE_GRID.stages)[number], (typeof CUSTOMER_GRID.stages)[number]>

/** Stage keys of the customer journey. */
export type CustomerStage = (typeof CUSTOMER_GRID.stages)[number]
/** Lane keys of the customer journey. */
export type CustomerLane = (typeof CUSTOMER_GRID.lanes)[number]['key']
/** Stage keys of the employee journey. */
export type EmployeeStage = (typeof EMPLOYEE_GRID.stages)[number]
/** Lane keys of the employee journey. */
export type EmployeeLane = (typeof EMPLOYEE_GRID.lanes)[number]['key']
/** Theme keys of the gap analysis. */
export type AnalysisStage = (typeof ANALYSIS_GRID.stages)[number]
/** Lane keys of the gap analysis. */
export type AnalysisLane = (typeof ANALYSIS_GRID.lanes)[number]['key']

/** A built grid: its props, and the generated ids of its stages and lanes by key. */
export interface BuiltGrid<S extends string, L extends string> {
  props: JourneyProps
  stageIds: Record<S, string>
  laneIds: Record<L, string>
}

/**
 * Turns a grid definition and its words into journey props with fresh stage
 * and lane ids; `stageLinks` maps a stage key to the customer stage title it affects.
 */
export function buildGrid<S extends string, L extends string>(
  def: GridDef<S, L>,
  text: GridText<S, L>,
  createId: () => string,
  stageLinks: Partial<Record<S, string>> = {},
): BuiltGrid<S, L> {
  const stageIds = Object.fromEntries(def.stages.map((key) => [key, createId()])) as Record<S, string>
  const laneIds = Object.fromEntries(def.lanes.map((lane) => [lane.key, createId()])) as Record<L, string>
  const stages = def.stages.map((key) => ({ id: stageIds[key], title: text.stages[key], width: def.stageWidth }))
  const lanes = def.lanes.map((lane) => ({ id: laneIds[lane.key], title: text.lanes[lane.key], kind: lane.kind, height: lane.height }))
  const links: Record<string, string> = {}
  for (const key of def.stages) {
    const title = stageLinks[key]
    if (title !== undefined) links[stageIds[key]] = title
  }
  const size = gridSize({ stages, lanes })
  const props: JourneyProps = { ...size, title: text.title, kind: def.kind, stages, lanes, emotions: {}, stageLinks: links }
  return { props, stageIds, laneIds }
}
