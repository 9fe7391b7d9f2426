import type { CardScoreSummary } from '../../../shared/rules/scoring.js'
import type { RoundScope } from '../../../shared/rules/votingTypes.js'
import { countText, oneDecimalText } from '../../i18n/plural.js'
import type { Language } from '../../i18n/strings.js'
import { votingText } from '../../i18n/votingStrings.js'
import { layoutScoreMatrix, matrixOrder } from '../../panels/matrixLayout.js'
import { cardLabel } from './actionPlanLayout.js'
import type { MapCard } from './cardLayout.js'
import { FLOW_STYLES, PageFlow } from './flowLayout.js'
import { matrixChartOps } from './matrixChart.js'
import type { PdfText } from './pdfStrings.js'
import type { Box, LaidOutPage, Measure, ScoreRoundInput, VoteRoundInput } from './pdfTypes.js'
import { ELLIPSIS, graphemes } from './wrapText.js'

/** What the results pages need: the rounds, the board's cards (to name them), labels and page geometry. */
export interface ResultsContext {
  rounds: readonly VoteRoundInput[]
  scores: readonly ScoreRoundInput[]
  cards: readonly MapCard[]
  t: PdfText
  language: Language
  measure: Measure
  page: { width: number; height: number }
  area: Box
}

/** Longest card label in a results table: the table names cards, the action plan holds their full text. */
const LABEL_LIMIT = 240

function shorten(text: string, limit: number): string {
  const parts = graphemes(text.replace(/\s+/g, ' ').trim())
  return parts.length <= limit ? parts.join('') : parts.slice(0, limit - 1).join('').trimEnd() + ELLIPSIS
}

function scopeLabel(scope: RoundScope, t: PdfText): string {
  return t(`scope.${scope.kind}`)
}

function voteRound(flow: PageFlow, input: VoteRoundInput, index: number, ctx: ResultsContext, byId: ReadonlyMap<string, MapCard>): void {
  const { t } = ctx
  flow.heading(input.title ?? `${t('voteRound')} ${index + 1} — ${scopeLabel(input.round.scope, t)}`, FLOW_STYLES.heading)
  flow.paragraph(countText(ctx.language, 'peopleVoted', input.results.votersCount), FLOW_STYLES.muted)
  flow.space(4)
  const ranking = input.results.ranking ?? []
  if (ranking.length === 0) {
    flow.paragraph(t('noVotes'), FLOW_STYLES.muted)
    flow.space(8)
    return
  }
  const rows = ranking.map((entry) => [String(entry.rank), shorten(cardLabel(byId.get(entry.cardId), t), LABEL_LIMIT), String(entry.votes)])
  flow.table(
    [
      { title: t('rank'), share: 8 },
      { title: t('card'), share: 74 },
      { title: t('votesLabel'), share: 12 },
    ],
    rows,
  )
}

/** A score round's cards in the chart's reading order (highest impact, then least effort), numbered as its dots are. */
function summaryEntries(summaries: ScoreRoundInput['summaries']): [string, CardScoreSummary][] {
  return matrixOrder(summaries instanceof Map ? Object.fromEntries(summaries) : (summaries as Readonly<Record<string, CardScoreSummary>>))
}

/** A card's own words for a label beside its dot, without the kind the table's label leads with (the chart holds elevators). */
function cardText(card: MapCard | undefined, t: PdfText): string {
  if (!card) return t('deletedCard')
  const props = card.props as unknown as Record<string, unknown>
  const text = [props.action, props.target, props.today, props.title].find((value) => typeof value === 'string' && value.trim() !== '')
  return typeof text === 'string' ? text : cardLabel(card, t)
}

/** The chart's size on the page: as wide as fits up to a readable maximum, a little less tall. */
const CHART = { maxWidth: 460, fontSize: 8.5 }

/** The chart's width and height on these pages. */
function chartSize(ctx: ResultsContext): { width: number; height: number } {
  const width = Math.min(ctx.area.w, CHART.maxWidth)
  return { width, height: Math.min(ctx.area.h * 0.7, width * 0.75) }
}

/** The impact/effort matrix of a score round, the same chart the panel draws. */
function matrixFigure(flow: PageFlow, entries: readonly [string, CardScoreSummary][], ctx: ResultsContext, byId: ReadonlyMap<string, MapCard>): void {
  const voting = votingText(ctx.language)
  const { width, height } = chartSize(ctx)
  const words = { quickWins: voting.t('quickWins'), bigBets: voting.t('bigBets'), fillIns: voting.t('fillIns'), moneyPits: voting.t('moneyPits'), impactAxis: voting.t('impactAxis'), effortAxis: voting.t('effortAxis') }
  const layout = layoutScoreMatrix({
    entries: entries.map(([cardId, summary]) => ({ cardId, summary, label: cardText(byId.get(cardId), ctx.t) })),
    words,
    width,
    height,
    measure: ctx.measure,
    fontSize: CHART.fontSize,
    isYAxisTurned: false,
  })
  // How to read it first: a caption after the chart would fall onto the next page, away from the chart.
  flow.paragraph(voting.t('matrixSummary', { n: entries.length }), FLOW_STYLES.muted)
  flow.space(4)
  flow.figure(height, (origin) => matrixChartOps(layout, origin, ctx.measure))
  flow.space(6)
}

function scoreRound(flow: PageFlow, input: ScoreRoundInput, index: number, ctx: ResultsContext, byId: ReadonlyMap<string, MapCard>): void {
  const { t } = ctx
  const format = (value: number) => oneDecimalText(ctx.language, value)
  // The heading, the caption and the chart go on one page: a heading alone at a page's foot says nothing.
  const entries = summaryEntries(input.summaries)
  if (entries.length > 0) flow.keepTogether(chartSize(ctx).height + FLOW_STYLES.heading.lineHeight + 3 * FLOW_STYLES.muted.lineHeight + 12)
  flow.heading(input.title ?? `${t('scoreRound')} ${index + 1} — ${scopeLabel(input.round.scope, t)}`, FLOW_STYLES.heading)
  if (entries.length === 0) {
    flow.paragraph(t('noScores'), FLOW_STYLES.muted)
    flow.space(8)
    return
  }
  matrixFigure(flow, entries, ctx, byId)
  const rows = entries.map(([cardId, summary], i) => [
    String(i + 1),
    shorten(cardLabel(byId.get(cardId), t), LABEL_LIMIT),
    `${format(summary.impactMean)} ± ${format(summary.impactSpread)}`,
    `${format(summary.effortMean)} (${summary.effortRounded}) ± ${format(summary.effortSpread)}`,
    String(summary.count),
  ])
  flow.table(
    [
      { title: '#', share: 5 },
      { title: t('card'), share: 47 },
      { title: `${t('impact')} (1–5) ± ${t('spread')}`, share: 18 },
      { title: `${t('effort')} (S=1, M=2, L=3) ± ${t('spread')}`, share: 20 },
      { title: t('scoresCount'), share: 10 },
    ],
    rows,
  )
}

/**
 * The results pages: each settled vote round's ranking, then each settled
 * score round's matrix and its means and spread; none when nothing settled.
 * Settled is closed or revealed: a round still open may change, and one
 * hidden until reveal must not show.
 */
export function layoutResults(ctx: ResultsContext): LaidOutPage[] {
  const votes = ctx.rounds.filter((input) => input.round.state !== 'open' && input.round.kind === 'vote')
  const scores = ctx.scores.filter((input) => input.round.state !== 'open')
  if (votes.length === 0 && scores.length === 0) return []
  const flow = new PageFlow(ctx.page, ctx.area, ctx.measure, ctx.t('results'))
  flow.heading(ctx.t('results'), FLOW_STYLES.title, { maxLines: 1 })
  const byId = new Map(ctx.cards.map((card) => [card.id, card]))
  votes.forEach((input, i) => voteRound(flow, input, i, ctx, byId))
  scores.forEach((input, i) => scoreRound(flow, input, i, ctx, byId))
  return flow.finish()
}
