// How the link from an elevator to its gap runs: pure geometry, so that it can be tested without a browser.

/** A rectangle on the page. */
export type Rect = { x: number; y: number; w: number; h: number }
/** A point on the page. */
export type Point = { x: number; y: number }

/** How far left of the cards an elbow link runs: half the padding of a cell, so it stays inside the cell. */
const GUTTER = 6

/** Where the line from a box's centre towards `target` leaves the box. */
export function edgePoint(box: Rect, target: Point): Point {
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  const dx = target.x - cx
  const dy = target.y - cy
  if (dx === 0 && dy === 0) return { x: cx, y: cy }
  const scale = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy))
  return { x: cx + dx * Math.min(1, scale), y: cy + dy * Math.min(1, scale) }
}

/** Whether the segment from `a` to `b` passes through the inside of a rectangle (clipping the segment to it, Liang–Barsky). */
export function crosses(a: Point, b: Point, rect: Rect): boolean {
  let t0 = 0
  let t1 = 1
  const dx = b.x - a.x
  const dy = b.y - a.y
  const edges: [number, number][] = [
    [-dx, a.x - rect.x],
    [dx, rect.x + rect.w - a.x],
    [-dy, a.y - rect.y],
    [dy, rect.y + rect.h - a.y],
  ]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false
      continue
    }
    const t = q / p
    if (p < 0) t0 = Math.max(t0, t)
    else t1 = Math.min(t1, t)
    if (t0 >= t1) return false
  }
  return true
}

/**
 * The link's points from an elevator to its gap: straight, edge to edge,
 * unless another card stands in the way (an elevator stacked under another);
 * then an elbow that leaves the elevator's left side, runs up the gutter left
 * of both cards and enters the gap from the left.
 */
export function linkPoints(from: Rect, to: Rect, others: readonly Rect[]): Point[] {
  const start = edgePoint(from, { x: to.x + to.w / 2, y: to.y + to.h / 2 })
  const end = edgePoint(to, { x: from.x + from.w / 2, y: from.y + from.h / 2 })
  if (!others.some((rect) => crosses(start, end, rect))) return [start, end]
  const gutter = Math.min(from.x, to.x) - GUTTER
  const startY = from.y + Math.min(from.h / 2, 24)
  const endY = to.y + Math.min(to.h / 2, 24)
  return [
    { x: from.x, y: startY },
    { x: gutter, y: startY },
    { x: gutter, y: endY },
    { x: to.x, y: endY },
  ]
}
