import type { PlanShape } from '../../../shared/rules/actionPlan.js'
import { layoutMap, type MapDrawing } from './mapLayout.js'
import { CARD_TEXT_SIZE, contentArea, MIN_READABLE_PT, mapTileGrid, pageDimensions } from './pageGeometry.js'
import type { Box, DrawnShape, MapLayout, Orientation, PageSizeName } from './pdfTypes.js'

export { CARD_TEXT_SIZE, MIN_READABLE_PT }

/** White space kept around the board's content on map pages, in board units. */
const MAP_PADDING = 16

/** The map's box in board units with white space around it: what the map pages show, and what `planMap` sizes. */
export function paddedMapBounds(drawing: MapDrawing): Box | null {
  const b = drawing.bounds
  return b && { x: b.x - MAP_PADDING, y: b.y - MAP_PADDING, w: b.w + 2 * MAP_PADDING, h: b.h + 2 * MAP_PADDING }
}

/**
 * The same padded box without the PDF's fonts, for the export panel to plan
 * with before anything is built: every item's box comes from shapes alone,
 * never from measured text, so a rough measure gives the PDF's own bounds.
 */
export function mapBoundsOf(shapes: readonly PlanShape[], drawn: readonly DrawnShape[] = []): Box | null {
  const rough = { t: (key: string) => key, measure: (text: string, size: number) => text.length * size * 0.6, votes: {}, formatDay: (day: string) => day }
  return paddedMapBounds(layoutMap(shapes, rough, drawn))
}

/** The one larger paper the export offers for a map that A4 makes unreadable; Letter has none among our sizes. */
const LARGER_PAPER: Partial<Record<PageSizeName, PageSizeName>> = { A4: 'A3' }

/** Why the map pages look as they do. */
export type MapPlanReason =
  /** Automatic: one page of the chosen paper is readable. */
  | 'fits'
  /** Automatic: one page of the chosen paper is readable turned the other way; the other pages keep the chosen orientation. */
  | 'turned'
  /** Automatic: one page of larger paper is readable where the chosen paper was not; the other pages keep the chosen paper. */
  | 'largerPage'
  /** Automatic: nothing on one page was readable, so the map is tiled on whichever paper needs the fewest pages. */
  | 'tiles'
  /** The person chose one page or tiles themselves. */
  | 'chosen'

/** How the map is printed: on which paper, one page or tiles, at what scale, and how large card text comes out. */
export interface MapPlan {
  layout: 'fit' | 'tile'
  pageSize: PageSizeName
  orientation: Orientation
  /** Points per board unit. */
  scale: number
  /** Card text's printed size in points. */
  textPt: number
  /** How many map pages. */
  pages: number
  reason: MapPlanReason
  isReadable: boolean
  /** Card text's size on one page of the chosen paper, for saying why the plan differs from it. */
  fitTextPt: number
}

type Paper = { pageSize: PageSizeName; orientation: Orientation }

const other = (orientation: Orientation): Orientation => (orientation === 'landscape' ? 'portrait' : 'landscape')

/** The plan for one paper and layout; the PDF lays its pages out with the same `mapTileGrid`, so the counts agree. */
function planOn(bounds: Box, paper: Paper, layout: 'fit' | 'tile', reason: MapPlanReason, fitTextPt: number): MapPlan {
  const grid = mapTileGrid(bounds, contentArea(pageDimensions(paper.pageSize, paper.orientation)), layout)
  const pages = grid.columns * grid.rows
  const textPt = CARD_TEXT_SIZE * grid.scale
  // One readable page is printed as a fitted page, so its tiles and its label are a fitted page's.
  return { ...paper, layout: pages === 1 && layout === 'tile' ? 'fit' : layout, scale: grid.scale, textPt, pages, reason, isReadable: textPt >= MIN_READABLE_PT - 1e-9, fitTextPt }
}

/**
 * Chooses how to print the map (`bounds`, board units, padding included).
 * 'fit' and 'tile' do what they say on the chosen paper. 'auto' takes, on
 * the chosen paper or the larger one (A3 for A4) in either orientation, the
 * fewest pages that keep card text readable: one page when any of them
 * does (a sheet is easier to hang on a wall than glued tiles), else the
 * fewest tiles. Among equals it keeps the chosen paper before the larger
 * one, and on the chosen paper the chosen orientation, then the larger text.
 */
export function planMap(bounds: Box, options: Paper & { mapLayout: MapLayout }): MapPlan {
  const chosen: Paper = { pageSize: options.pageSize, orientation: options.orientation }
  const fitTextPt = planOn(bounds, chosen, 'fit', 'fits', 0).textPt
  if (options.mapLayout !== 'auto') return planOn(bounds, chosen, options.mapLayout, 'chosen', fitTextPt)
  const larger = LARGER_PAPER[options.pageSize]
  const papers: Paper[] = [chosen, { ...chosen, orientation: other(chosen.orientation) }]
  if (larger) papers.push({ pageSize: larger, orientation: chosen.orientation }, { pageSize: larger, orientation: other(chosen.orientation) })
  const reasonFor = (paper: Paper, pages: number): MapPlanReason => {
    if (pages > 1) return 'tiles'
    if (paper.pageSize !== chosen.pageSize) return 'largerPage'
    return paper.orientation === chosen.orientation ? 'fits' : 'turned'
  }
  const plans = papers.map((paper) => {
    const plan = planOn(bounds, paper, 'tile', 'tiles', fitTextPt)
    return { ...plan, reason: reasonFor(paper, plan.pages) }
  })
  const rank = (plan: MapPlan) => [plan.pages, plan.pageSize === chosen.pageSize ? 0 : 1, plan.pageSize === chosen.pageSize && plan.orientation === chosen.orientation ? 0 : 1, -plan.textPt]
  const isBefore = (a: MapPlan, b: MapPlan) => {
    const [ra, rb] = [rank(a), rank(b)]
    const i = ra.findIndex((value, index) => Math.abs(value - rb[index]) > 1e-9)
    return i >= 0 && ra[i] < rb[i]
  }
  return plans.reduce((best, plan) => (isBefore(plan, best) ? plan : best))
}
