import type { CardScoreSummary } from '../../../shared/rules/scoring.js'
import type { RoundScope } from '../../../shared/rules/votingTypes.js'
import type { Language } from '../../i18n/strings.js'
import { cardLabel } from './actionPlanLayout.js'
import type { MapCard } from './cardLayout.js'
import { FLOW_STYLES, PageFlow } from './flowLayout.js'
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

function numberFormat(language: Language): (value: number) => string {
  const format = new Intl.NumberFormat(language === 'fi' ? 'fi-FI' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  return (value) => format.format(value)
}

function voteRound(flow: PageFlow, input: VoteRoundInput, index: number, ctx: ResultsContext, byId: ReadonlyMap<string, MapCard>): void {
  const { t } = ctx
  flow.heading(input.title ?? `${t('voteRound')} ${index + 1} — ${scopeLabel(input.round.scope, t)}`, FLOW_STYLES.heading)
  flow.paragraph(`${input.results.votersCount} ${t('peopleVoted')}`, FLOW_STYLES.muted)
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

function summaryEntries(summaries: ScoreRoundInput['summaries']): [string, CardScoreSummary][] {
  return summaries instanceof Map ? [...summaries] : Object.entries(summaries)
}

function scoreRound(flow: PageFlow, input: ScoreRoundInput, index: number, ctx: ResultsContext, byId: ReadonlyMap<string, MapCard>): void {
  const { t } = ctx
  const format = numberFormat(ctx.language)
  flow.heading(input.title ?? `${t('scoreRound')} ${index + 1} — ${scopeLabel(input.round.scope, t)}`, FLOW_STYLES.heading)
  const entries = summaryEntries(input.summaries)
  if (entries.length === 0) {
    flow.paragraph(t('noScores'), FLOW_STYLES.muted)
    flow.space(8)
    return
  }
  const rows = entries.map(([cardId, summary]) => [
    shorten(cardLabel(byId.get(cardId), t), LABEL_LIMIT),
    `${format(summary.impactMean)} ± ${format(summary.impactSpread)}`,
    `${format(summary.effortMean)} (${summary.effortRounded}) ± ${format(summary.effortSpread)}`,
    String(summary.count),
  ])
  flow.table(
    [
      { title: t('card'), share: 52 },
      { title: `${t('impact')} (1–5) ± ${t('spread')}`, share: 18 },
      { title: `${t('effort')} (S=1, M=2, L=3) ± ${t('spread')}`, share: 20 },
      { title: t('scoresCount'), share: 10 },
    ],
    rows,
  )
}

/** The results pages: each closed vote round's ranking, then each closed score round's means and spread; none when nothing closed. */
export function layoutResults(ctx: ResultsContext): LaidOutPage[] {
  const votes = ctx.rounds.filter((input) => input.round.state === 'closed' && input.round.kind === 'vote')
  const scores = ctx.scores.filter((input) => input.round.state === 'closed')
  if (votes.length === 0 && scores.length === 0) return []
  const flow = new PageFlow(ctx.page, ctx.area, ctx.measure, ctx.t('results'))
  flow.heading(ctx.t('results'), FLOW_STYLES.title, { maxLines: 1 })
  const byId = new Map(ctx.cards.map((card) => [card.id, card]))
  votes.forEach((input, i) => voteRound(flow, input, i, ctx, byId))
  scores.forEach((input, i) => scoreRound(flow, input, i, ctx, byId))
  return flow.finish()
}
