import { Rectangle2d, type VecLike } from 'tldraw'

/**
 * The journey grid's geometry: as large as the grid, so that bounds,
 * culling, zoom and snapping see all of it, but solid only at its handle (the
 * title corner). Everywhere else the grid is not "at" a point: a press in a
 * cell, even on a selected grid, reaches the canvas, so it brushes or pans,
 * and a stray drag cannot take the grid along. Brushes and the eraser touch
 * the grid only through its handle.
 */
export class GridGeometry extends Rectangle2d {
  private readonly handle: Rectangle2d

  constructor(size: { width: number; height: number }, handle: { width: number; height: number }) {
    super({ ...size, isFilled: true })
    this.handle = new Rectangle2d({ ...handle, isFilled: true })
  }

  override hitTestPoint(point: VecLike, margin = 0) {
    return this.handle.hitTestPoint(point, margin, true)
  }

  override distanceToPoint(point: VecLike, hitInside = false) {
    return this.handle.distanceToPoint(point, hitInside)
  }

  override nearestPoint(point: VecLike) {
    return this.handle.nearestPoint(point)
  }

  override hitTestLineSegment(A: VecLike, B: VecLike, distance = 0) {
    return this.handle.hitTestLineSegment(A, B, distance)
  }

  override distanceToLineSegment(A: VecLike, B: VecLike) {
    return this.handle.distanceToLineSegment(A, B)
  }
}
