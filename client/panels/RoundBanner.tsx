import { useEffect, useRef, useState } from 'react'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { currentRound, roundNumber } from '../board/useCardVotes.js'
import { fillIn } from '../i18n/fillIn.js'
import { useVotingText } from '../i18n/useVotingText.js'
import type { VotingText } from '../i18n/votingStrings.js'
import { useAnnouncements } from '../ui/announcements.js'
import { RefusalAlert } from '../ui/RefusalAlert.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { useT } from '../ui/useSettings.js'
import { RoundCountdown, useRoundTimeLeft } from './RoundCountdown.js'
import { useOpenRefusal } from './requestLog.js'
import { isClosedByItsTime, roundEvent, seenRounds, type RoundEvent, type SeenRounds } from './roundAnnouncement.js'
import { useProgressText } from './VotingSection.js'
import './voting.css'

/** Where "Vote now" puts the keyboard: the first vote button that takes a vote, else the first score, else the voting heading. */
const VOTING_TARGETS = ['[data-testid="voting"] [data-testid="vote"]:not([aria-disabled="true"])', '[data-testid="voting"] [data-testid="score-impact"]', '#voting-heading']

/** Frames to wait for the panel to render before giving up on moving focus. */
const FOCUS_FRAMES = 30

/** Opens the workshop panel at its voting section and moves focus to the first control that takes a ballot. */
function openVoting(): void {
  const ui = useBoardUi.getState()
  if (!ui.isWorkshopOpen) ui.toggleWorkshop()
  let frames = 0
  const tryFocus = () => {
    const target = VOTING_TARGETS.map((selector) => document.querySelector<HTMLElement>(selector)).find(Boolean)
    if (target) {
      target.scrollIntoView({ block: 'center' })
      target.focus()
    } else if (frames++ < FOCUS_FRAMES) requestAnimationFrame(tryFocus)
  }
  requestAnimationFrame(tryFocus)
}

/** A round's name as people read it: "Voting round 2", "Arviointikierros 1". */
export function roundName(view: RoundView, rounds: readonly RoundView[], voting: VotingText): string {
  return voting.t(view.round.kind === 'vote' ? 'voteRoundLabel' : 'scoreRoundLabel', { round: roundNumber(rounds, view.round.id) })
}

/** The sentence a screen reader hears for a round event. */
function eventText(event: RoundEvent, rounds: readonly RoundView[], voting: VotingText): string {
  const name = roundName(event.view, rounds, voting)
  if (event.kind === 'revealed') return voting.t('roundRevealed', { name })
  if (event.kind === 'closed') return voting.t('roundClosed', { name })
  return `${voting.t('roundStarted', { name })}. ${rulesText(event.view, voting)}`
}

function rulesText(view: RoundView, voting: VotingText): string {
  if (view.round.kind === 'score') return voting.t('roundRulesScore')
  return voting.t('roundRulesVote', { votes: voting.count('votes', view.round.votesPerPerson), cap: voting.count('votes', view.round.maxVotesPerCard) })
}

/**
 * The round on top of the canvas, for everyone on a workshop board: when a
 * round starts it is announced (the board's polite announcer, and a notice with
 * "Vote now" for those who vote), and while it runs the notice shows how
 * many have voted, the votes left and the time left. Each person can hide
 * it for the round; the next round shows it again.
 */
export function RoundBanner() {
  const voting = useVotingText()
  const t = useT()
  const { state } = useBoardContext()
  const { rounds, session } = state.workshop
  const announce = useAnnouncements((announcements) => announcements.announce)
  const [hiddenRoundId, setHiddenRoundId] = useState<string | null>(null)
  const seen = useRef<SeenRounds | null>(null)
  useEffect(() => {
    if (!session) return
    const event = roundEvent(seen.current, rounds)
    seen.current = seenRounds(rounds)
    if (event) announce('round', eventText(event, rounds, voting))
    // A round closed at (or after) its time limit, by the server: its time is up, said in the time line too.
    if (event?.kind === 'closed' && isClosedByItsTime(event.view, state.workshop.clockOffsetMs)) {
      announce('time', fillIn(t('roundTimeIsUp'), { name: roundName(event.view, rounds, voting) }))
    }
    // Only a change of the rounds is news: a change of language alone announces nothing.
  }, [rounds, session])
  const current = currentRound(state.workshop)
  return (
    session && current && hiddenRoundId !== current.round.id && <Banner view={current} onHide={() => setHiddenRoundId(current.round.id)} />
  )
}

function Banner({ view, onHide }: { view: RoundView; onHide: () => void }) {
  const voting = useVotingText()
  const { state } = useBoardContext()
  const { round, results } = view
  const { rounds, session } = state.workshop
  const refused = useOpenRefusal()
  const isVoter = session !== null && canVote(session.role)
  const hasCast = results.votesUsed > 0 || (view.scores?.own.length ?? 0) > 0
  const timeLeft = useRoundTimeLeft(round)
  const progress = useProgressText(view)
  const name = roundName(view, rounds, voting)
  const isFresh = isVoter && !hasCast
  // "Has started" while this person has yet to vote; after that the round is simply open.
  const title = voting.t(round.state === 'revealed' ? 'roundRevealed' : isFresh ? 'roundStarted' : 'roundOpen', { name })
  const isBallotRefusal = refused !== null && ['vote', 'unvote', 'score'].includes(refused.request)
  return (
    <section className={`round-banner${isFresh ? ' is-fresh' : ''}`} aria-labelledby="round-banner-title" data-testid="round-banner" data-round-id={round.id} data-kind={round.kind} data-state={round.state}>
      <h2 id="round-banner-title">{title}</h2>
      <p>{rulesText(view, voting)}</p>
      <p className="round-progress" data-testid="round-banner-progress">
        <strong>{progress}</strong>
      </p>
      {isVoter && round.kind === 'vote' && (
        <p data-testid="round-banner-votes-left">{results.votesLeft === 0 ? voting.t('budgetSpent') : voting.count('votesLeft', results.votesLeft)}</p>
      )}
      <RoundCountdown timeLeft={timeLeft} testId="round-banner-countdown" />
      {round.kind === 'vote' && results.tally === null && <p className="muted">{voting.t('resultsHidden')}</p>}
      {isVoter && timeLeft !== 0 && (
        <button type="button" className="button primary" data-testid="round-banner-vote-now" onClick={openVoting}>
          {voting.t(round.kind === 'vote' ? 'voteNow' : 'scoreNow')}
        </button>
      )}
      <button type="button" className="button banner-close" data-testid="round-banner-hide" aria-label={voting.t('hideNotice')} title={voting.t('hideNotice')} onClick={onHide}>
        ✕
      </button>
      {isBallotRefusal && <RefusalAlert refusal={refused} testId="round-refused" />}
    </section>
  )
}
