import { describe, expect, it } from 'vitest'
import { votingText } from '../../client/i18n/votingStrings.js'
import { layoutScoreMatrix, matrixOrder, type MatrixBox, type MatrixInput, type MatrixLayout } from '../../client/panels/matrixLayout.js'
import { matrixChartOps } from '../../client/export/pdf/matrixChart.js'
import type { CardScoreSummary } from '../../shared/rules/scoring.js'
import { seededRandom } from '../helpers/seededRandom.js'

/** Text widths as a plain sans-serif font sets them, near enough for layout. */
const measure = (text: string, size: number) => Array.from(text).length * size * 0.6

const EFFORT = { S: 1, M: 2, L: 3 } as const
function summary(impact: number, effort: number, spread = { impact: 0, effort: 0 }): CardScoreSummary {
  return { count: 2, impactMean: impact, impactSpread: spread.impact, effortMean: effort, effortSpread: spread.effort, impactRounded: Math.round(impact) as CardScoreSummary['impactRounded'], effortRounded: (['S', 'M', 'L'] as const)[Math.round(effort) - 1] }
}

const words = (language: 'en' | 'fi'): MatrixInput['words'] => {
  const { t } = votingText(language)
  return { quickWins: t('quickWins'), bigBets: t('bigBets'), fillIns: t('fillIns'), moneyPits: t('moneyPits'), impactAxis: t('impactAxis'), effortAxis: t('effortAxis') }
}

const inside = (inner: MatrixBox, outer: MatrixBox) => inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01
const overlaps = (a: MatrixBox, b: MatrixBox) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.01 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.01
const dotBox = (dot: MatrixLayout['dots'][number]): MatrixBox => ({ x: dot.cx - dot.r, y: dot.cy - dot.r, w: 2 * dot.r, h: 2 * dot.r })
/** How far a dot's centre lies from a label's box. */
const reach = (box: MatrixBox, dot: MatrixLayout['dots'][number]) =>
  Math.hypot(Math.max(box.x - dot.cx, 0, dot.cx - box.x - box.w), Math.max(box.y - dot.cy, 0, dot.cy - box.y - box.h))

/** Every label nearer to its own dot than to any other, so nobody reads it as a neighbour's; no two labels overlap. */
function expectOwnLabels(layout: MatrixLayout): void {
  for (const dot of layout.dots) {
    const own = reach(dot.label.box, dot)
    for (const other of layout.dots.filter((candidate) => candidate !== dot)) {
      expect(reach(dot.label.box, other), `label ${dot.number} "${dot.label.text}" nearer its own dot than dot ${other.number}`).toBeGreaterThan(own)
      expect(overlaps(dot.label.box, other.label.box), `labels ${dot.number} and ${other.number} apart`).toBe(false)
    }
  }
}

/** Every dot and label inside the plot, and no label over another label, a dot or a quadrant name. */
function expectReadable(layout: MatrixLayout): void {
  const names = layout.quadrants.map((quadrant) => quadrant.label.box)
  for (const dot of layout.dots) {
    expect(inside(dotBox(dot), layout.plot), `dot ${dot.number} inside the plot`).toBe(true)
    expect(inside(dot.label.box, layout.plot), `label ${dot.number} inside the plot`).toBe(true)
    for (const name of names) expect(overlaps(dot.label.box, name), `label ${dot.number} clear of the quadrant names`).toBe(false)
    for (const name of names) expect(overlaps(dotBox(dot), name), `dot ${dot.number} clear of the quadrant names`).toBe(false)
    for (const other of layout.dots.filter((candidate) => candidate !== dot)) {
      expect(overlaps(dot.label.box, other.label.box), `labels ${dot.number} and ${other.number} apart`).toBe(false)
      expect(overlaps(dot.label.box, dotBox(other)), `label ${dot.number} clear of dot ${other.number}`).toBe(false)
    }
  }
}

describe('layoutScoreMatrix', () => {
  const corners = [
    { cardId: 'shape:quick', label: 'Clearer service descriptions', summary: summary(5, EFFORT.S) },
    { cardId: 'shape:bet', label: 'New self-service portal', summary: summary(5, EFFORT.L) },
    { cardId: 'shape:fill', label: 'Tidy the FAQ', summary: summary(1, EFFORT.S) },
    { cardId: 'shape:pit', label: 'Rebuild the billing system', summary: summary(1, EFFORT.L) },
    { cardId: 'shape:middle', label: 'Simpler checkout', summary: summary(3, EFFORT.M) },
  ]

  it.each([
    ['the panel', 360, 300, 11, true],
    ['the PDF', 460, 345, 8.5, false],
    ['a narrow panel', 240, 220, 11, true],
  ] as const)('keeps the dots at the extremes (effort L, impact 1 and 5) and their labels whole in %s', (_where, width, height, fontSize, isYAxisTurned) => {
    const layout = layoutScoreMatrix({ entries: corners, words: words('en'), width, height, measure, fontSize, isYAxisTurned })
    expect(layout.dots).toHaveLength(5)
    expectReadable(layout)
    const effortL = layout.dots.find((dot) => dot.cardId === 'shape:pit')!
    expect(effortL.cx + effortL.r).toBeLessThanOrEqual(layout.plot.x + layout.plot.w)
    expect(effortL.cy + effortL.r).toBeLessThanOrEqual(layout.plot.y + layout.plot.h)
    // The whole chart stays in its drawing space: axes and ticks too.
    for (const text of [layout.xAxis, layout.yAxis, ...layout.xTicks, ...layout.yTicks]) expect(inside(text.box, { x: 0, y: 0, w: width, h: height }), text.text).toBe(true)
  })

  it('puts each quadrant where its name says: quick wins high impact for low effort, money pits low impact for high effort', () => {
    const layout = layoutScoreMatrix({ entries: corners, words: words('fi'), width: 360, height: 300, measure })
    const quadrant = (key: string) => layout.quadrants.find((candidate) => candidate.key === key)!
    expect(quadrant('quickWins').label.text).toBe('Pikavoitot')
    expect(quadrant('moneyPits').label.text).toBe('Rahareiät')
    const dot = (id: string) => layout.dots.find((candidate) => candidate.cardId === id)!
    expect(inside(dotBox(dot('shape:quick')), quadrant('quickWins').box)).toBe(true)
    expect(inside(dotBox(dot('shape:bet')), quadrant('bigBets').box)).toBe(true)
    expect(inside(dotBox(dot('shape:fill')), quadrant('fillIns').box)).toBe(true)
    expect(inside(dotBox(dot('shape:pit')), quadrant('moneyPits').box)).toBe(true)
    expect(layout.xTicks.map((tick) => tick.text)).toEqual(['S', 'M', 'L'])
    expect(layout.yTicks.map((tick) => tick.text)).toEqual(['1', '2', '3', '4', '5'])
  })

  it('draws the spread one standard deviation each way, on each axis\'s own scale', () => {
    const layout = layoutScoreMatrix({ entries: [{ cardId: 'a', label: 'A', summary: summary(3, 2, { impact: 1, effort: 0.5 }) }], words: words('en'), width: 360, height: 300, measure })
    const [dot] = layout.dots
    const impactUnit = layout.yTicks[0].y - layout.yTicks[1].y
    const effortUnit = layout.xTicks[1].x - layout.xTicks[0].x
    expect(dot.spread.ry).toBeCloseTo(impactUnit, 5)
    expect(dot.spread.rx).toBeCloseTo(effortUnit / 2, 5)
  })

  it('moves a dot off another at the same means, so both stay visible and labelled', () => {
    const twins = [
      { cardId: 'a', label: 'First', summary: summary(4, 1) },
      { cardId: 'b', label: 'Second', summary: summary(4, 1) },
      { cardId: 'c', label: 'Third', summary: summary(4, 1) },
    ]
    const layout = layoutScoreMatrix({ entries: twins, words: words('en'), width: 360, height: 300, measure })
    const [a, b, c] = layout.dots
    for (const [one, two] of [[a, b], [a, c], [b, c]]) expect(Math.hypot(one.cx - two.cx, one.cy - two.cy)).toBeGreaterThanOrEqual(2 * one.r)
    expectReadable(layout)
  })

  it('keeps a dozen cards with long names inside the plot, each labelled', () => {
    const random = seededRandom(11)
    const entries = Array.from({ length: 12 }, (_, i) => ({ cardId: `shape:${i}`, label: `Elevator number ${i} with a rather long action text`, summary: summary(1 + Math.round(random.next() * 8) / 2, 1 + Math.round(random.next() * 4) / 2) }))
    const layout = layoutScoreMatrix({ entries, words: words('en'), width: 360, height: 300, measure })
    for (const dot of layout.dots) {
      expect(inside(dotBox(dot), layout.plot)).toBe(true)
      expect(inside(dot.label.box, layout.plot)).toBe(true)
      expect(dot.label.text.length).toBeGreaterThan(2)
    }
  })

  it("labels the rehearsal's three cards each beside its own dot (label 1 once sat under label 2, between the dots)", () => {
    const rehearsal = [
      { cardId: 'descriptions', label: 'Selkeämmät palvelukuvaukset', summary: summary(4.5, 1, { impact: 0.5, effort: 0 }) },
      { cardId: 'chat', label: 'Chat palvelusivuille', summary: summary(4.5, 2.5, { impact: 0.5, effort: 0.5 }) },
      { cardId: 'checkout', label: 'Yksinkertaisempi kassa', summary: summary(2.5, 2.5, { impact: 0.5, effort: 0.5 }) },
    ]
    for (const [width, height, fontSize, isYAxisTurned] of [[360, 300, 11, true], [460, 345, 8.5, false]] as const) {
      const layout = layoutScoreMatrix({ entries: rehearsal, words: words('fi'), width, height, measure, fontSize, isYAxisTurned })
      expectReadable(layout)
      expectOwnLabels(layout)
      // Each label right beside its dot: on its row, or centred over or under it.
      for (const dot of layout.dots) expect(reach(dot.label.box, dot), `label ${dot.number} beside its dot`).toBeLessThanOrEqual(dot.r + 3.5)
    }
  })

  const dozen = (spot: () => { impact: number; effort: number }) =>
    Array.from({ length: 12 }, (_, i) => {
      const { impact, effort } = spot()
      return { cardId: `shape:${i}`, label: i % 3 === 0 ? `Elevator ${i}` : `Elevator number ${i} with a rather long action text`, summary: summary(impact, effort) }
    })
  const random = seededRandom(7)
  /** A mean as two or three people's scores give it: in steps of a half or a third. */
  const near = (impact: number, effort: number, reach: number) => () => {
    const steps = random.next() < 0.5 ? 2 : 3
    const jitter = () => Math.round((random.next() * 2 - 1) * reach * steps) / steps
    return { impact: Math.min(5, Math.max(1, impact + jitter())), effort: Math.min(3, Math.max(1, effort + jitter())) }
  }
  it.each([
    ['all on one mean in the middle', () => ({ impact: 3, effort: 2 })],
    ['all on one mean in the quick-wins corner', () => ({ impact: 5, effort: 1 })],
    ['all on one mean in the money-pits corner', () => ({ impact: 1, effort: 3 })],
    ['close together round a quick win', near(4.5, 1.5, 0.5)],
    ['close together in the middle', near(3, 2, 0.5)],
    ['close together at the top edge', near(5, 2, 0.34)],
    ['spread over the chart', near(3, 2, 2)],
  ])('keeps a dozen dots %s each with its own label, in the panel and in the PDF', (_case, spot) => {
    const entries = dozen(spot)
    // The sizes the panel (scaled to its width) and the PDF lay the chart out at.
    for (const [width, height, fontSize, isYAxisTurned] of [[360, 300, 11, true], [460, 345, 8.5, false]] as const) {
      const layout = layoutScoreMatrix({ entries, words: words('en'), width, height, measure, fontSize, isYAxisTurned })
      expect(layout.dots).toHaveLength(12)
      expectReadable(layout)
      expectOwnLabels(layout)
    }
  })

  it('orders the legend by impact, then by least effort', () => {
    const order = matrixOrder({ low: summary(2, 1), high: summary(5, 3), highCheap: summary(5, 1) }).map(([id]) => id)
    expect(order).toEqual(['highCheap', 'high', 'low'])
  })
})

describe('matrixChartOps (the PDF chart)', () => {
  it('draws every dot, names every quadrant, and keeps every text inside the chart', () => {
    const layout = layoutScoreMatrix({ entries: [{ cardId: 'a', label: 'Simpler checkout', summary: summary(5, 3, { impact: 0.5, effort: 0.5 }) }], words: words('fi'), width: 460, height: 345, measure, fontSize: 8.5, isYAxisTurned: false })
    const origin = { x: 40, y: 100 }
    const ops = matrixChartOps(layout, origin, measure)
    const texts = ops.flatMap((op) => (op.kind === 'text' ? [op] : []))
    expect(texts.map((op) => op.text)).toEqual(expect.arrayContaining(['Pikavoitot', 'Isot panostukset', 'Täytetyöt', 'Rahareiät', 'Vaikutus (1–5)', 'Työmäärä (S · M · L)', '1', 'Simpler checkout']))
    for (const op of texts) expect(inside(op.box, { x: origin.x, y: origin.y, w: 460, h: 345 }), op.text).toBe(true)
    expect(ops.filter((op) => op.kind === 'circle')).toHaveLength(2)
    const spread = ops.find((op) => op.kind === 'group')
    expect(spread && spread.kind === 'group' && spread.clip).toEqual({ ...layout.plot, x: layout.plot.x + origin.x, y: layout.plot.y + origin.y })
  })
})
