import { EFFORTS, ELEVATOR, GAP, JOURNEY, STATUSES, type ElevatorProps, type GapProps, type JourneyProps } from '../schema/cards.js'

/** The least of a shape the action plan reads: tldraw shape records fit, and so do plain objects. */
export interface PlanShape {
  readonly id: string
  readonly type: string
  readonly props: unknown
  readonly x?: number
  readonly y?: number
}

/** A gap card among the plan's input shapes. */
export type PlanGap<S extends PlanShape = PlanShape> = S & { readonly type: typeof GAP; readonly props: GapProps }
/** An elevator card among the plan's input shapes. */
export type PlanElevator<S extends PlanShape = PlanShape> = S & { readonly type: typeof ELEVATOR; readonly props: ElevatorProps }
/** A journey grid among the plan's input shapes. */
export type PlanJourney<S extends PlanShape = PlanShape> = S & { readonly type: typeof JOURNEY; readonly props: JourneyProps }

/** What the action plan's elevators are ordered by. */
export type ActionPlanSort = 'impact' | 'effort' | 'status'
/** Every sort order, in the order the panel offers them. */
export const ACTION_PLAN_SORTS: readonly ActionPlanSort[] = ['impact', 'effort', 'status']

/** How to build the plan: the sort order, and votes per card id from the last revealed voting round. */
export interface ActionPlanOptions {
  sortBy: ActionPlanSort
  votes?: Readonly<Record<string, number>>
}

/** A gap with the elevators linked to it, in sort order. */
export interface GapEntry<S extends PlanShape = PlanShape> {
  gap: PlanGap<S>
  elevators: PlanElevator<S>[]
}

/** The gaps placed in one stage of one journey grid. */
export interface StageGroup<S extends PlanShape = PlanShape> {
  stageId: string
  stageTitle: string
  journeyId: string
  gaps: GapEntry<S>[]
}

/** The result of a workshop: gaps by stage with their elevators, and what is left over. */
export interface ActionPlan<S extends PlanShape = PlanShape> {
  /** Stages that hold at least one gap, grids top to bottom (then left to right), stages in grid order. */
  stages: StageGroup<S>[]
  /** Gaps outside any grid, or whose grid or stage no longer exists. */
  unplaced: GapEntry<S>[]
  /** Elevators whose gapId is '' or names no existing gap. */
  unlinkedElevators: PlanElevator<S>[]
  counts: { gaps: number; elevators: number; unlinked: number }
}

/** Whether a shape is a gap card. */
export function isPlanGap<S extends PlanShape>(shape: S): shape is PlanGap<S> {
  return shape.type === GAP
}

/** Whether a shape is an elevator card. */
export function isPlanElevator<S extends PlanShape>(shape: S): shape is PlanElevator<S> {
  return shape.type === ELEVATOR
}

/** Whether a shape is a journey grid. */
export function isPlanJourney<S extends PlanShape>(shape: S): shape is PlanJourney<S> {
  return shape.type === JOURNEY
}

type Votes = Readonly<Record<string, number>>

const primary: Record<ActionPlanSort, (a: ElevatorProps, b: ElevatorProps) => number> = {
  impact: (a, b) => b.impact - a.impact,
  effort: (a, b) => EFFORTS.indexOf(a.effort) - EFFORTS.indexOf(b.effort),
  status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
}

/**
 * Orders elevators by impact (high first), effort (S, M, L) or status (idea →
 * done); ties go to the most votes, then the action text, then the id, so the
 * order never depends on the input's order.
 */
export function compareElevators(sortBy: ActionPlanSort, votes: Votes = {}) {
  return (a: { id: string; props: ElevatorProps }, b: { id: string; props: ElevatorProps }): number =>
    primary[sortBy](a.props, b.props) ||
    voteCount(votes, b.id) - voteCount(votes, a.id) ||
    compareText(a.props.action, b.props.action) ||
    compareText(a.id, b.id)
}

/** Orders gaps by severity (severe first), then the votes their elevators got, then today's text, then the id. */
export function compareGapEntries(votes: Votes = {}) {
  const total = (entry: { elevators: readonly { id: string }[] }) =>
    entry.elevators.reduce((sum, elevator) => sum + voteCount(votes, elevator.id), 0)
  return (a: { gap: { id: string; props: GapProps }; elevators: readonly { id: string }[] }, b: typeof a): number =>
    b.gap.props.severity - a.gap.props.severity ||
    total(b) - total(a) ||
    compareText(a.gap.props.today, b.gap.props.today) ||
    compareText(a.gap.id, b.gap.id)
}

/** Groups the board's gaps by the stage they sit in, each with its linked elevators, sorted as asked. */
export function buildActionPlan<S extends PlanShape>(shapes: readonly S[], options: ActionPlanOptions = { sortBy: 'impact' }): ActionPlan<S> {
  const votes = options.votes ?? {}
  const gaps = shapes.filter(isPlanGap)
  const elevators = shapes.filter(isPlanElevator)
  const gapIds = new Set<string>(gaps.map((gap) => gap.id))
  const linked = new Map<string, PlanElevator<S>[]>()
  const unlinkedElevators: PlanElevator<S>[] = []
  for (const elevator of elevators) {
    if (!gapIds.has(elevator.props.gapId)) unlinkedElevators.push(elevator)
    else linked.set(elevator.props.gapId, [...(linked.get(elevator.props.gapId) ?? []), elevator])
  }
  const byElevator = compareElevators(options.sortBy, votes)
  const entries = gaps.map((gap) => ({ gap, elevators: (linked.get(gap.id) ?? []).sort(byElevator) }))
  const { stages, unplaced } = groupByStage(shapes.filter(isPlanJourney), entries, compareGapEntries(votes))
  return {
    stages,
    unplaced,
    unlinkedElevators: unlinkedElevators.sort(byElevator),
    counts: { gaps: gaps.length, elevators: elevators.length, unlinked: unlinkedElevators.length },
  }
}

function groupByStage<S extends PlanShape>(
  journeys: PlanJourney<S>[],
  entries: GapEntry<S>[],
  byGap: (a: GapEntry<S>, b: GapEntry<S>) => number,
): Pick<ActionPlan<S>, 'stages' | 'unplaced'> {
  const groups = new Map<string, StageGroup<S>>()
  for (const journey of [...journeys].sort(byPosition)) {
    for (const stage of journey.props.stages) {
      groups.set(cellKey(journey.id, stage.id), { stageId: stage.id, stageTitle: stage.title, journeyId: journey.id, gaps: [] })
    }
  }
  const unplaced: GapEntry<S>[] = []
  for (const entry of entries) {
    const group = groups.get(cellKey(entry.gap.props.journeyId, entry.gap.props.stageId))
    if (group) group.gaps.push(entry)
    else unplaced.push(entry)
  }
  const stages = [...groups.values()].filter((group) => group.gaps.length > 0)
  for (const group of stages) group.gaps.sort(byGap)
  return { stages, unplaced: unplaced.sort(byGap) }
}

/** Top to bottom, then left to right; `Array.prototype.sort` is stable, so equal positions keep the input order. */
function byPosition(a: PlanShape, b: PlanShape): number {
  return (a.y ?? 0) - (b.y ?? 0) || (a.x ?? 0) - (b.x ?? 0)
}

function cellKey(journeyId: string, stageId: string): string {
  return JSON.stringify([journeyId, stageId])
}

function voteCount(votes: Votes, id: string): number {
  return Object.hasOwn(votes, id) ? votes[id] : 0
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
