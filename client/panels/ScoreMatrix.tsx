import { useId, useMemo } from 'react'
import { useEditor } from 'tldraw'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import type { Score } from '../../shared/rules/votingTypes.js'
import { EFFORTS, ELEVATOR, type Effort, type ElevatorShape } from '../../shared/schema/cards.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { useVotingText } from '../i18n/useVotingText.js'
import { useT } from '../ui/useSettings.js'
import { cardLabel } from './cardLabel.js'
import { layoutScoreMatrix, matrixOrder, meanText, type MatrixLayout, type MatrixRgb, type MatrixText } from './matrixLayout.js'
import { useSendRequest } from './requestLog.js'
import './voting.css'

const isImpact = (value: number): value is Score['impact'] => Number.isInteger(value) && value >= 1 && value <= 5
const isEffort = (value: string): value is Effort => (EFFORTS as readonly string[]).includes(value)

/** Each person's impact (1–5) and effort (S/M/L) for the cards of a score round; scoring again replaces the score. */
export function ScoreInputs({ view, cardIds }: { view: RoundView; cardIds: string[] }) {
  const t = useT()
  const editor = useEditor()
  const { state } = useBoardContext()
  const request = useSendRequest()
  if (!state.workshop.session || !canVote(state.workshop.session.role)) return null
  const own = new Map((view.scores?.own ?? []).map((score) => [score.cardId, score]))
  // The placeholder options ("Impact", "Effort") choose nothing: a score the server cannot read would close the connection.
  const send = (cardId: string, impact: number, effort: string) => {
    if (isImpact(impact) && isEffort(effort)) request({ type: 'score', roundId: view.round.id, cardId, impact, effort })
  }
  return (
    <ul className="vote-list" data-testid="score-inputs">
      {cardIds.map((cardId) => {
        const mine = own.get(cardId)
        const label = cardLabel(editor.getShape(cardId as never))
        return (
          <li key={cardId} data-testid="score-item" data-card-id={cardId}>
            <span>{label}</span>
            <span className="panel-row">
              <select aria-label={`${t('impact')}: ${label}`} data-testid="score-impact" value={mine?.impact ?? ''} onChange={(event) => send(cardId, Number(event.target.value), mine?.effort ?? 'M')}>
                <option value="">{t('impact')}</option>
                {[1, 2, 3, 4, 5].map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
              <select aria-label={`${t('effort')}: ${label}`} data-testid="score-effort" value={mine?.effort ?? ''} onChange={(event) => send(cardId, mine?.impact ?? 3, event.target.value)}>
                <option value="">{t('effort')}</option>
                {EFFORTS.map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/** Size of the chart's drawing space; the SVG scales it to the panel's width. */
const CHART = { width: 360, height: 300, fontSize: 11 }

const css = (rgb: MatrixRgb) => `rgb(${rgb.map((channel) => Math.round(channel * 255)).join(' ')})`

/** Measures text as the panel draws it, with a canvas of its own. */
function useMeasure(): (text: string, size: number) => number {
  return useMemo(() => {
    const context = document.createElement('canvas').getContext('2d')
    const family = getComputedStyle(document.body).fontFamily || 'sans-serif'
    return (text: string, size: number) => {
      if (!context) return text.length * size * 0.6
      context.font = `${size}px ${family}`
      return context.measureText(text).width
    }
  }, [])
}

/** The impact/effort matrix of a score round: named quadrants and axes, a numbered, labelled dot per card with its spread, and a legend. */
export function ScoreMatrix({ view }: { view: RoundView }) {
  const t = useT()
  const voting = useVotingText()
  const editor = useEditor()
  const { state } = useBoardContext()
  const measure = useMeasure()
  const summary = view.scores?.summary
  const entries = matrixOrder(summary ?? {}).map(([cardId, card]) => ({ cardId, label: cardLabel(editor.getShape(cardId as never)), summary: card }))
  // Placing a dozen crowded labels takes some milliseconds: do it again only when a card, a score or the language
  // changes (`key` holds everything the layout reads).
  const key = JSON.stringify([voting.language, entries])
  const layout = useMemo(() => {
    const words = { quickWins: voting.t('quickWins'), bigBets: voting.t('bigBets'), fillIns: voting.t('fillIns'), moneyPits: voting.t('moneyPits'), impactAxis: voting.t('impactAxis'), effortAxis: voting.t('effortAxis') }
    return layoutScoreMatrix({ entries, words, measure, ...CHART })
  }, [key, measure])
  if (!summary) return view.round.kind === 'score' ? <p className="muted">{voting.t('scoresHidden')}</p> : null
  if (entries.length === 0) return <p className="muted">{voting.t('noScoresYet')}</p>
  const applyMeans = () => {
    const updates = entries
      .map(({ cardId, summary: card }) => ({ shape: editor.getShape(cardId as ElevatorShape['id']), card }))
      .filter(({ shape }) => shape?.type === ELEVATOR)
      .map(({ shape, card }) => ({ id: shape!.id, type: ELEVATOR, props: { impact: card.impactRounded, effort: card.effortRounded } }))
    editor.updateShapes<ElevatorShape>(updates)
  }
  return (
    <figure className="matrix-figure">
      <h4>{t('matrix')}</h4>
      <MatrixChart layout={layout} title={t('matrix')} />
      <figcaption className="muted">{voting.t('matrixSummary', { n: entries.length })}</figcaption>
      <ol className="matrix-legend" data-testid="matrix-legend">
        {entries.map((entry) => (
          <li key={entry.cardId} data-card-id={entry.cardId}>
            {entry.label} <span className="muted">— {meanText(voting, entry.summary)} · {voting.count('scores', entry.summary.count)}</span>
          </li>
        ))}
      </ol>
      {state.workshop.session?.role === 'facilitator' && (
        <button type="button" className="button" onClick={applyMeans}>
          {t('applyMeans')}
        </button>
      )}
    </figure>
  )
}

function SvgText({ item, className, testId }: { item: MatrixText; className?: string; testId?: string }) {
  return (
    <text x={item.x} y={item.y} textAnchor={item.anchor} className={className} data-testid={testId}>
      {item.text}
    </text>
  )
}

/** The chart itself, an SVG of the layout; the spread ellipses are clipped to the plot, the dots and labels never are. */
function MatrixChart({ layout, title }: { layout: MatrixLayout; title: string }) {
  const clipId = useId()
  const { plot, fontSize } = layout
  return (
    <svg className="matrix-chart" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={title} data-testid="matrix" fontSize={fontSize}>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} />
        </clipPath>
      </defs>
      {layout.quadrants.map((quadrant) => (
        <g key={quadrant.key} data-testid="matrix-quadrant" data-quadrant={quadrant.key}>
          <rect x={quadrant.box.x} y={quadrant.box.y} width={quadrant.box.w} height={quadrant.box.h} fill={css(quadrant.fill)} />
          <text x={quadrant.label.x} y={quadrant.label.y} textAnchor={quadrant.label.anchor} fill="#4a5560" fontWeight={700}>
            {quadrant.label.text}
          </text>
        </g>
      ))}
      <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} fill="none" stroke="#8c99a6" />
      <line x1={layout.dividers.x} y1={plot.y} x2={layout.dividers.x} y2={plot.y + plot.h} stroke="#8c99a6" strokeDasharray="4 3" />
      <line x1={plot.x} y1={layout.dividers.y} x2={plot.x + plot.w} y2={layout.dividers.y} stroke="#8c99a6" strokeDasharray="4 3" />
      {[...layout.xTicks, ...layout.yTicks].map((tick, i) => (
        <SvgText key={i} item={tick} />
      ))}
      <SvgText item={layout.xAxis} testId="matrix-axis-effort" />
      <text x={layout.yAxis.x} y={layout.yAxis.y} textAnchor="middle" dominantBaseline="central" transform={`rotate(-90 ${layout.yAxis.x} ${layout.yAxis.y})`} data-testid="matrix-axis-impact">
        {layout.yAxis.text}
      </text>
      <g clipPath={`url(#${clipId})`}>
        {layout.dots.map((dot) => (
          <ellipse key={dot.cardId} cx={dot.mean.x} cy={dot.mean.y} rx={Math.max(dot.spread.rx, 0.5)} ry={Math.max(dot.spread.ry, 0.5)} fill="rgb(29 111 216 / 0.14)" stroke="rgb(29 111 216 / 0.55)" strokeDasharray="3 2" />
        ))}
      </g>
      {layout.dots.map((dot) => (
        <g key={dot.cardId} data-testid="matrix-dot" data-card-id={dot.cardId}>
          <circle cx={dot.cx} cy={dot.cy} r={dot.r} fill="#1d6fd8" stroke="#fff" strokeWidth={1.5} />
          <text x={dot.cx} y={dot.cy + fontSize * 0.35} textAnchor="middle" fill="#fff" fontWeight={700}>
            {dot.number}
          </text>
          <text x={dot.label.x} y={dot.label.y} textAnchor={dot.label.anchor} fill="#1b2430" stroke="#fff" strokeWidth={3} paintOrder="stroke" data-testid="matrix-label">
            {dot.label.text}
          </text>
        </g>
      ))}
    </svg>
  )
}
