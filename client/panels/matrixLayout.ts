import type { CardScoreSummary } from '../../shared/rules/scoring.js'
import { oneDecimalText } from '../i18n/plural.js'
import type { VotingText } from '../i18n/votingStrings.js'
import { fitLabel, placeDotsAndLabels, textAt } from './matrixPlacement.js'

export { fitLabel }

/**
 * The impact/effort matrix as plain geometry, drawn by the panel (SVG) and by
 * the PDF alike: effort S, M, L left to right, impact 1–5 bottom to top, the
 * four quadrants named, each card a numbered dot at its mean scores with a
 * shaded ellipse one standard deviation wide each way (how far people
 * disagree), and a label beside every dot, nearer to it than to any other
 * dot and over no other label, dot or quadrant name (matrixPlacement.ts).
 * Pure: text widths come from `measure`.
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

  const placed = placeDotsAndLabels({
    cards: input.entries.map((entry) => ({ label: entry.label, x: xOf(entry.summary.effortMean), y: yOf(entry.summary.impactMean) })),
    data,
    plot,
    obstacles: quadrants.map((quadrant) => quadrant.label.box),
    r,
    size,
    line,
    measure,
  })
  const unit = { x: data.w / 3, y: data.h / 5 }
  const dots = input.entries.map((entry, index): MatrixDot => {
    const mean = { x: xOf(entry.summary.effortMean), y: yOf(entry.summary.impactMean) }
    const spread = { rx: entry.summary.effortSpread * unit.x, ry: entry.summary.impactSpread * unit.y }
    return { cardId: entry.cardId, number: index + 1, mean, r, spread, ...placed[index] }
  })
  return { width, height, fontSize: size, plot, quadrants, dividers, xTicks, yTicks, xAxis, yAxis, dots }
}

/** The cards of a summary in reading order: highest impact first, then least effort, so quick wins lead the legend. */
export function matrixOrder(summary: Readonly<Record<string, CardScoreSummary>>): [string, CardScoreSummary][] {
  return Object.entries(summary).sort(([aId, a], [bId, b]) => b.impactMean - a.impactMean || a.effortMean - b.effortMean || (aId < bId ? -1 : 1))
}

/** A card's means and spreads in words, e.g. "impact 4.5 ± 0.5, effort S (1.0) ± 0.0". */
export function meanText(voting: VotingText, card: CardScoreSummary): string {
  const format = (value: number) => oneDecimalText(voting.language, value)
  return voting.t('matrixMean', { impact: format(card.impactMean), impactSpread: format(card.impactSpread), effort: `${card.effortRounded} (${format(card.effortMean)})`, effortSpread: format(card.effortSpread) })
}
