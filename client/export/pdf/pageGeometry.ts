import type { Box, MapLayout, Orientation, PageSizeName } from './pdfTypes.js'

/** Points per millimetre (a point is 1/72 inch). */
export const MM = 72 / 25.4

/** Portrait paper sizes in points: A4 595×842, A3 842×1191, Letter 612×792. */
export const PAGE_SIZES: Readonly<Record<PageSizeName, { width: number; height: number }>> = {
  A4: { width: 595, height: 842 },
  A3: { width: 842, height: 1191 },
  Letter: { width: 612, height: 792 },
}

/** White space around every page's content, wide enough for office printers. */
export const PAGE_MARGIN = 12 * MM
/** Band above the content for the page title and below it for the page number. */
export const HEADER_HEIGHT = 22
/** Band below the content for the page label and number. */
export const FOOTER_HEIGHT = 18
/** How much neighbouring map tiles repeat of each other, so they can be glued together. */
export const TILE_OVERLAP = 10 * MM
/** Points per board unit on tiled map pages: 12-unit card text prints at 9 pt. */
export const TILE_SCALE = 0.75
/** The largest scale a fitted map is blown up to, so a small board does not print with giant letters. */
export const MAX_FIT_SCALE = 1.25

/** Page width and height in points for a paper size and orientation (landscape swaps them). */
export function pageDimensions(size: PageSizeName, orientation: Orientation): { width: number; height: number } {
  const { width, height } = PAGE_SIZES[size]
  return orientation === 'landscape' ? { width: height, height: width } : { width, height }
}

/** Where a page's content goes: inside the margins, between the header and footer bands. */
export function contentArea(page: { width: number; height: number }): Box {
  const top = PAGE_MARGIN + HEADER_HEIGHT
  return { x: PAGE_MARGIN, y: top, w: page.width - 2 * PAGE_MARGIN, h: page.height - top - PAGE_MARGIN - FOOTER_HEIGHT }
}

/** One page of the map: which part of the board it shows (`view`, board units) and how it maps onto `area` (points). */
export interface MapTile {
  index: number
  row: number
  column: number
  rows: number
  columns: number
  view: Box
  area: Box
  scale: number
  /** Which edges repeat a neighbour's strip, for the overlap marks. */
  overlaps: { left: boolean; right: boolean; top: boolean; bottom: boolean }
}

/** Pages needed along one axis; a length within a rounding error of the view fits one page (a fitted map always does). */
function tileCount(length: number, view: number, overlap: number): number {
  return length <= view * (1 + 1e-9) ? 1 : Math.ceil((length - overlap) / (view - overlap))
}

/** Splits the board's bounds into pages: one fitted page, or a grid of overlapping tiles at TILE_SCALE. */
export function planMapTiles(bounds: Box, area: Box, layout: Exclude<MapLayout, 'auto'>): MapTile[] {
  const fitScale = Math.min(area.w / bounds.w, area.h / bounds.h, MAX_FIT_SCALE)
  const scale = layout === 'fit' ? fitScale : Math.max(fitScale, TILE_SCALE)
  const viewW = area.w / scale
  const viewH = area.h / scale
  const overlap = TILE_OVERLAP / scale
  const columns = tileCount(bounds.w, viewW, overlap)
  const rows = tileCount(bounds.h, viewH, overlap)
  const stepX = viewW - overlap
  const stepY = viewH - overlap
  // Centre the board when it fits across (or down) one page; otherwise start at its edge, leaving the spare room to the last tiles.
  const left = columns === 1 ? bounds.x - (viewW - bounds.w) / 2 : bounds.x
  const top = rows === 1 ? bounds.y - (viewH - bounds.h) / 2 : bounds.y
  const tiles: MapTile[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const view = { x: left + column * stepX, y: top + row * stepY, w: viewW, h: viewH }
      const overlaps = { left: column > 0, right: column < columns - 1, top: row > 0, bottom: row < rows - 1 }
      tiles.push({ index: tiles.length, row, column, rows, columns, view, area, scale, overlaps })
    }
  }
  return tiles
}

/** Whether two boxes share any area or touch. */
export function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/** Whether `inner` lies inside `outer`, with a small tolerance for rounding. */
export function contains(outer: Box, inner: Box, tolerance = 0.01): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.w <= outer.x + outer.w + tolerance &&
    inner.y + inner.h <= outer.y + outer.h + tolerance
  )
}

/** The smallest box around all the boxes, or null for none. */
export function unionBoxes(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const box of boxes) {
    left = Math.min(left, box.x)
    top = Math.min(top, box.y)
    right = Math.max(right, box.x + box.w)
    bottom = Math.max(bottom, box.y + box.h)
  }
  return { x: left, y: top, w: right - left, h: bottom - top }
}
