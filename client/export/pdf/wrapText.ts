import { isRtlParagraph } from './bidi.js'

/** Width of a string at the caller's font and size. */
export type MeasureLine = (text: string) => number

/** One wrapped line and the direction of the paragraph it belongs to. */
export interface WrappedLine {
  text: string
  isRtl: boolean
}

/** Lines that fit a box, and whether text was cut to fit (the last line then ends with an ellipsis). */
export interface FittedText {
  lines: WrappedLine[]
  isTruncated: boolean
}

/** The ellipsis that ends text cut to fit. */
export const ELLIPSIS = '…'

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null

/** User-perceived characters, so a break never splits an emoji sequence or a letter from its marks. */
export function graphemes(text: string): string[] {
  if (!segmenter) return Array.from(text)
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

/**
 * Card text as plain characters to draw: line ends unified, tabs as spaces,
 * control characters and bidi controls (which we do not implement) dropped.
 * Nothing is ever interpreted: `<script>` stays seven characters.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
}

/** The longest run of graphemes from `start` that fits `width`, by binary search; at least one, so text always advances. */
function fittingCount(parts: readonly string[], start: number, width: number, measure: MeasureLine): number {
  let low = 1
  let high = parts.length - start
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (measure(parts.slice(start, start + mid).join('')) <= width) low = mid
    else high = mid - 1
  }
  return low
}

/** Cuts a word wider than a line into pieces that fit, the last piece left open for the next word. */
function breakWord(word: string, width: number, measure: MeasureLine, maxPieces: number): string[] {
  const parts = graphemes(word)
  const pieces: string[] = []
  let start = 0
  while (start < parts.length && pieces.length < maxPieces) {
    const count = fittingCount(parts, start, width, measure)
    pieces.push(parts.slice(start, start + count).join(''))
    start += count
  }
  return pieces
}

/**
 * Greedy line filling. A line's width is taken as the sum of its words and
 * spaces: exact for our fonts, whose shaping never reaches across a space, and
 * it lets the measure remember each word instead of every growing line.
 */
function wrapParagraph(paragraph: string, width: number, measure: MeasureLine, maxLines: number): string[] {
  const lines: string[] = []
  const space = measure(' ')
  let current = ''
  let currentWidth = 0
  for (const word of paragraph.split(/[ ]+/).filter((part) => part !== '')) {
    const wordWidth = measure(word)
    const candidateWidth = current === '' ? wordWidth : currentWidth + space + wordWidth
    if (candidateWidth <= width) {
      current = current === '' ? word : `${current} ${word}`
      currentWidth = candidateWidth
      continue
    }
    if (current !== '') lines.push(current)
    if (lines.length >= maxLines) return lines
    const pieces = wordWidth <= width ? [word] : breakWord(word, width, measure, maxLines - lines.length + 1)
    lines.push(...pieces.slice(0, -1))
    current = pieces[pieces.length - 1] ?? ''
    currentWidth = measure(current)
    if (lines.length >= maxLines) return lines
  }
  lines.push(current)
  return lines
}

/** Wraps text (newlines start paragraphs) into lines at most `width` wide; stops after `maxLines`. */
export function wrapLines(text: string, width: number, measure: MeasureLine, maxLines = Infinity): WrappedLine[] {
  const lines: WrappedLine[] = []
  for (const paragraph of normalizeText(text).trimEnd().split('\n')) {
    if (lines.length >= maxLines) break
    const isRtl = isRtlParagraph(paragraph)
    for (const line of wrapParagraph(paragraph, width, measure, maxLines - lines.length)) lines.push({ text: line, isRtl })
  }
  return lines.slice(0, maxLines)
}

/** Wraps text by measured width: breaks at spaces, and inside words longer than a line; newlines start paragraphs. */
export function wrapText(text: string, width: number, measure: MeasureLine, maxLines = Infinity): string[] {
  return wrapLines(text, width, measure, maxLines).map((line) => line.text)
}

/** Shortens a line until it and an ellipsis fit `width`; just the ellipsis (or nothing) when even that is too wide. */
export function withEllipsis(line: string, width: number, measure: MeasureLine): string {
  const parts = graphemes(line.trimEnd())
  while (parts.length > 0 && measure(parts.join('') + ELLIPSIS) > width) parts.pop()
  const shortened = parts.join('').trimEnd() + ELLIPSIS
  return measure(shortened) <= width ? shortened : ''
}

/** Wraps text into at most `maxLines` lines of `width`; text that does not fit ends in an ellipsis. */
export function fitText(text: string, width: number, maxLines: number, measure: MeasureLine): FittedText {
  if (maxLines <= 0 || width <= 0) return { lines: [], isTruncated: normalizeText(text).trim() !== '' }
  const lines = wrapLines(text, width, measure, maxLines + 1)
  if (lines.length <= maxLines) return { lines, isTruncated: false }
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1]
  kept[maxLines - 1] = { ...last, text: withEllipsis(last.text, width, measure) }
  return { lines: kept, isTruncated: true }
}
