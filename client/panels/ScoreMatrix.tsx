import { useEditor } from 'tldraw'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import type { Score } from '../../shared/rules/votingTypes.js'
import { EFFORTS, ELEVATOR, type Effort, type ElevatorShape } from '../../shared/schema/cards.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'
import { cardLabel } from './cardLabel.js'

const isImpact = (value: number): value is Score['impact'] => Number.isInteger(value) && value >= 1 && value <= 5
const isEffort = (value: string): value is Effort => (EFFORTS as readonly string[]).includes(value)

/** Each person's impact (1–5) and effort (S/M/L) for the cards of a score round; scoring again replaces the score. */
export function ScoreInputs({ view, cardIds }: { view: RoundView; cardIds: string[] }) {
  const t = useT()
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  if (!state.workshop.session || !canVote(state.workshop.session.role)) return null
  const own = new Map((view.scores?.own ?? []).map((score) => [score.cardId, score]))
  // The placeholder options ("Impact", "Effort") choose nothing: a score the server cannot read would close the connection.
  const send = (cardId: string, impact: number, effort: string) => {
    if (isImpact(impact) && isEffort(effort)) handle?.request({ type: 'score', roundId: view.round.id, cardId, impact, effort })
  }
  return (
    <ul className="vote-list">
      {cardIds.map((cardId) => {
        const mine = own.get(cardId)
        return (
          <li key={cardId}>
            <span>{cardLabel(editor.getShape(cardId as never))}</span>
            <span className="panel-row">
              <select aria-label={t('impact')} value={mine?.impact ?? ''} onChange={(event) => send(cardId, Number(event.target.value), mine?.effort ?? 'M')}>
                <option value="">{t('impact')}</option>
                {[1, 2, 3, 4, 5].map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
              <select aria-label={t('effort')} value={mine?.effort ?? ''} onChange={(event) => send(cardId, mine?.impact ?? 3, event.target.value)}>
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

/** The impact/effort matrix: each card at its mean scores, the circle's size showing how far people disagree. */
export function ScoreMatrix({ view }: { view: RoundView }) {
  const t = useT()
  const editor = useEditor()
  const { state } = useBoardContext()
  const summary = view.scores?.summary
  if (!summary) return null
  const entries = Object.entries(summary)
  const applyMeans = () => {
    const updates = entries
      .map(([cardId, card]) => ({ shape: editor.getShape(cardId as ElevatorShape['id']), card }))
      .filter(({ shape }) => shape?.type === ELEVATOR)
      .map(({ shape, card }) => ({ id: shape!.id, type: ELEVATOR, props: { impact: card.impactRounded, effort: card.effortRounded } }))
    editor.updateShapes<ElevatorShape>(updates)
  }
  return (
    <div>
      <h4>{t('matrix')}</h4>
      <div className="matrix" role="img" aria-label={t('matrix')} data-testid="matrix">
        {entries.map(([cardId, card]) => {
          const size = 24 + 16 * (card.impactSpread + card.effortSpread)
          return (
            <span
              key={cardId}
              className="matrix-dot"
              title={`${cardLabel(editor.getShape(cardId as never))}: ${t('impact')} ${card.impactMean.toFixed(1)} ± ${card.impactSpread.toFixed(1)}, ${t('effort')} ${card.effortMean.toFixed(1)} ± ${card.effortSpread.toFixed(1)}`}
              style={{ left: `${((card.effortMean - 1) / 2) * 90 + 5}%`, top: `${((5 - card.impactMean) / 4) * 90 + 5}%`, width: size, height: size }}
            >
              {card.count}
            </span>
          )
        })}
      </div>
      <p className="muted">
        ↑ {t('impact')} · → {t('effort')} · ○ {t('spread')}
      </p>
      {state.workshop.session?.role === 'facilitator' && (
        <button type="button" className="button" onClick={applyMeans}>
          {t('applyMeans')}
        </button>
      )}
    </div>
  )
}
