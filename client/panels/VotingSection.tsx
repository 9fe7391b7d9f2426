import { useEditor, useValue } from 'tldraw'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { cardsInScope } from '../../shared/rules/voting.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'
import { cardLabel } from './cardLabel.js'
import { RoundCountdown, useRoundTimeLeft } from './RoundCountdown.js'
import { RoundForm } from './RoundForm.js'
import { ScoreMatrix, ScoreInputs } from './ScoreMatrix.js'

/** Voting: the facilitator starts, reveals and closes rounds; everyone votes, sees progress, and the ranking once shown. */
export function VotingSection() {
  const t = useT()
  const { state } = useBoardContext()
  const { rounds, session, people } = state.workshop
  const current = rounds.filter((view) => view.round.state !== 'closed').at(-1)
  const closed = rounds.filter((view) => view.round.state === 'closed')
  const voters = people.filter((person) => canVote(person.role)).length
  return (
    <section aria-labelledby="voting-heading" data-testid="voting">
      <h3 id="voting-heading">{t('voting')}</h3>
      {session?.role === 'facilitator' && !current && <RoundForm />}
      {current && <CurrentRound view={current} voters={voters} />}
      {closed.length > 0 && (
        <details>
          <summary>
            {t('closedRounds')} ({closed.length})
          </summary>
          {closed.map((view) => (
            <Ranking key={view.round.id} view={view} />
          ))}
        </details>
      )}
    </section>
  )
}

function CurrentRound({ view, voters }: { view: RoundView; voters: number }) {
  const t = useT()
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const { round, results } = view
  const session = state.workshop.session
  const shapes = useValue('shapes', () => editor.getCurrentPageShapes(), [editor])
  const inScope = [...cardsInScope(round.scope, shapes)]
  const isFacilitator = session?.role === 'facilitator'
  const timeLeft = useRoundTimeLeft(round)
  return (
    <div className="current-round" data-testid="current-round" data-state={round.state}>
      <RoundCountdown timeLeft={timeLeft} />
      <p data-testid="voters-count">
        <strong>{results.votersCount}</strong> {t('of')} <strong>{voters}</strong> {t('votedCount')}
      </p>
      {round.kind === 'vote' && session && canVote(session.role) && (
        <p data-testid="votes-left">
          {t('votesLeft')}: <strong>{results.votesLeft}</strong>
        </p>
      )}
      {isFacilitator && (
        <div className="panel-row">
          {round.state === 'open' && (
            <button type="button" className="button primary" data-testid="reveal-round" onClick={() => handle?.request({ type: 'reveal-round', roundId: round.id })}>
              {t('reveal')}
            </button>
          )}
          <button type="button" className="button" data-testid="close-round" onClick={() => handle?.request({ type: 'close-round', roundId: round.id })}>
            {t('closeRound')}
          </button>
        </div>
      )}
      {round.kind === 'vote' ? <VoteList view={view} cardIds={inScope} isTimeUp={timeLeft === 0} /> : (
        <fieldset className="plain-fieldset" disabled={timeLeft === 0}>
          <ScoreInputs view={view} cardIds={inScope} />
        </fieldset>
      )}
      {results.tally === null && round.kind === 'vote' && <p className="muted">{t('hiddenResults')}</p>}
      {round.kind === 'vote' ? <Ranking view={view} /> : <ScoreMatrix view={view} />}
    </div>
  )
}

function VoteList({ view, cardIds, isTimeUp }: { view: RoundView; cardIds: string[]; isTimeUp: boolean }) {
  const t = useT()
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const { round, results } = view
  const canCast = state.workshop.session ? canVote(state.workshop.session.role) : false
  return (
    <ul className="vote-list">
      {cardIds.map((cardId) => {
        const own = results.ownVotes[cardId] ?? 0
        return (
          <li key={cardId} data-testid="vote-item" data-card-id={cardId}>
            <span>
              {cardLabel(editor.getShape(cardId as never))} <span className="vote-dots" aria-label={`${own}`}>{'●'.repeat(own)}</span>
              {results.tally && <span className="muted"> · {results.tally[cardId] ?? 0} {t('votes')}</span>}
            </span>
            {canCast && (
              <span className="panel-row">
                <button type="button" className="button" data-testid="vote" disabled={isTimeUp || results.votesLeft === 0} onClick={() => handle?.request({ type: 'vote', roundId: round.id, cardId })}>
                  {t('vote')}
                </button>
                <button type="button" className="button" data-testid="unvote" disabled={isTimeUp || own === 0} onClick={() => handle?.request({ type: 'unvote', roundId: round.id, cardId })}>
                  {t('unvote')}
                </button>
              </span>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** The round's ranking once the tally is visible. */
export function Ranking({ view }: { view: RoundView }) {
  const t = useT()
  const editor = useEditor()
  const ranking = view.results.ranking
  if (!ranking) return null
  return (
    <div>
      <h4>{t('ranking')}</h4>
      <ol className="ranking" data-testid="ranking">
        {ranking.map((entry) => (
          <li key={entry.cardId} data-card-id={entry.cardId}>
            {cardLabel(editor.getShape(entry.cardId as never))} — {entry.votes} {t('votes')}
          </li>
        ))}
      </ol>
    </div>
  )
}
