import { isRoundShowable } from '../../shared/rules/shownRound.js'
import { useBoardContext } from '../board/BoardContext.js'
import { roundNumber } from '../board/useCardVotes.js'
import { useVotingText } from '../i18n/useVotingText.js'
import { useSendRequest } from './requestLog.js'
import { useT } from '../ui/useSettings.js'

/**
 * Which round's results the board shows (cards, action plan, PDF, CSV):
 * everyone reads it here; the facilitator chooses another revealed or
 * closed round, or goes back to the latest one with ballots, and every
 * person's cards and plan follow at once (the server sends the choice).
 */
export function ShownRoundSection() {
  const t = useT()
  const voting = useVotingText()
  const { state } = useBoardContext()
  const send = useSendRequest()
  const { rounds, shownRoundId, isShownRoundChosen, session, clockOffsetMs } = state.workshop
  const now = Date.now() + clockOffsetMs
  const voteRounds = rounds.filter((view) => view.round.kind === 'vote')
  const label = (roundId: string) => {
    const index = voteRounds.findIndex((view) => view.round.id === roundId)
    return index < 0 ? '' : `${t('round')} ${index + 1} · ${t(`roundState.${voteRounds[index].round.state}`)}`
  }
  const showable = voteRounds.filter((view) => isRoundShowable(view.round, now))
  if (showable.length === 0) return null
  const choose = (value: string) => send({ type: 'show-round', roundId: value || null })
  return (
    <section aria-labelledby="shown-round-heading" data-testid="shown-round">
      <h3 id="shown-round-heading">{t('shownResults')}</h3>
      {session?.role === 'facilitator' ? (
        <select aria-labelledby="shown-round-heading" value={isShownRoundChosen ? (shownRoundId ?? '') : ''} onChange={(event) => choose(event.target.value)} data-testid="shown-round-select">
          <option value="">
            {t('shownRoundAuto')}
            {!isShownRoundChosen && shownRoundId ? `: ${label(shownRoundId)}` : ''}
          </option>
          {showable.map((view) => (
            <option key={view.round.id} value={view.round.id}>
              {label(view.round.id)}
            </option>
          ))}
        </select>
      ) : (
        <p data-testid="shown-round-label">{shownRoundId ? label(shownRoundId) : t('noResultsYet')}</p>
      )}
      <p className="muted shown-round-note" data-testid="shown-round-note">
        {shownRoundId ? voting.t('shownOnCards', { round: roundNumber(rounds, shownRoundId) }) : voting.t('noRoundShown')}
      </p>
    </section>
  )
}
