import type { PlanShape } from '../../../shared/rules/actionPlan.js'
import type { CardScoreSummary } from '../../../shared/rules/scoring.js'
import type { RoundResults } from '../../../shared/rules/voting.js'
import type { Round } from '../../../shared/rules/votingTypes.js'
import type { Language } from '../../i18n/strings.js'

/** Paper sizes the export offers. */
export type PageSizeName = 'A4' | 'A3' | 'Letter'
/** Paper orientation. */
export type Orientation = 'portrait' | 'landscape'
/** The map on one page ('fit'), over several pages at a readable scale ('tile'), or whichever keeps card text readable ('auto', see mapPlan.ts). */
export type MapLayout = 'auto' | 'fit' | 'tile'

/** A closed vote round and its results, as the facilitator sees them. */
export interface VoteRoundInput {
  round: Round
  results: RoundResults
  title?: string
}

/** A closed score round and its per-card summaries (`scoreSummary`'s map, or the same as a plain object). */
export interface ScoreRoundInput {
  round: Round
  summaries: ReadonlyMap<string, CardScoreSummary> | Readonly<Record<string, CardScoreSummary>>
  title?: string
}

/** Everything the PDF shows, as plain data: no editor, no store, no DOM. */
export interface BoardPdfInput {
  workshopTitle: string | null
  boardName: string
  date: Date
  participantsCount: number
  /** The board's shapes: journey grids and cards with page x, y and props; other shapes are skipped here. */
  shapes: readonly PlanShape[]
  /** tldraw's own shapes (notes, rectangles, text, arrows…) as the editor places them, drawn on the map under the cards. */
  drawn?: readonly DrawnShape[]
  /** Votes per card id from the last revealed round, for the action plan and the cards. */
  votes?: Readonly<Record<string, number>>
  rounds?: readonly VoteRoundInput[]
  scores?: readonly ScoreRoundInput[]
}

/** The font files the PDF embeds: a Unicode text font (DejaVu Sans) and a fallback for emoji. */
export interface PdfFontBytes {
  text: Uint8Array
  emoji: Uint8Array
}

/** How to build the PDF. */
export interface BoardPdfOptions {
  pageSize: PageSizeName
  orientation: Orientation
  mapLayout: MapLayout
  language: Language
  fonts: PdfFontBytes
  /** Called after each page is drawn, and once with done === total at the end. */
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number]

/** A point, y pointing down. */
export interface Point {
  x: number
  y: number
}

/** A rectangle, top-left corner and size, y pointing down. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Width of `text` at font size `size`, in the same units as `size`. */
export type Measure = (text: string, size: number) => number

/** One line of text: logical order; `box` is the line's measured box, `isRtl` its paragraph's direction. */
export interface TextOp {
  kind: 'text'
  text: string
  x: number
  baseline: number
  size: number
  color: Rgb
  isRtl: boolean
  box: Box
}

/** A drawing instruction in top-down coordinates; a group maps its ops by `scale` and offset, then clips to `clip` (inner coordinates). */
export type PdfOp =
  | { kind: 'rect'; box: Box; fill?: Rgb; stroke?: Rgb; lineWidth?: number; dash?: readonly number[] }
  | { kind: 'line'; from: Point; to: Point; color: Rgb; lineWidth: number; dash?: readonly number[] }
  | { kind: 'path'; points: readonly Point[]; color: Rgb; lineWidth: number; isClosed?: boolean; fill?: Rgb }
  | { kind: 'circle'; center: Point; r: number; fill: Rgb }
  | { kind: 'image'; box: Box; image: PdfImage }
  | TextOp
  | { kind: 'group'; ops: readonly PdfOp[]; clip?: Box; transform?: { scale: number; dx: number; dy: number } }

/** An image file the PDF embeds as it is (PNG or JPEG), drawn into a box. */
export interface PdfImage {
  bytes: Uint8Array
  format: 'png' | 'jpeg'
  /** The part of the picture shown, as shares of its width and height (tldraw's crop); the whole picture when absent. */
  crop?: Box
  isFlippedX?: boolean
  isFlippedY?: boolean
}

/**
 * One of tldraw's own shapes (rectangles, ellipses, sticky notes, text,
 * arrows, lines, drawings, frames, images) as the PDF draws it. The browser
 * reads it from the editor (`readDrawnShapes`): outlines come from the shape's
 * geometry already placed on the page, so rotation, arrow bindings and curves
 * are as the canvas shows them. Pure data, so its layout (`drawnShapeItem`) runs in Node.
 */
export interface DrawnShape {
  id: string
  type: string
  /** The shape's box on the page (rotated shapes: the box around them). */
  bounds: Box
  /** Polylines in page units; closed ones may be filled. */
  outlines: readonly { points: readonly Point[]; isClosed: boolean }[]
  stroke: Rgb | null
  fill: Rgb | null
  lineWidth: number
  dash?: readonly number[]
  /** Arrowheads: a tip and the point the head points away from. */
  arrowheads: readonly { tip: Point; from: Point }[]
  /** The shape's text as plain text (labels, notes, text shapes, frame names); '' when none. */
  text: string
  textColor: Rgb
  textSize: number
  textAlign: 'left' | 'center'
  /** Where the text goes: the label box for arrows, the heading above a frame, else the shape's bounds. */
  textBox: Box
  /** An image, video or embed: a labelled placeholder unless `image` holds the picture; the map is never rasterised. */
  placeholder: 'image' | 'video' | 'embed' | null
  /** The image itself, when the browser could read its file: drawn instead of the placeholder. */
  image?: PdfImage
}

/** A laid-out page: its size in points, what to draw on it, and the running title and label its frame shows. */
export interface LaidOutPage {
  width: number
  height: number
  ops: PdfOp[]
  header?: string
  footer?: string
}
