import type { Box, DrawnShape, Measure, PdfOp, Point, Rgb } from './pdfTypes.js'
import { textBlock } from './textBlock.js'

/** A map item's kind and box, as mapLayout keeps it. */
export interface DrawnItem {
  id: string
  bounds: Box
  ops: PdfOp[]
}

const HEAD = 0.9
const PLACEHOLDER_FILL: Rgb = [0.93, 0.94, 0.95]
const PLACEHOLDER_STROKE: Rgb = [0.6, 0.64, 0.69]
const TEXT_PADDING = 8

/** The drawing ops of one of tldraw's shapes: outlines, arrowheads, then its text wrapped into its text box. */
export function drawnShapeItem(shape: DrawnShape, measure: Measure, placeholderLabel: (kind: NonNullable<DrawnShape['placeholder']>) => string): DrawnItem {
  const ops: PdfOp[] = []
  if (shape.image) return { id: shape.id, bounds: shape.bounds, ops: [{ kind: 'image', box: shape.bounds, image: shape.image }] }
  if (shape.placeholder) {
    ops.push({ kind: 'rect', box: shape.bounds, fill: PLACEHOLDER_FILL, stroke: PLACEHOLDER_STROKE, lineWidth: 1, dash: [4, 3] })
  }
  for (const outline of shape.outlines) {
    if (outline.points.length < 2) continue
    const fill = outline.isClosed && shape.fill ? { fill: shape.fill } : {}
    ops.push({ kind: 'path', points: outline.points, color: shape.stroke ?? [0, 0, 0], lineWidth: shape.stroke ? shape.lineWidth : 0, isClosed: outline.isClosed, ...fill })
  }
  if (shape.stroke) for (const head of shape.arrowheads) ops.push(arrowhead(head.tip, head.from, shape.lineWidth, shape.stroke))
  const text = shape.placeholder ? [placeholderLabel(shape.placeholder), shape.text].filter(Boolean).join(': ') : shape.text
  if (text.trim() !== '') {
    // Text shapes and frame headings fill their box; labels keep clear of their shape's outline.
    const inset = shape.type === 'text' || shape.type === 'frame' ? 0 : Math.min(TEXT_PADDING, shape.textBox.w / 4, shape.textBox.h / 4)
    const box = { x: shape.textBox.x + inset, y: shape.textBox.y + inset, w: Math.max(1, shape.textBox.w - 2 * inset), h: Math.max(1, shape.textBox.h - 2 * inset) }
    const style = { size: shape.textSize, lineHeight: shape.textSize * 1.3, color: shape.textColor, align: shape.textAlign }
    const block = textBlock(text, box, style, measure)
    // Centred labels sit in the middle of the box, as tldraw draws them; text shapes start at the top.
    const shift = shape.textAlign === 'center' ? Math.max(0, (box.h - block.height) / 2) : 0
    for (const line of block.ops) ops.push({ ...line, baseline: line.baseline + shift, box: { ...line.box, y: line.box.y + shift } })
  }
  return { id: shape.id, bounds: grow(shape.bounds, shape.lineWidth * 2), ops }
}

/** A filled arrowhead at `tip`, pointing away from `from`, sized by the line width. */
function arrowhead(tip: Point, from: Point, lineWidth: number, color: Rgb): PdfOp {
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1
  const ux = (tip.x - from.x) / length
  const uy = (tip.y - from.y) / length
  const size = Math.max(8, lineWidth * 4)
  const base = { x: tip.x - ux * size, y: tip.y - uy * size }
  const half = size * HEAD * 0.5
  return {
    kind: 'path',
    points: [tip, { x: base.x - uy * half, y: base.y + ux * half }, { x: base.x + uy * half, y: base.y - ux * half }],
    color,
    lineWidth: 0,
    isClosed: true,
    fill: color,
  }
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, w: box.w + 2 * by, h: box.h + 2 * by }
}
