import type { CardScoreSummary } from '../../shared/rules/scoring.js'
import type { VotingText } from '../i18n/votingStrings.js'

/**
 * The impact/effort matrix as plain geometry, drawn by the panel (SVG) and by
 * the PDF alike: effort S, M, L left to right, impact 1–5 bottom to top, the
 * four quadrants named, each card a numbered dot at its mean scores with a
 * shaded ellipse one standard deviation wide each way (how far people
 * disagree), and a label beside every dot placed where it overlaps no other
 * label, dot or quadrant name. Pure: text widths come from `measure`.
 */

/** A rectangle, top-left corner and size, y pointing down. */
export interface MatrixBox {
  x: number
  y: number
  w: number
  h: number
}

/** An RGB colour, each channel 0–1 (the PDF's form; the panel writes it as CSS). */
export type MatrixRgb = readonly [number, number, number]

/** The four quadrants: high impact for low effort first. */
export type QuadrantKey = 'quickWins' | 'bigBets' | 'fillIns' | 'moneyPits'

/** The words the chart writes. */
export type MatrixWords = Record<QuadrantKey | 'impactAxis' | 'effortAxis', string>

/** A piece of text and where it goes; `anchor` is the side of the box `x` names. */
export interface MatrixText {
  text: string
  x: number
  /** The baseline. */
  y: number
  anchor: 'start' | 'middle' | 'end'
  box: MatrixBox
}

/** One card on the chart. */
export interface MatrixDot {
  cardId: string
  /** The dot's number, 1-based, also the legend's. */
  number: number
  /** Where the mean is; the dot may sit a little off it when another dot holds the same place. */
  mean: { x: number; y: number }
  cx: number
  cy: number
  r: number
  /** Half-axes of the spread ellipse around the mean, in chart units. */
  spread: { rx: number; ry: number }
  label: MatrixText
}

/** The whole chart in one coordinate space of `width` × `height`. */
export interface MatrixLayout {
  width: number
  height: number
  fontSize: number
  plot: MatrixBox
  quadrants: { key: QuadrantKey; box: MatrixBox; fill: MatrixRgb; label: MatrixText }[]
  /** The lines between the quadrants: effort M and impact 3. */
  dividers: { x: number; y: number }
  xTicks: MatrixText[]
  yTicks: MatrixText[]
  xAxis: MatrixText
  /** Turned a quarter to the left and centred on (x, y), unless `isYAxisTurned` is false. */
  yAxis: MatrixText
  dots: MatrixDot[]
}

/** What to lay out: the cards (label and summary) in legend order, the words, the size and a text measure. */
export interface MatrixInput {
  entries: readonly { cardId: string; label: string; summary: CardScoreSummary }[]
  words: MatrixWords
  width: number
  height: number
  measure: (text: string, size: number) => number
  fontSize?: number
  /** False writes the impact axis's name level above the plot, for a target that cannot turn text (the PDF). */
  isYAxisTurned?: boolean
}

const QUADRANT_FILLS: Record<QuadrantKey, MatrixRgb> = {
  quickWins: [0.9, 0.96, 0.91],
  bigBets: [0.91, 0.94, 0.98],
  fillIns: [0.96, 0.96, 0.97],
  moneyPits: [0.99, 0.92, 0.92],
}

const ELLIPSIS = '…'

/** Cuts text to fit a width, ending in an ellipsis when cut. */
export function fitLabel(text: string, maxWidth: number, size: number, measure: MatrixInput['measure']): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (measure(clean, size) <= maxWidth) return clean
  const chars = Array.from(clean)
  while (chars.length > 1 && measure(chars.join('').trimEnd() + ELLIPSIS, size) > maxWidth) chars.pop()
  return chars.join('').trimEnd() + ELLIPSIS
}

function overlap(a: MatrixBox, b: MatrixBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function isInside(inner: MatrixBox, outer: MatrixBox): boolean {
  return inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01
}

function textAt(text: string, x: number, y: number, anchor: MatrixText['anchor'], size: number, measure: MatrixInput['measure']): MatrixText {
  const w = measure(text, size)
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2
  return { text, x, y, anchor, box: { x: left, y: y - size * 0.8, w, h: size } }
}

const circleBox = (cx: number, cy: number, r: number): MatrixBox => ({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r })

/** Lays the chart out; see the file comment. */
export function layoutScoreMatrix(input: MatrixInput): MatrixLayout {
  const { width, height, measure, words } = input
  const size = input.fontSize ?? 11
  const line = size * 1.35
  const yTickWidth = measure('5', size) + 6
  const isTurned = input.isYAxisTurned ?? true
  const plot: MatrixBox = isTurned ? { x: line + 4 + yTickWidth, y: 4, w: 0, h: 0 } : { x: yTickWidth + 4, y: line + 4, w: 0, h: 0 }
  plot.w = width - plot.x - 4
  plot.h = height - plot.y - 2 * line - 6
  // A band at the top and the bottom holds the quadrant names, so no dot ever sits under one.
  const band = line + 2
  const data = { x: plot.x, y: plot.y + band, w: plot.w, h: plot.h - 2 * band }
  const xOf = (effort: number) => data.x + ((effort - 0.5) / 3) * data.w
  const yOf = (impact: number) => data.y + ((5.5 - impact) / 5) * data.h
  const dividers = { x: xOf(2), y: yOf(3) }
  const r = Math.max(5, Math.min(size * 0.85, data.w / 6 - 1, data.h / 10 - 1))

  const half = (key: QuadrantKey, box: MatrixBox, isTop: boolean, isLeft: boolean) => {
    const x = isLeft ? box.x + 4 : box.x + box.w - 4
    const y = isTop ? plot.y + line - 3 : plot.y + plot.h - 5
    const text = fitLabel(words[key], box.w - 8, size, measure)
    return { key, box, fill: QUADRANT_FILLS[key], label: textAt(text, x, y, isLeft ? 'start' : 'end', size, measure) }
  }
  const left = dividers.x - plot.x
  const top = dividers.y - plot.y
  const quadrants = [
    half('quickWins', { x: plot.x, y: plot.y, w: left, h: top }, true, true),
    half('bigBets', { x: dividers.x, y: plot.y, w: plot.w - left, h: top }, true, false),
    half('fillIns', { x: plot.x, y: dividers.y, w: left, h: plot.h - top }, false, true),
    half('moneyPits', { x: dividers.x, y: dividers.y, w: plot.w - left, h: plot.h - top }, false, false),
  ]

  const xTicks = (['S', 'M', 'L'] as const).map((text, i) => textAt(text, xOf(i + 1), plot.y + plot.h + line, 'middle', size, measure))
  const yTicks = [1, 2, 3, 4, 5].map((value) => textAt(String(value), plot.x - 4, yOf(value) + size * 0.35, 'end', size, measure))
  const xAxis = textAt(fitLabel(words.effortAxis, plot.w, size, measure), plot.x + plot.w / 2, height - 4, 'middle', size, measure)
  const yAxisText = fitLabel(words.impactAxis, isTurned ? plot.h : plot.w, size, measure)
  const yWidth = measure(yAxisText, size)
  const yAxis: MatrixText = isTurned
    ? { text: yAxisText, x: line / 2 + 1, y: plot.y + plot.h / 2, anchor: 'middle', box: { x: 1, y: plot.y + plot.h / 2 - yWidth / 2, w: line, h: yWidth } }
    : textAt(yAxisText, 1, line - 2, 'start', size, measure)

  const dots = placeDots(input.entries, { xOf, yOf, r, data, unit: { x: data.w / 3, y: data.h / 5 } })
  placeLabels(dots, input.entries, { plot, size, line, measure, obstacles: quadrants.map((quadrant) => quadrant.label.box) })
  return { width, height, fontSize: size, plot, quadrants, dividers, xTicks, yTicks, xAxis, yAxis, dots }
}

/** Dots at their means, each nudged round the first free place when another dot already holds it, and always inside the data area. */
function placeDots(
  entries: MatrixInput['entries'],
  geo: { xOf: (effort: number) => number; yOf: (impact: number) => number; r: number; data: MatrixBox; unit: { x: number; y: number } },
): MatrixDot[] {
  const { r, data } = geo
  const clampX = (x: number) => Math.min(data.x + data.w - r, Math.max(data.x + r, x))
  const clampY = (y: number) => Math.min(data.y + data.h - r, Math.max(data.y + r, y))
  const dots: MatrixDot[] = []
  entries.forEach((entry, index) => {
    const mean = { x: geo.xOf(entry.summary.effortMean), y: geo.yOf(entry.summary.impactMean) }
    const isFree = (x: number, y: number) => dots.every((dot) => Math.hypot(dot.cx - x, dot.cy - y) >= 2 * r + 1)
    let place = { x: clampX(mean.x), y: clampY(mean.y) }
    for (let step = 0; step < 48 && !isFree(place.x, place.y); step++) {
      const angle = (step % 8) * (Math.PI / 4)
      const distance = (2 * r + 2) * (1 + Math.floor(step / 8))
      place = { x: clampX(mean.x + distance * Math.cos(angle)), y: clampY(mean.y + distance * Math.sin(angle)) }
    }
    const spread = { rx: entry.summary.effortSpread * geo.unit.x, ry: entry.summary.impactSpread * geo.unit.y }
    dots.push({ cardId: entry.cardId, number: index + 1, mean, cx: place.x, cy: place.y, r, spread, label: { text: '', x: 0, y: 0, anchor: 'start', box: { x: 0, y: 0, w: 0, h: 0 } } })
  })
  return dots
}

/** Each dot's label beside it: right, then left, then further up or down; the first place that is inside the plot and clear of everything placed. */
function placeLabels(
  dots: MatrixDot[],
  entries: MatrixInput['entries'],
  geo: { plot: MatrixBox; size: number; line: number; measure: MatrixInput['measure']; obstacles: MatrixBox[] },
): void {
  const { plot, size, line, measure } = geo
  const taken: MatrixBox[] = [...geo.obstacles]
  const maxWidth = Math.max(size * 3, plot.w * 0.5)
  dots.forEach((dot, i) => {
    const others = dots.filter((other) => other !== dot).map((other) => circleBox(other.cx, other.cy, other.r))
    // Each side gets the label cut to the room it has up to the plot's edge, so a dot in the middle is labelled too.
    const right = { x: dot.cx + dot.r + 3, anchor: 'start' as const, room: plot.x + plot.w - (dot.cx + dot.r + 3) }
    const left = { x: dot.cx - dot.r - 3, anchor: 'end' as const, room: dot.cx - dot.r - 3 - plot.x }
    const sides = [right, left].map((side) => ({ ...side, text: fitLabel(entries[i].label, Math.min(maxWidth, Math.max(side.room, size * 3)), size, measure) }))
    const best = fitLabel(entries[i].label, maxWidth, size, measure)
    const candidates: MatrixText[] = []
    for (const shift of [0, -1, 1, -2, 2, -3, 3]) {
      const y = dot.cy + size * 0.35 + shift * line
      for (const side of sides) candidates.push(textAt(side.text, side.x, y, side.anchor, size, measure))
    }
    // Outside the plot never; a label cut shorter than it could be only when the other side is crowded.
    const cost = (candidate: MatrixText) =>
      (isInside(candidate.box, plot) ? 0 : 1e9) + (candidate.text === best ? 0 : 2000) + [...taken, ...others].reduce((sum, box) => sum + overlap(candidate.box, box), 0)
    const chosen = candidates.reduce((kept, candidate) => (cost(candidate) < cost(kept) ? candidate : kept))
    dot.label = chosen
    taken.push(chosen.box)
  })
}

/** The cards of a summary in reading order: highest impact first, then least effort, so quick wins lead the legend. */
export function matrixOrder(summary: Readonly<Record<string, CardScoreSummary>>): [string, CardScoreSummary][] {
  return Object.entries(summary).sort(([aId, a], [bId, b]) => b.impactMean - a.impactMean || a.effortMean - b.effortMean || (aId < bId ? -1 : 1))
}

/** A card's means and spreads in words, e.g. "impact 4.5 ± 0.5, effort S (1.0) ± 0.0". */
export function meanText(voting: VotingText, card: CardScoreSummary): string {
  const format = new Intl.NumberFormat(voting.language === 'fi' ? 'fi-FI' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  return voting.t('matrixMean', { impact: format.format(card.impactMean), impactSpread: format.format(card.impactSpread), effort: `${card.effortRounded} (${format.format(card.effortMean)})`, effortSpread: format.format(card.effortSpread) })
}
