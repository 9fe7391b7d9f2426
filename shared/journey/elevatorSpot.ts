import { ELEVATOR } from '../schema/cards.js'
import { freeSlot, type FiledCard, type Grid } from './arrange.js'
import { cellBounds, type Cell, type Point } from './layout.js'

/**
 * The lane a new elevator of a gap goes to: a lane titled as the elevators
 * lane (in any language the templates speak, any case), else the lane most of
 * the grid's elevators are in, else the lane below the gap's, else the gap's own.
 */
export function elevatorLaneId(grid: Grid, gapLaneId: string, elevatorLaneIds: readonly string[], elevatorTitles: readonly string[]): string {
  const titles = new Set(elevatorTitles.map((title) => title.trim().toLocaleLowerCase()))
  const titled = grid.lanes.find((lane) => titles.has(lane.title.trim().toLocaleLowerCase()))
  if (titled) return titled.id
  const counts = new Map<string, number>()
  for (const id of elevatorLaneIds) if (grid.lanes.some((lane) => lane.id === id)) counts.set(id, (counts.get(id) ?? 0) + 1)
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]
  if (common) return common[0]
  const index = grid.lanes.findIndex((lane) => lane.id === gapLaneId)
  return grid.lanes[index + 1]?.id ?? gapLaneId
}

/**
 * Where a gap's new elevator goes on its grid: the cell of the gap's stage in
 * the elevators lane, at the first free spot beside or below the cards already
 * there (`cards` are those filed in the grid, with their shape type); grid
 * coordinates. Null when the gap's stage is not on the grid.
 */
export function elevatorSpot(
  grid: Grid,
  gap: Cell,
  cards: readonly (FiledCard & { type: string })[],
  size: { w: number; h: number },
  elevatorTitles: readonly string[],
): { cell: Cell; at: Point } | null {
  const elevatorLanes = cards.filter((card) => card.type === ELEVATOR).map((card) => card.laneId)
  const cell = { stageId: gap.stageId, laneId: elevatorLaneId(grid, gap.laneId, elevatorLanes, elevatorTitles) }
  const bounds = cellBounds(grid, cell)
  if (!bounds) return null
  const taken = cards
    .filter((card) => card.stageId === cell.stageId && card.laneId === cell.laneId)
    .map((card) => ({ x: card.x - bounds.x, y: card.y - bounds.y, w: card.w, h: card.h }))
  const slot = freeSlot(bounds.w, taken, size)
  return { cell, at: { x: bounds.x + slot.x, y: bounds.y + slot.y } }
}
