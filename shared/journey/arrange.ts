import type { JourneyProps, Lane, LaneKind } from '../schema/cards.js'
import { cellBounds, gridSize, type Cell, type Point } from './layout.js'

/** Space between a cell's edges and the cards in it. */
export const CELL_PADDING = 12
/** Space between two cards that share a cell. */
export const CARD_GAP = 12

/** How low a lane may shrink when it holds no taller card, by what it holds. */
export const MIN_LANE_HEIGHT: Record<LaneKind, number> = { cards: 140, emotion: 160, link: 100 }

/** A rectangle; a card's, in the coordinates of its grid or of its cell. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** A card as the arrangement sees it: its rectangle in the grid's coordinates and the cell it is filed in. */
export interface FiledCard extends Rect, Cell {
  id: string
}

/** The grid's stages and lanes: all that the arrangement reads of a journey. */
export type Grid = Pick<JourneyProps, 'stages' | 'lanes'>

/** What arranging a grid gives: its lanes with their fitted heights, its size, and where each card goes (grid coordinates). */
export interface Arrangement {
  lanes: Lane[]
  w: number
  h: number
  positions: Map<string, Point>
}

/** Whether two rectangles overlap, counting `gap` as part of each (so touching within the gap counts). */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
}

/**
 * Where a card of `size` goes in a cell `width` wide that already holds
 * `taken` (cell coordinates): the highest free spot, leftmost among equals,
 * beside a card if the column is wide enough and below the lowest one
 * otherwise; never overlapping (a gap apart).
 */
export function freeSlot(width: number, taken: readonly Rect[], size: { w: number; h: number }): Point {
  const xs = [CELL_PADDING, ...taken.map((rect) => rect.x + rect.w + CARD_GAP)].filter((x) => x === CELL_PADDING || x + size.w <= width - CELL_PADDING)
  const ys = [CELL_PADDING, ...taken.map((rect) => rect.y + rect.h + CARD_GAP)]
  const free = ys
    .flatMap((y) => xs.map((x) => ({ x, y })))
    .filter((spot) => !taken.some((rect) => overlaps({ ...spot, ...size }, rect, CARD_GAP)))
  free.sort((a, b) => a.y - b.y || a.x - b.x)
  // The spot below every card is always free, so the list is never empty.
  return free[0]
}

/** A card's left offset in a column `width` wide: inside the padding, or centred on the column when it is wider than the column. */
function clampX(x: number, w: number, width: number): number {
  if (w > width - 2 * CELL_PADDING) return (width - w) / 2
  return Math.min(Math.max(x, CELL_PADDING), width - CELL_PADDING - w)
}

/**
 * Packs the cards of one cell upwards (cell coordinates, any order): each
 * card, from the top, keeps its column but rises to the highest spot where it
 * overlaps no card above it. Overlapping cards end up one below the other, in
 * the order of their tops. Packing a packed cell changes nothing.
 */
export function packCell<C extends Rect & { id: string }>(cards: readonly C[], width: number): C[] {
  const sorted = [...cards].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const placed: C[] = []
  for (const card of sorted) {
    const x = clampX(card.x, card.w, width)
    const below = placed.filter((other) => x < other.x + other.w && other.x < x + card.w)
    const ys = [CELL_PADDING, ...below.map((other) => other.y + other.h + CARD_GAP)].sort((a, b) => a - b)
    const y = ys.find((top) => !below.some((other) => overlaps({ x, y: top, w: card.w, h: card.h }, other, CARD_GAP))) ?? CELL_PADDING
    placed.push({ ...card, x, y })
  }
  return placed
}

/**
 * Where a card goes when its grid's layout changes from `from` to `to` (a
 * stage moved, a lane grew): the same offset inside the same cell. Null when
 * either layout lacks the card's cell.
 */
export function followCell(from: Grid, to: Grid, card: Point & Cell): Point | null {
  const source = cellBounds(from, card)
  const target = cellBounds(to, card)
  if (!source || !target) return null
  return { x: card.x + target.x - source.x, y: card.y + target.y - source.y }
}

/**
 * Arranges the cards filed in a grid (grid coordinates): each cell's cards
 * packed inside it, each lane as tall as its tallest stack and never lower than
 * its kind's minimum, and every card moved with its cell as the lanes change.
 * Arranging an arranged grid changes nothing. Cards whose cell the grid lacks
 * are left out of `positions`.
 */
export function arrangeGrid(grid: Grid, cards: readonly FiledCard[]): Arrangement {
  const cells = new Map<string, { cell: Cell; cards: FiledCard[] }>()
  for (const card of cards) {
    const bounds = cellBounds(grid, card)
    if (!bounds) continue
    const key = JSON.stringify([card.stageId, card.laneId])
    const entry = cells.get(key) ?? { cell: { stageId: card.stageId, laneId: card.laneId }, cards: [] }
    entry.cards.push({ ...card, x: card.x - bounds.x, y: card.y - bounds.y })
    cells.set(key, entry)
  }
  const packed = [...cells.values()].map(({ cell, cards: inCell }) => ({ cell, cards: packCell(inCell, cellBounds(grid, cell)!.w) }))
  const lanes = grid.lanes.map((lane) => {
    const bottoms = packed.filter((entry) => entry.cell.laneId === lane.id).flatMap((entry) => entry.cards.map((card) => card.y + card.h + CELL_PADDING))
    return { ...lane, height: Math.max(MIN_LANE_HEIGHT[lane.kind], ...bottoms) }
  })
  const fitted = { stages: grid.stages, lanes }
  const positions = new Map<string, Point>()
  for (const { cell, cards: inCell } of packed) {
    const origin = cellBounds(fitted, cell)!
    for (const card of inCell) positions.set(card.id, { x: origin.x + card.x, y: origin.y + card.y })
  }
  return { lanes, ...gridSize(fitted), positions }
}
