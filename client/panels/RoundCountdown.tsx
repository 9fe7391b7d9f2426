import type { Round } from '../../shared/rules/votingTypes.js'
import { useBoardContext } from '../board/BoardContext.js'
import { UiEmoji } from '../ui/UiEmoji.js'
import { useT } from '../ui/useSettings.js'
import { formatDuration, useTick } from './TimerSection.js'

/** Milliseconds left in a round by the server's clock (`clockOffsetMs` = server − device), or null for a round without a time limit. Pure. */
export function roundTimeLeft(round: Pick<Round, 'endsAt' | 'state'>, now: number, clockOffsetMs: number): number | null {
  if (round.endsAt === null) return null
  if (round.state === 'closed') return 0
  return Math.max(0, round.endsAt - (now + clockOffsetMs))
}

/**
 * A round's time left, re-read four times a second while it runs: null for
 * no time limit, 0 once time is up (the server then closes the round by
 * itself and everyone's list moves it to the closed rounds).
 */
export function useRoundTimeLeft(round: Round): number | null {
  const clockOffsetMs = useBoardContext().state.workshop.clockOffsetMs
  const isRunning = round.endsAt !== null && round.state !== 'closed' && round.endsAt > Date.now() + clockOffsetMs
  return roundTimeLeft(round, useTick(isRunning, 250), clockOffsetMs)
}

/** The countdown of a round with a time limit, for everyone on the board; "time is up" at zero. */
export function RoundCountdown({ timeLeft, testId = 'round-countdown' }: { timeLeft: number | null; testId?: string }) {
  const t = useT()
  if (timeLeft === null) return null
  const isUp = timeLeft === 0
  return (
    <p className={`round-countdown${isUp ? ' is-up' : ''}`} role="timer" aria-live="off" data-testid={testId} data-time-up={isUp}>
      <UiEmoji>⏱</UiEmoji> {isUp ? t('roundTimeUp') : `${t('roundTimeLeft')} ${formatDuration(timeLeft)}`}
    </p>
  )
}
