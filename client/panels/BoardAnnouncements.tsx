import { useEffect, useRef } from 'react'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { canVote } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { currentRound } from '../board/useCardVotes.js'
import { fillIn } from '../i18n/fillIn.js'
import { useVotingText } from '../i18n/useVotingText.js'
import { useAnnouncements } from '../ui/announcements.js'
import { Announcer } from '../ui/Announcer.js'
import { useT } from '../ui/useSettings.js'
import { roundName } from './RoundBanner.js'
import { useRoundTimeLeft } from './RoundCountdown.js'
import { timeEvent, type TimeEvent } from './timeEvents.js'
import { timerRemaining, useTick } from './TimerSection.js'

/** Calls `onEvent` when a countdown crosses the one-minute mark or reaches zero between two renders. */
function useTimeEvents(left: number | null, onEvent: (event: TimeEvent) => void): void {
  const before = useRef(left)
  useEffect(() => {
    const event = timeEvent(before.current, left)
    before.current = left
    if (event) onEvent(event)
    // Only a change of the time left is news; a new callback each render is not.
  }, [left])
}

/** The workshop timer's last minute and its end, said aloud whether or not the facilitator turned the sound on. */
function TimerAnnouncements() {
  const t = useT()
  const announce = useAnnouncements((state) => state.announce)
  const timer = useBoardContext().state.workshop.timer
  const now = useTick(timer?.isRunning === true)
  const left = timer?.isRunning ? timerRemaining(timer, now) : null
  useTimeEvents(left, (event) => announce('time', event === 'up' ? t('timeUp') : t('timerOneMinute')))
  return null
}

/** A round's last minute and its end, by the round's name. */
function RoundTimeAnnouncements({ view }: { view: RoundView }) {
  const t = useT()
  const voting = useVotingText()
  const announce = useAnnouncements((state) => state.announce)
  const name = roundName(view, useBoardContext().state.workshop.rounds, voting)
  // Time-up is said when the server closes the round at its limit (RoundBanner), not by this countdown: the round's
  // view goes away as it closes, and the server's close is the one moment every screen agrees on.
  useTimeEvents(useRoundTimeLeft(view.round), (event) => event === 'warning' && announce('time', fillIn(t('roundOneMinute'), { name })))
  return null
}

/** After each of this person's votes (or take-backs) the server accepts, the votes they have left. */
function VotesLeftAnnouncements({ view }: { view: RoundView }) {
  const voting = useVotingText()
  const announce = useAnnouncements((state) => state.announce)
  const { votesUsed, votesLeft } = view.results
  const before = useRef(votesUsed)
  useEffect(() => {
    if (before.current === votesUsed) return
    before.current = votesUsed
    announce('votes', votesLeft === 0 ? voting.t('budgetSpent') : voting.count('votesLeft', votesLeft))
    // The count of votes used changes only when the server accepted a ballot of this person's.
  }, [votesUsed])
  return null
}

/**
 * The board's live announcements: the one polite announcer, and what feeds
 * it besides the round notice (rounds started, revealed, closed) and the
 * export panel (done, failed): time warnings and time-up of the timer and
 * of a timed round, and the votes left after voting.
 */
export function BoardAnnouncements() {
  const { state } = useBoardContext()
  const { session } = state.workshop
  const current = currentRound(state.workshop)
  const isVoter = session !== null && canVote(session.role) && current?.round.kind === 'vote'
  return (
    <>
      <Announcer />
      {session && <TimerAnnouncements />}
      {session && current && <RoundTimeAnnouncements key={current.round.id} view={current} />}
      {isVoter && current && <VotesLeftAnnouncements key={current.round.id} view={current} />}
    </>
  )
}
