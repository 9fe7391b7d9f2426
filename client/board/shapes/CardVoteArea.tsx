import { useContext, useId } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { RoundView } from '../../../shared/protocol/workshopMessages.js'
import { canVote } from '../../../shared/rules/roles.js'
import { cardsInScope } from '../../../shared/rules/voting.js'
import type { CardShape } from '../../../shared/schema/cards.js'
import { fillIn } from '../../i18n/fillIn.js'
import { useVotingText } from '../../i18n/useVotingText.js'
import { cardLabel } from '../../panels/cardLabel.js'
import { useRoundTimeLeft } from '../../panels/RoundCountdown.js'
import { useSendRequest } from '../../panels/requestLog.js'
import { useT } from '../../ui/useSettings.js'
import { BoardContext } from '../BoardContext.js'
import { currentRound, useShownRound } from '../useCardVotes.js'
import '../../panels/voting.css'

/** Most slots drawn one by one on a card; a larger cap reads as "2/10". */
const MAX_SLOTS = 5
/** Most dots a badge draws before its number: more would not fit the card's width beside the round's tag. */
const MAX_BADGE_DOTS = 5

/**
 * What a card shows of voting, outside its text flow so the card's measured
 * height never changes: the votes of the round the board shows (a badge on
 * the top edge, above the card's kind), and during a vote round that covers
 * the card, this person's vote control along the bottom (not while they edit
 * the card: its fields need that room then).
 */
export function CardVoteArea({ shape, isEditing = false }: { shape: CardShape; isEditing?: boolean }) {
  const context = useContext(BoardContext)
  const current = context && currentRound(context.state.workshop)
  const role = context?.state.workshop.session?.role
  const isVoting = current?.round.kind === 'vote' && role !== undefined && canVote(role) && cardsInScope(current.round.scope, [shape]).has(shape.id)
  return (
    <>
      <VoteBadge cardId={shape.id} current={current ?? null} />
      {isVoting && !isEditing && current && <CardVoteControl shape={shape} view={current} />}
    </>
  )
}

/** The shown round's votes on this card; tagged with its round while another round runs, so old dots never pass for live ones. */
function VoteBadge({ cardId, current }: { cardId: string; current: RoundView | null }) {
  const { t, count } = useVotingText()
  const shown = useShownRound()
  const votes = shown?.view.results.tally?.[cardId] ?? 0
  if (!shown || votes === 0) return null
  const isEarlier = current !== null && current.round.id !== shown.view.round.id
  const label = t('cardVotesInRound', { votes: count('votes', votes), round: shown.number })
  return (
    <span className={`card-votes${isEarlier ? ' is-earlier' : ''}`} data-testid="card-votes" data-round={shown.number} data-votes={votes} title={label} aria-label={label} role="img">
      <span aria-hidden="true">
        {'●'.repeat(Math.min(votes, MAX_BADGE_DOTS))} {votes}
        {isEarlier && ` · ${t('roundLabel', { round: shown.number })}`}
      </span>
    </span>
  )
}

/** The reason a card takes no more of this person's votes, or null when it does. */
function blockedReason(view: RoundView, own: number, isTimeUp: boolean): 'timeUp' | 'cap' | 'budget' | null {
  if (isTimeUp) return 'timeUp'
  if (own >= view.round.maxVotesPerCard) return 'cap'
  if (view.results.votesLeft === 0) return 'budget'
  return null
}

/**
 * "+ Vote" and "−" on the card itself, with this person's votes on it drawn
 * as filled slots up to the round's cap and the votes they have left. A card
 * at its cap or a spent budget leaves the button in place but disabled
 * (aria-disabled, so it keeps focus and says why).
 */
function CardVoteControl({ shape, view }: { shape: CardShape; view: RoundView }) {
  const t = useT()
  const voting = useVotingText()
  const request = useSendRequest()
  const hintId = useId()
  const timeLeft = useRoundTimeLeft(view.round)
  const { round, results } = view
  const own = results.ownVotes[shape.id] ?? 0
  const reason = blockedReason(view, own, timeLeft === 0)
  const left = results.votesLeft === 0 ? voting.t('budgetSpent') : voting.count('votesLeft', results.votesLeft)
  const why = reason === 'cap' ? voting.t('cardAtCap', { votes: voting.count('votes', round.maxVotesPerCard) }) : reason === 'timeUp' ? t('roundTimeUp') : null
  const send = (type: 'vote' | 'unvote') => request({ type, roundId: round.id, cardId: shape.id })
  // Enter and Space belong to the button, not to the canvas's shortcuts (edit the card, the hand tool).
  const keepKeys = (event: React.KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && event.stopPropagation()
  const cap = round.maxVotesPerCard
  const slots = cap <= MAX_SLOTS ? '●'.repeat(own) + '○'.repeat(Math.max(0, cap - own)) : `${own}/${cap}`
  const name = cardLabel(shape)
  return (
    <div className={`card-vote${reason ? ' is-blocked' : ''}`} data-testid="card-vote" data-card-id={shape.id} data-blocked={reason ?? ''} onPointerDown={stopEventPropagation} onPointerUp={stopEventPropagation} onDoubleClick={stopEventPropagation}>
      <button
        type="button"
        className="card-vote-add"
        data-testid="card-vote-add"
        aria-disabled={reason !== null}
        aria-label={fillIn(t('voteFor'), { card: name })}
        aria-describedby={hintId}
        onKeyDown={keepKeys}
        onClick={() => reason === null && send('vote')}
      >
        + {t('vote')}
      </button>
      <span className="card-vote-slots" data-testid="card-vote-own" data-own={own}>
        <span aria-hidden="true">{slots}</span>
        <span className="visually-hidden">{voting.t('ownVotesOnCard', { n: own })}</span>
      </span>
      <button
        type="button"
        className="card-vote-remove"
        data-testid="card-unvote"
        aria-disabled={own === 0 || timeLeft === 0}
        aria-label={fillIn(t('unvoteFrom'), { card: name })}
        onKeyDown={keepKeys}
        onClick={() => own > 0 && timeLeft !== 0 && send('unvote')}
      >
        −
      </button>
      <span className="card-vote-hint" id={hintId} data-testid="card-vote-hint">
        {why && (
          <span className="card-vote-why">
            {why}
            <span className="visually-hidden">. </span>
          </span>
        )}
        <span>{left}</span>
      </span>
    </div>
  )
}
