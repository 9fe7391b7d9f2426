import type { Emotion, JourneyProps, Lane, Stage } from '../schema/cards.js'

/** Width of the lane-title column at the left of a journey grid. */
export const LANE_HEADER_WIDTH = 160
/** Height of the stage-title row at the top of a journey grid. */
export const STAGE_HEADER_HEIGHT = 56

/** A point in the journey shape's own coordinates (its top-left corner is 0,0). */
export interface Point {
  x: number
  y: number
}

/** The grid cell a card sits in. */
export interface Cell {
  stageId: string
  laneId: string
}

/** Left edge of each stage column, in the journey's coordinates, in stage order. */
export function stageOffsets(stages: readonly Stage[]): number[] {
  const offsets: number[] = []
  let x = LANE_HEADER_WIDTH
  for (const stage of stages) {
    offsets.push(x)
    x += stage.width
  }
  return offsets
}

/** Top edge of each lane row, in the journey's coordinates, in lane order. */
export function laneOffsets(lanes: readonly Lane[]): number[] {
  const offsets: number[] = []
  let y = STAGE_HEADER_HEIGHT
  for (const lane of lanes) {
    offsets.push(y)
    y += lane.height
  }
  return offsets
}

/** The grid's natural size: headers plus every stage's width and every lane's height. */
export function gridSize(props: Pick<JourneyProps, 'stages' | 'lanes'>): { w: number; h: number } {
  return {
    w: LANE_HEADER_WIDTH + props.stages.reduce((sum, stage) => sum + stage.width, 0),
    h: STAGE_HEADER_HEIGHT + props.lanes.reduce((sum, lane) => sum + lane.height, 0),
  }
}

/** The cell under a point, or null when the point is on a header or outside the grid. */
export function cellAt(props: Pick<JourneyProps, 'stages' | 'lanes'>, point: Point): Cell | null {
  const stage = indexAt(stageOffsets(props.stages), props.stages.map((s) => s.width), point.x)
  const lane = indexAt(laneOffsets(props.lanes), props.lanes.map((l) => l.height), point.y)
  if (stage === -1 || lane === -1) return null
  return { stageId: props.stages[stage].id, laneId: props.lanes[lane].id }
}

/** The rectangle of a cell in the journey's coordinates, or null if either id is unknown. */
export function cellBounds(props: Pick<JourneyProps, 'stages' | 'lanes'>, cell: Cell): { x: number; y: number; w: number; h: number } | null {
  const stage = props.stages.findIndex((s) => s.id === cell.stageId)
  const lane = props.lanes.findIndex((l) => l.id === cell.laneId)
  if (stage === -1 || lane === -1) return null
  return { x: stageOffsets(props.stages)[stage], y: laneOffsets(props.lanes)[lane], w: props.stages[stage].width, h: props.lanes[lane].height }
}

/**
 * Points of the emotion curve: one per stage that has a score, at the centre
 * of its column, +2 at the top of the emotion lane and −2 at the bottom.
 * Empty when the grid has no emotion lane.
 */
export function emotionCurvePoints(props: Pick<JourneyProps, 'stages' | 'lanes' | 'emotions'>): Point[] {
  const laneIndex = props.lanes.findIndex((lane) => lane.kind === 'emotion')
  if (laneIndex === -1) return []
  const lane = props.lanes[laneIndex]
  const top = laneOffsets(props.lanes)[laneIndex]
  const padding = Math.min(16, lane.height / 4)
  const usable = lane.height - 2 * padding
  const xs = stageOffsets(props.stages)
  const points: Point[] = []
  props.stages.forEach((stage, index) => {
    const score = props.emotions[stage.id]
    if (score === undefined) return
    points.push({ x: xs[index] + stage.width / 2, y: top + padding + ((2 - score) / 4) * usable })
  })
  return points
}

/** The score for a click at `y` inside the emotion lane (top = +2), rounded to a whole step. */
export function emotionAt(lane: Pick<Lane, 'height'>, yInLane: number): Emotion {
  const ratio = Math.min(1, Math.max(0, yInLane / lane.height))
  return (Math.round(2 - ratio * 4) || 0) as Emotion
}

/** Moves the item at `from` to `to`, returning a new array; out-of-range indexes leave it unchanged. */
export function reorder<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items]
  const next = [...items]
  const [moved] = next.splice(from, 1)
  next.splice(to, 0, moved)
  return next
}

function indexAt(starts: number[], lengths: number[], value: number): number {
  for (let i = 0; i < starts.length; i++) {
    if (value >= starts[i] && value < starts[i] + lengths[i]) return i
  }
  return -1
}
