import type { PlanShape } from '../../../shared/rules/actionPlan.js'
import { layoutMap, type MapDrawing } from './mapLayout.js'
import { contentArea, pageDimensions, planMapTiles } from './pageGeometry.js'
import type { Box, DrawnShape, MapLayout, Orientation, PageSizeName } from './pdfTypes.js'

/** Card text's size on the board, in board units: the body text of every card (cardLayout's BODY). */
export const CARD_TEXT_SIZE = 12
/**
 * The smallest size, in points, that card text may print at: 7 pt is about
 * the smallest print read without effort from a sheet held or pinned at arm's
 * length (6 pt is the usual floor for fine print, which nobody reads in a workshop).
 */
export const MIN_READABLE_PT = 7

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

/** The one larger paper the export offers for a map that A4 makes unreadable; Letter has none among our sizes, so it tiles. */
const LARGER_PAPER: Partial<Record<PageSizeName, PageSizeName>> = { A4: 'A3' }

/** Why the map pages look as they do. */
export type MapPlanReason =
  /** Automatic: one page of the chosen paper is readable. */
  | 'fits'
  /** Automatic: one page of the chosen paper is readable turned the other way; the other pages keep the chosen orientation. */
  | 'turned'
  /** Automatic: one page of larger paper is readable where the chosen paper was not; the other pages keep the chosen paper. */
  | 'largerPage'
  /** Automatic: nothing on one page was readable, so the map is tiled on the chosen paper. */
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

function planOn(bounds: Box, paper: Paper, layout: 'fit' | 'tile', reason: MapPlanReason, fitTextPt: number): MapPlan {
  const tiles = planMapTiles(bounds, contentArea(pageDimensions(paper.pageSize, paper.orientation)), layout)
  const scale = tiles[0].scale
  const textPt = CARD_TEXT_SIZE * scale
  return { ...paper, layout, scale, textPt, pages: tiles.length, reason, isReadable: textPt >= MIN_READABLE_PT - 1e-9, fitTextPt }
}

/**
 * Chooses how to print the map (`bounds`, board units, padding included).
 * 'fit' and 'tile' do what they say. 'auto' keeps one page of the chosen
 * paper when card text stays readable there; otherwise it turns that page
 * the other way, or gives the map one page of larger paper (A3 for A4, in
 * whichever orientation reads larger), when that is readable, since one
 * sheet is easier to hang on a wall than glued tiles; otherwise it tiles the
 * map on the chosen paper.
 */
export function planMap(bounds: Box, options: Paper & { mapLayout: MapLayout }): MapPlan {
  const chosen: Paper = { pageSize: options.pageSize, orientation: options.orientation }
  const fit = planOn(bounds, chosen, 'fit', 'fits', 0)
  const fitTextPt = fit.textPt
  if (options.mapLayout !== 'auto') return planOn(bounds, chosen, options.mapLayout, 'chosen', fitTextPt)
  if (fit.isReadable) return { ...fit, fitTextPt }
  const turned = planOn(bounds, { ...chosen, orientation: other(chosen.orientation) }, 'fit', 'turned', fitTextPt)
  if (turned.isReadable) return turned
  const larger = LARGER_PAPER[options.pageSize]
  if (larger) {
    const orientations: Orientation[] = [options.orientation, other(options.orientation)]
    const best = orientations
      .map((orientation) => planOn(bounds, { pageSize: larger, orientation }, 'fit', 'largerPage', fitTextPt))
      .reduce((a, b) => (b.textPt > a.textPt + 1e-9 ? b : a))
    if (best.isReadable) return best
  }
  return planOn(bounds, chosen, 'tile', 'tiles', fitTextPt)
}
