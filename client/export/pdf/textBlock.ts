import type { Box, Measure, Rgb, TextOp } from './pdfTypes.js'
import { fitText, type WrappedLine } from './wrapText.js'

/** How a block of text looks: font size, line height, colour, and alignment of left-to-right lines. */
export interface TextStyle {
  size: number
  lineHeight: number
  color: Rgb
  align?: 'left' | 'center'
}

/** DejaVu Sans's ascender and descender as a share of the font size (Noto Emoji's are the same to 1%). */
const ASCENT = 0.93
const DESCENT = 0.24

/** Text ops laid into a box, and how tall they are. */
export interface TextBlock {
  ops: TextOp[]
  height: number
  isTruncated: boolean
}

/** A line's op: left-to-right lines start at the left (or centre), right-to-left lines end at the right edge. */
export function lineOp(line: WrappedLine, box: Box, top: number, style: TextStyle, measure: Measure): TextOp {
  const width = measure(line.text, style.size)
  const x = line.isRtl ? box.x + box.w - width : style.align === 'center' ? box.x + (box.w - width) / 2 : box.x
  const baseline = top + (style.lineHeight - (ASCENT + DESCENT) * style.size) / 2 + ASCENT * style.size
  return { kind: 'text', text: line.text, x, baseline, size: style.size, color: style.color, isRtl: line.isRtl, box: { x, y: top, w: width, h: style.lineHeight } }
}

/** Wraps text into a box by measured width, keeps the lines that fit its height, and ends cut text with an ellipsis. */
export function textBlock(text: string, box: Box, style: TextStyle, measure: Measure, maxLines = Infinity): TextBlock {
  const lines = Math.min(maxLines, Math.floor((box.h + 0.001) / style.lineHeight))
  const fitted = fitText(text, box.w, lines, (line) => measure(line, style.size))
  const ops = fitted.lines.map((line, i) => lineOp(line, box, box.y + i * style.lineHeight, style, measure))
  return { ops, height: ops.length * style.lineHeight, isTruncated: fitted.isTruncated }
}

/** How many lines text needs at a width, counting up to `limit` only (wrapping stops there). */
export function linesNeeded(text: string, width: number, style: TextStyle, measure: Measure, limit: number): number {
  if (text.trim() === '') return 0
  return fitText(text, width, limit, (line) => measure(line, style.size)).lines.length
}
