import type { MatrixBox, MatrixText } from './matrixLayout.js'

/**
 * Where the matrix's dots and their labels go. Each dot sits at its card's
 * means unless another dot or a label already holds that place; then it moves
 * to the nearest free place, first up or down (a column of dots keeps a row
 * for each label). Each label goes beside its own dot (on its row, else a
 * little above or below, else over or under it) where it overlaps no label,
 * dot or quadrant name and lies nearer to its own dot than to any other, by
 * a clear margin, so a reader never pairs it with a neighbour. Among the
 * places that qualify, the cost prefers the dot on its mean, the whole label,
 * the label on the dot's row, and the side away from the dots still to come.
 */

type Measure = (text: string, size: number) => number

const ELLIPSIS = '…'
/** Space between a dot and its label. */
const GAP = 3
/** Points per step a dot is moved off its mean, per unit of label cut, per place further from the dot's row. */
const COST = { step: 10, cut: 16, neighbour: 4 }
/** Penalties that rank a broken rule above any preference: outside the plot, an overlap, a label nearer another dot. */
const BROKEN = { outside: 1e7, overlap: 1e5, ambiguous: 1e3 }

/** Cuts text to fit a width, ending in an ellipsis when cut. */
export function fitLabel(text: string, maxWidth: number, size: number, measure: Measure): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (measure(clean, size) <= maxWidth) return clean
  const chars = Array.from(clean)
  while (chars.length > 1 && measure(chars.join('').trimEnd() + ELLIPSIS, size) > maxWidth) chars.pop()
  return chars.join('').trimEnd() + ELLIPSIS
}

/** A text at (x, baseline y) with its box, `anchor` naming which side of the box x is. */
export function textAt(text: string, x: number, y: number, anchor: MatrixText['anchor'], size: number, measure: Measure): MatrixText {
  const w = measure(text, size)
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2
  return { text, x, y, anchor, box: { x: left, y: y - size * 0.8, w, h: size } }
}

/** How far a point lies from a box (0 inside it). */
export function boxDistance(box: MatrixBox, x: number, y: number): number {
  const dx = Math.max(box.x - x, 0, x - (box.x + box.w))
  const dy = Math.max(box.y - y, 0, y - (box.y + box.h))
  return Math.hypot(dx, dy)
}

function overlapArea(a: MatrixBox, b: MatrixBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/** The square a dot fills, a hair larger: what no label may touch. */
const dotBox = (cx: number, cy: number, r: number): MatrixBox => ({ x: cx - r - 0.5, y: cy - r - 0.5, w: 2 * r + 1, h: 2 * r + 1 })

function isInside(inner: MatrixBox, outer: MatrixBox): boolean {
  return inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01
}

/** What placing needs to know of the chart. */
export interface PlacementInput {
  /** Each card's label and where its means fall, in legend order. */
  cards: readonly { label: string; x: number; y: number }[]
  /** Where dots may go. */
  data: MatrixBox
  /** Where labels may go. */
  plot: MatrixBox
  /** Boxes no label may cover: the quadrant names. */
  obstacles: readonly MatrixBox[]
  r: number
  size: number
  line: number
  measure: Measure
}

/** A dot's place and its label. */
export interface Placed {
  cx: number
  cy: number
  label: MatrixText
}

interface Candidate {
  text: string
  /** Its width, measured once: a dot tries its label in hundreds of places. */
  w: number
  /** How much of the label is cut, 0–1. */
  cut: number
}

/** The label whole (up to half the plot wide) and shorter cuts of it, for crowded places. */
function labelTexts(label: string, input: PlacementInput): Candidate[] {
  const { size, measure, plot } = input
  const whole = Array.from(label.replace(/\s+/g, ' ').trim()).length || 1
  const widest = Math.max(size * 3, plot.w * 0.5)
  const texts = new Map<string, Candidate>()
  for (const share of [1, 0.8, 0.65, 0.5, 0.35, 0]) {
    const text = fitLabel(label, Math.max(size * 3, widest * share), size, measure)
    const kept = Array.from(text.replace(ELLIPSIS, '')).length
    if (!texts.has(text)) texts.set(text, { text, w: measure(text, size), cut: 1 - kept / whole })
  }
  return [...texts.values()]
}

/** Every place a label may take around a dot, with how much less it is liked than the dot's own row. */
function labelPlaces(cx: number, cy: number, { text, w }: Candidate, input: PlacementInput): { label: MatrixText; cost: number }[] {
  const { r, size, line } = input
  const at = (x: number, y: number, anchor: MatrixText['anchor']) => textAt(text, x, y, anchor, size, () => w)
  const places: { label: MatrixText; cost: number }[] = []
  for (const shift of [0, -1, 1, -2, 2]) {
    const y = cy + size * 0.35 + (shift * line) / 2
    places.push({ label: at(cx + r + GAP, y, 'start'), cost: Math.abs(shift) * 3 }, { label: at(cx - r - GAP, y, 'end'), cost: Math.abs(shift) * 3 })
  }
  const above = cy - r - GAP - size * 0.2
  const below = cy + r + GAP + size * 0.8
  for (const y of [above, below]) {
    places.push({ label: at(cx, y, 'middle'), cost: 5 }, { label: at(cx - r, y, 'start'), cost: 6 }, { label: at(cx + r, y, 'end'), cost: 6 })
  }
  return places
}

/** Offsets from a mean, nearest first, going up or down before sideways. */
function dotOffsets(input: PlacementInput): { dx: number; dy: number; cost: number }[] {
  const step = 2 * input.r + 2
  const rows = Math.ceil(input.data.h / step)
  const columns = Math.ceil(input.data.w / step)
  const offsets: { dx: number; dy: number; cost: number }[] = []
  for (let i = -columns; i <= columns; i++) {
    for (let j = -rows; j <= rows; j++) offsets.push({ dx: i * step, dy: j * step, cost: Math.hypot(i * 1.05, j) * COST.step })
  }
  return offsets.sort((a, b) => a.cost - b.cost || b.dy - a.dy)
}

/** How badly a label breaks the rules where it is, for the dot at (cx, cy) among the placed ones. */
function labelBreaks(label: MatrixBox, cx: number, cy: number, placed: readonly Placed[], input: PlacementInput): number {
  const { r, plot, obstacles } = input
  let broken = isInside(label, plot) ? 0 : BROKEN.outside
  for (const other of [...obstacles, ...placed.map((dot) => dot.label.box)]) {
    const area = overlapArea(label, other)
    if (area > 0) broken += BROKEN.overlap + area
  }
  if (overlapArea(label, dotBox(cx, cy, r)) > 0) broken += BROKEN.overlap
  const own = boxDistance(label, cx, cy)
  const margin = r / 2
  for (const dot of placed) {
    const distance = boxDistance(label, dot.cx, dot.cy)
    if (overlapArea(label, dotBox(dot.cx, dot.cy, r)) > 0) broken += BROKEN.overlap
    else if (distance < own + margin) broken += BROKEN.ambiguous * (1 + own + margin - distance)
  }
  return broken
}

/** How badly a dot at (cx, cy) breaks the placed labels: covering one, or sitting nearer to it than its own dot. */
function dotBreaks(cx: number, cy: number, placed: readonly Placed[], input: PlacementInput): number {
  const { r } = input
  let broken = 0
  for (const dot of placed) {
    if (Math.hypot(dot.cx - cx, dot.cy - cy) < 2 * r + 1) broken += BROKEN.overlap
    const distance = boxDistance(dot.label.box, cx, cy)
    const own = boxDistance(dot.label.box, dot.cx, dot.cy)
    if (overlapArea(dot.label.box, dotBox(cx, cy, r)) > 0) broken += BROKEN.overlap
    else if (distance < own + r / 2) broken += BROKEN.ambiguous * (1 + own + r / 2 - distance)
  }
  return broken
}

/** A small cost for a label close to a dot not its own, placed or still to come: it leans away from its neighbours. */
function crowding(label: MatrixBox, cx: number, cy: number, others: readonly { x: number; y: number }[], step: number): number {
  const own = boxDistance(label, cx, cy)
  let cost = 0
  for (const other of others) {
    const room = boxDistance(label, other.x, other.y) - own
    cost += COST.neighbour * Math.min(1.5, Math.max(0, 1 - room / step))
  }
  return cost
}

/** Places every dot and its label, one card at a time in legend order; see the file comment. */
export function placeDotsAndLabels(input: PlacementInput): Placed[] {
  const { data, r } = input
  const step = 2 * r + 2
  const offsets = dotOffsets(input)
  const placed: Placed[] = []
  input.cards.forEach((card, index) => {
    const texts = labelTexts(card.label, input)
    const later = input.cards.slice(index + 1)
    let best: (Placed & { cost: number }) | null = null
    for (const offset of offsets) {
      if (best && offset.cost >= best.cost) break
      const cx = card.x + offset.dx
      const cy = card.y + offset.dy
      if (cx < data.x + r || cx > data.x + data.w - r || cy < data.y + r || cy > data.y + data.h - r) continue
      const dotCost = offset.cost + dotBreaks(cx, cy, placed, input)
      if (best && dotCost >= best.cost) continue
      const neighbours = [...placed.map((dot) => ({ x: dot.cx, y: dot.cy })), ...later]
      for (const text of texts) {
        for (const place of labelPlaces(cx, cy, text, input)) {
          const base = dotCost + place.cost + text.cut * COST.cut
          if (best && base >= best.cost) continue
          const cost = base + labelBreaks(place.label.box, cx, cy, placed, input) + crowding(place.label.box, cx, cy, neighbours, step)
          if (!best || cost < best.cost) best = { cx, cy, label: place.label, cost }
        }
      }
    }
    // The mean itself is always inside the data area, so some place was scored.
    placed.push({ cx: best!.cx, cy: best!.cy, label: best!.label })
  })
  return placed
}
