import { useEditor, useValue } from 'tldraw'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { cardsInScope } from '../../shared/rules/voting.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { currentRound, roundNumber } from '../board/useCardVotes.js'
import { useVotingText } from '../i18n/useVotingText.js'
import { fillIn } from '../i18n/fillIn.js'
import { useT } from '../ui/useSettings.js'
import { cardLabel } from './cardLabel.js'
import { RoundCountdown, useRoundTimeLeft } from './RoundCountdown.js'
import { RoundForm } from './RoundForm.js'
import { roundProgress } from './roundProgress.js'
import { useSendRequest } from './requestLog.js'
import { ScoreMatrix, ScoreInputs } from './ScoreMatrix.js'

/** Voting: the facilitator starts, reveals and closes rounds; everyone votes, sees how many have voted, and the ranking once shown. */
export function VotingSection() {
  const t = useT()
  const voting = useVotingText()
  const { state } = useBoardContext()
  const { rounds, session } = state.workshop
  const current = currentRound(state.workshop)
  const closed = rounds.filter((view) => view.round.state === 'closed')
  return (
    <section aria-labelledby="voting-heading" data-testid="voting">
      <h3 id="voting-heading" tabIndex={-1}>
        {t('voting')}
      </h3>
      {session?.role === 'facilitator' && !current && <RoundForm />}
      {current && <CurrentRound view={current} />}
      {closed.length > 0 && (
        <details>
          <summary>
            {t('closedRounds')} ({closed.length})
          </summary>
          {closed.map((view) => (
            <div key={view.round.id} data-testid="closed-round" data-round-id={view.round.id}>
              <h4>{voting.t(view.round.kind === 'vote' ? 'voteRoundLabel' : 'scoreRoundLabel', { round: roundNumber(rounds, view.round.id) })}</h4>
              {view.round.kind === 'vote' ? <Ranking view={view} /> : <ScoreMatrix view={view} />}
            </div>
          ))}
        </details>
      )}
    </section>
  )
}

/** "N of M have voted" (or scored) for a running round, the same words the round notice uses. */
export function useProgressText(view: RoundView): string {
  const { count } = useVotingText()
  const { done, of } = roundProgress(view, useBoardContext().state.workshop.people)
  return count(view.round.kind === 'score' ? 'scoredOf' : 'votedOf', done, of)
}

function CurrentRound({ view }: { view: RoundView }) {
  const t = useT()
  const voting = useVotingText()
  const editor = useEditor()
  const { state } = useBoardContext()
  const send = useSendRequest()
  const { round, results } = view
  const session = state.workshop.session
  const inScope = useValue('cards in scope', () => [...cardsInScope(round.scope, editor.getCurrentPageShapes())], [editor, round.scope])
  const isFacilitator = session?.role === 'facilitator'
  const timeLeft = useRoundTimeLeft(round)
  const progress = useProgressText(view)
  return (
    <div className="current-round" data-testid="current-round" data-state={round.state} data-kind={round.kind}>
      <RoundCountdown timeLeft={timeLeft} />
      <p data-testid="voters-count" className="round-progress">
        {progress}
      </p>
      {round.kind === 'vote' && session && canVote(session.role) && (
        <p data-testid="votes-left">
          {t('votesLeft')}: <strong>{results.votesLeft}</strong>
        </p>
      )}
      {isFacilitator && (
        <div className="panel-row">
          {round.state === 'open' && (
            <button type="button" className="button primary" data-testid="reveal-round" onClick={() => send({ type: 'reveal-round', roundId: round.id })}>
              {t('reveal')}
            </button>
          )}
          <button type="button" className="button" data-testid="close-round" onClick={() => send({ type: 'close-round', roundId: round.id })}>
            {t('closeRound')}
          </button>
        </div>
      )}
      {round.kind === 'vote' ? (
        <VoteList view={view} cardIds={inScope} isTimeUp={timeLeft === 0} />
      ) : (
        <fieldset className="plain-fieldset" disabled={timeLeft === 0}>
          <ScoreInputs view={view} cardIds={inScope} />
        </fieldset>
      )}
      {results.tally === null && round.kind === 'vote' && <p className="muted">{voting.t('resultsHidden')}</p>}
      {round.kind === 'vote' ? <Ranking view={view} /> : <ScoreMatrix view={view} />}
    </div>
  )
}

/**
 * The round's cards with this person's votes on each and Vote / Take back.
 * A card at the round's cap, or a spent budget, leaves "Vote" in place but
 * disabled, and so does "Take back" with nothing to take back: aria-disabled,
 * so a button keeps the keyboard's focus when it turns off under it, and says why.
 */
function VoteList({ view, cardIds, isTimeUp }: { view: RoundView; cardIds: string[]; isTimeUp: boolean }) {
  const t = useT()
  const voting = useVotingText()
  const editor = useEditor()
  const { state } = useBoardContext()
  const send = useSendRequest()
  const { round, results } = view
  const canCast = state.workshop.session ? canVote(state.workshop.session.role) : false
  const cap = round.maxVotesPerCard
  return (
    <ul className="vote-list">
      {cardIds.map((cardId) => {
        const own = results.ownVotes[cardId] ?? 0
        const isAtCap = own >= cap
        const isBlocked = isTimeUp || isAtCap || results.votesLeft === 0
        const label = cardLabel(editor.getShape(cardId as never))
        const why = isAtCap ? voting.t('cardAtCap', { votes: voting.count('votes', cap) }) : results.votesLeft === 0 ? voting.t('budgetSpent') : ''
        return (
          <li key={cardId} data-testid="vote-item" data-card-id={cardId}>
            <span>
              {label}{' '}
              <VoteDots own={own} />
              {results.tally && <span className="muted"> · {voting.count('votes', results.tally[cardId] ?? 0)}</span>}
              {canCast && why && <span className="vote-cap"> · {why}</span>}
            </span>
            {canCast && (
              <span className="panel-row">
                <button type="button" className="button" data-testid="vote" aria-label={fillIn(t('voteFor'), { card: label })} aria-disabled={isBlocked} onClick={() => !isBlocked && send({ type: 'vote', roundId: round.id, cardId })}>
                  {t('vote')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="unvote"
                  aria-label={fillIn(t('unvoteFrom'), { card: label })}
                  aria-disabled={isTimeUp || own === 0}
                  onClick={() => !isTimeUp && own > 0 && send({ type: 'unvote', roundId: round.id, cardId })}
                >
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

/** This person's votes on a card: dots to see, a sentence for a screen reader (which would read the dots as "black circle" each). */
function VoteDots({ own }: { own: number }) {
  const voting = useVotingText()
  return (
    <span className="vote-dots">
      <span aria-hidden="true">{'●'.repeat(own)}</span>
      <span className="visually-hidden">{voting.t('ownVotesOnCard', { n: own })}</span>
    </span>
  )
}

/** A round's ranking once its tally may be seen: never for a round hidden until reveal that is still open. */
export function Ranking({ view }: { view: RoundView }) {
  const t = useT()
  const voting = useVotingText()
  const editor = useEditor()
  const ranking = view.results.ranking
  if (!ranking) return null
  return (
    <div>
      <h4>{t('ranking')}</h4>
      <ol className="ranking" data-testid="ranking">
        {ranking.map((entry) => (
          <li key={entry.cardId} data-card-id={entry.cardId}>
            {cardLabel(editor.getShape(entry.cardId as never))} — {voting.count('votes', entry.votes)}
          </li>
        ))}
      </ol>
    </div>
  )
}
