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
/** The largest scale a fitted map is blown up to, so a small board does not print with giant letters. */
export const MAX_FIT_SCALE = 1.25
/** Card text's size on the board, in board units: the body text of every card (cardLayout's BODY). */
export const CARD_TEXT_SIZE = 12
/**
 * The smallest size, in points, that card text may print at: 7 pt is about
 * the smallest print read without effort from a sheet held or pinned at arm's
 * length (6 pt is the usual floor for fine print, which nobody reads in a workshop).
 */
export const MIN_READABLE_PT = 7
/** Points per board unit at which card text prints at MIN_READABLE_PT: the smallest scale tiles are planned at. */
const READABLE_SCALE = MIN_READABLE_PT / CARD_TEXT_SIZE

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

/** How many pages across and down the map is printed on, and at what scale (points per board unit). */
export interface TileGrid {
  columns: number
  rows: number
  scale: number
}

/** Pages needed along one axis to show `length` board units at `scale`, on pages `page` points long that repeat TILE_OVERLAP. */
function pagesAlong(length: number, page: number, scale: number): number {
  const view = page / scale
  const overlap = TILE_OVERLAP / scale
  return length <= view * (1 + 1e-9) ? 1 : Math.ceil((length - overlap) / (view - overlap) - 1e-9)
}

/** The largest scale at which `columns` × `rows` pages of `area`, glued along their overlaps, show all of `bounds`. */
function gridScale(bounds: Box, area: Box, columns: number, rows: number): number {
  const across = (columns * area.w - (columns - 1) * TILE_OVERLAP) / bounds.w
  const down = (rows * area.h - (rows - 1) * TILE_OVERLAP) / bounds.h
  return Math.min(across, down, MAX_FIT_SCALE)
}

/**
 * The pages a layout needs on paper whose content area is `area`: 'fit' is
 * one page at the largest scale that shows the whole board; 'tile' is the
 * fewest pages across and down that keep card text at MIN_READABLE_PT or
 * more, with the map then enlarged until it fills them along one axis, so
 * that no row or column of tiles runs on past the board into white paper.
 */
export function mapTileGrid(bounds: Box, area: Box, layout: Exclude<MapLayout, 'auto'>): TileGrid {
  if (layout === 'fit') return { columns: 1, rows: 1, scale: gridScale(bounds, area, 1, 1) }
  const columns = pagesAlong(bounds.w, area.w, READABLE_SCALE)
  const rows = pagesAlong(bounds.h, area.h, READABLE_SCALE)
  return { columns, rows, scale: gridScale(bounds, area, columns, rows) }
}

/**
 * Splits the board's bounds into pages (see `mapTileGrid`): overlapping
 * tiles at one scale, the grid centred on the board, so the little white
 * space left over is shared by its two edges.
 */
export function planMapTiles(bounds: Box, area: Box, layout: Exclude<MapLayout, 'auto'> | TileGrid): MapTile[] {
  const { columns, rows, scale } = typeof layout === 'string' ? mapTileGrid(bounds, area, layout) : layout
  const viewW = area.w / scale
  const viewH = area.h / scale
  const overlap = TILE_OVERLAP / scale
  const stepX = viewW - overlap
  const stepY = viewH - overlap
  const left = bounds.x - (columns * stepX + overlap - bounds.w) / 2
  const top = bounds.y - (rows * stepY + overlap - bounds.h) / 2
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
