import { useState, type FormEvent } from 'react'
import { useEditor } from 'tldraw'
import { ROUND_LIMITS, type RoundSettings } from '../../shared/rules/voting.js'
import type { RoundKind, RoundScope } from '../../shared/rules/votingTypes.js'
import { GAP, type CardShape } from '../../shared/schema/cards.js'
import { isCard } from '../board/cardActions.js'
import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'

type ScopeKind = RoundScope['kind']
const SCOPES: ScopeKind[] = ['all-elevators', 'gap', 'stage', 'selection']

/** The scope a facilitator means, read from the current selection; null when the selection does not give one. */
export function scopeFromSelection(kind: ScopeKind, selected: readonly { id: string; type: string; props: unknown }[]): RoundScope | null {
  if (kind === 'all-elevators') return { kind }
  if (kind === 'gap') {
    const gap = selected.find((shape) => shape.type === GAP)
    return gap ? { kind, gapId: gap.id } : null
  }
  if (kind === 'stage') {
    const card = selected.find((shape) => (shape.props as { stageId?: string }).stageId) as CardShape | undefined
    return card ? { kind, journeyId: card.props.journeyId, stageId: card.props.stageId } : null
  }
  const cardIds = selected.map((shape) => shape.id)
  return cardIds.length > 0 ? { kind, cardIds } : null
}

/** A round's time limit in seconds from the form's minutes and seconds: null for none, else at least the server's minimum and at most its maximum. */
export function roundDurationSeconds(minutes: number, seconds: number): number | null {
  const total = Math.round(minutes * 60 + seconds)
  if (total <= 0) return null
  const { min, max } = ROUND_LIMITS.durationSeconds
  return Math.min(max, Math.max(min, total))
}

/** What the form may be told: a fixed kind (an agenda step's), what to do with the settings instead of starting at once, and a way back. */
export interface RoundFormProps {
  kind?: RoundKind
  onStart?: (settings: RoundSettings) => void
  onCancel?: () => void
}

/** The facilitator's form to start a voting round or an impact/effort scoring round, with an optional time limit in minutes and seconds. */
export function RoundForm({ kind: fixedKind, onStart, onCancel }: RoundFormProps = {}) {
  const t = useT()
  const editor = useEditor()
  const { handle } = useBoardContext()
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all-elevators')
  const [votesPerPerson, setVotes] = useState(3)
  const [maxVotesPerCard, setMax] = useState(2)
  const [isAnonymous, setAnonymous] = useState(true)
  const [isHiddenUntilReveal, setHidden] = useState(true)
  const [minutes, setMinutes] = useState(0)
  const [seconds, setSeconds] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const start = (kind: RoundKind) => (event?: FormEvent) => {
    event?.preventDefault()
    const scope = scopeFromSelection(scopeKind, editor.getSelectedShapes().filter(isCard))
    if (!scope) return setProblem(t(`scope.${scopeKind}`))
    setProblem(null)
    const settings: RoundSettings = { kind, scope, votesPerPerson, maxVotesPerCard: Math.min(maxVotesPerCard, votesPerPerson), isAnonymous, isHiddenUntilReveal, durationSeconds: roundDurationSeconds(minutes, seconds) }
    if (onStart) onStart(settings)
    else handle?.request({ type: 'start-round', settings })
  }
  const number = (value: number, set: (next: number) => void, min: number, max: number) => (
    <input type="number" min={min} max={max} value={value} style={{ width: '4em' }} onChange={(event) => set(Math.min(max, Math.max(min, Number(event.target.value) || min)))} />
  )
  return (
    <form className="round-form" onSubmit={start(fixedKind ?? 'vote')} data-testid="round-form" data-kind={fixedKind}>
      <label>
        {t('scope')}
        <select value={scopeKind} onChange={(event) => setScopeKind(event.target.value as ScopeKind)} data-testid="round-scope">
          {SCOPES.map((kind) => (
            <option key={kind} value={kind}>
              {t(`scope.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('votesPerPerson')} {number(votesPerPerson, setVotes, 1, 50)}
      </label>
      <label>
        {t('maxPerCard')} {number(maxVotesPerCard, setMax, 1, 50)}
      </label>
      <label>
        <input type="checkbox" checked={isAnonymous} onChange={(event) => setAnonymous(event.target.checked)} /> {t('anonymous')}
      </label>
      <label>
        <input type="checkbox" checked={isHiddenUntilReveal} onChange={(event) => setHidden(event.target.checked)} /> {t('hiddenUntilReveal')}
      </label>
      <label>
        {t('roundTimeLimit')} {number(minutes, setMinutes, 0, 120)} {t('minutesShort')}{' '}
        <input type="number" min={0} max={59} value={seconds} style={{ width: '4em' }} aria-label={t('secondsShort')} data-testid="round-seconds" onChange={(event) => setSeconds(Math.min(59, Math.max(0, Number(event.target.value) || 0)))} />{' '}
        {t('secondsShort')}
      </label>
      {problem && (
        <p className="notice" role="alert">
          {problem}?
        </p>
      )}
      <div className="panel-row">
        {fixedKind !== 'score' && (
          <button type="submit" className="button primary" data-testid="start-round">
            {t('startRound')}
          </button>
        )}
        {fixedKind !== 'vote' && (
          <button type={fixedKind === 'score' ? 'submit' : 'button'} className={`button${fixedKind === 'score' ? ' primary' : ''}`} data-testid="start-scoring" onClick={fixedKind === 'score' ? undefined : () => start('score')()}>
            {t('startScoring')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} data-testid="cancel-round">
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
