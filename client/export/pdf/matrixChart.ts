import type { MatrixLayout, MatrixText } from '../../panels/matrixLayout.js'
import type { Measure, PdfOp, Point, Rgb } from './pdfTypes.js'

/**
 * The impact/effort matrix as PDF drawing ops, from the same layout the
 * panel draws (client/panels/matrixLayout.ts), moved to `origin`: named
 * quadrants and axes, each card's spread as a shaded ellipse clipped to the
 * plot, and its numbered dot and label, which are never clipped.
 */

const INK: Rgb = [0.106, 0.141, 0.188]
const QUADRANT_INK: Rgb = [0.29, 0.33, 0.38]
const RULE: Rgb = [0.55, 0.6, 0.65]
const DOT: Rgb = [0.114, 0.435, 0.847]
const SPREAD_FILL: Rgb = [0.86, 0.91, 0.98]
const WHITE: Rgb = [1, 1, 1]
const ELLIPSE_STEPS = 36

function text(item: MatrixText, size: number, color: Rgb, origin: Point): PdfOp {
  const x = origin.x + item.box.x
  return { kind: 'text', text: item.text, x, baseline: origin.y + item.y, size, color, isRtl: false, box: { ...item.box, x, y: origin.y + item.box.y } }
}

function ellipse(center: Point, rx: number, ry: number): Point[] {
  return Array.from({ length: ELLIPSE_STEPS }, (_, i) => {
    const angle = (i / ELLIPSE_STEPS) * 2 * Math.PI
    return { x: center.x + rx * Math.cos(angle), y: center.y + ry * Math.sin(angle) }
  })
}

/** The chart's ops with its top-left corner at `origin`, in the page's top-down points. */
export function matrixChartOps(layout: MatrixLayout, origin: Point, measure: Measure): PdfOp[] {
  const at = (x: number, y: number): Point => ({ x: origin.x + x, y: origin.y + y })
  const { plot, fontSize: size } = layout
  const ops: PdfOp[] = []
  for (const quadrant of layout.quadrants) {
    ops.push({ kind: 'rect', box: { ...quadrant.box, ...at(quadrant.box.x, quadrant.box.y) }, fill: quadrant.fill })
    ops.push(text(quadrant.label, size, QUADRANT_INK, origin))
  }
  ops.push({ kind: 'rect', box: { ...plot, ...at(plot.x, plot.y) }, stroke: RULE, lineWidth: 0.75 })
  ops.push({ kind: 'line', from: at(layout.dividers.x, plot.y), to: at(layout.dividers.x, plot.y + plot.h), color: RULE, lineWidth: 0.75, dash: [3, 2] })
  ops.push({ kind: 'line', from: at(plot.x, layout.dividers.y), to: at(plot.x + plot.w, layout.dividers.y), color: RULE, lineWidth: 0.75, dash: [3, 2] })
  for (const tick of [...layout.xTicks, ...layout.yTicks, layout.xAxis, layout.yAxis]) ops.push(text(tick, size, INK, origin))
  const spreads: PdfOp[] = layout.dots
    .filter((dot) => dot.spread.rx > 0 || dot.spread.ry > 0)
    .map((dot) => ({ kind: 'path', points: ellipse(at(dot.mean.x, dot.mean.y), Math.max(dot.spread.rx, 0.5), Math.max(dot.spread.ry, 0.5)), isClosed: true, fill: SPREAD_FILL, color: DOT, lineWidth: 0.5 }))
  ops.push({ kind: 'group', ops: spreads, clip: { ...plot, ...at(plot.x, plot.y) } })
  for (const dot of layout.dots) {
    ops.push({ kind: 'circle', center: at(dot.cx, dot.cy), r: dot.r + 1, fill: WHITE })
    ops.push({ kind: 'circle', center: at(dot.cx, dot.cy), r: dot.r, fill: DOT })
    const number = String(dot.number)
    const width = measure(number, size)
    ops.push({ kind: 'text', text: number, x: origin.x + dot.cx - width / 2, baseline: origin.y + dot.cy + size * 0.35, size, color: WHITE, isRtl: false, box: { x: origin.x + dot.cx - width / 2, y: origin.y + dot.cy - size / 2, w: width, h: size } })
    ops.push(text(dot.label, size, INK, origin))
  }
  return ops
}
