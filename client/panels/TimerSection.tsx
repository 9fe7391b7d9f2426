import { useEffect, useRef, useState } from 'react'
import { useBoardContext } from '../board/BoardContext.js'
import { UiEmoji } from '../ui/UiEmoji.js'
import { useT } from '../ui/useSettings.js'

/** Milliseconds left on the workshop timer now, corrected for the server's clock. */
export function timerRemaining(timer: { isRunning: boolean; endsAt: number | null; remainingMs: number; clockOffsetMs: number }, now: number): number {
  if (!timer.isRunning || timer.endsAt === null) return timer.remainingMs
  return Math.max(0, timer.endsAt - (now + timer.clockOffsetMs))
}

/** m:ss */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/**
 * Re-renders every `everyMs` while `isActive` and returns the time now. The
 * time is read at each render, never kept from the last tick: a timer set
 * while the pill was idle must show its full length at once (a kept time
 * from before the pause showed 15:03, then 14:59, never 15:00).
 */
export function useTick(isActive: boolean, everyMs = 1000): number {
  const [, setTicks] = useState(0)
  useEffect(() => {
    if (!isActive) return
    const interval = setInterval(() => setTicks((ticks) => ticks + 1), everyMs)
    return () => clearInterval(interval)
  }, [isActive, everyMs])
  return Date.now()
}

/** The timer everyone sees, in the status bar; a short beep at zero when the facilitator asked for sound. */
export function TimerPill() {
  const t = useT()
  const { state } = useBoardContext()
  const timer = state.workshop.timer
  const now = useTick(timer?.isRunning === true)
  const remaining = timer ? timerRemaining(timer, now) : 0
  const hasBeeped = useRef(false)
  useEffect(() => {
    if (!timer?.isRunning || remaining > 0) return void (hasBeeped.current = false)
    if (timer.hasSound && !hasBeeped.current) beep()
    hasBeeped.current = true
  }, [timer, remaining])
  if (!timer) return null
  const isUp = timer.isRunning && remaining === 0
  return (
    <span className={`timer-pill${isUp ? ' is-up' : ''}`} role="timer" aria-live="off" data-testid="timer">
      <UiEmoji>⏱</UiEmoji> {isUp ? t('timeUp') : formatDuration(remaining)}
    </span>
  )
}

function beep(): void {
  try {
    const audio = new AudioContext()
    const oscillator = audio.createOscillator()
    oscillator.frequency.value = 880
    oscillator.connect(audio.destination)
    oscillator.start()
    oscillator.stop(audio.currentTime + 0.4)
  } catch {
    // No audio device: the visible "Time is up" remains.
  }
}

/** Longest timer the server takes (four hours): a longer `durationMs` is a malformed request and closes the connection. */
const MAX_TIMER_MINUTES = 240

/** The timer's minutes from the input, kept within what the server accepts: 1 to 240, 1 when unreadable. */
export function timerMinutes(input: string): number {
  const minutes = Number(input)
  return Number.isFinite(minutes) && minutes >= 1 ? Math.min(MAX_TIMER_MINUTES, minutes) : 1
}

/** The facilitator's timer controls. */
export function TimerControls() {
  const t = useT()
  const { handle, state } = useBoardContext()
  const [minutes, setMinutes] = useState(5)
  const [hasSound, setSound] = useState(state.workshop.timer?.hasSound ?? false)
  const send = (action: 'start' | 'pause' | 'add-minute' | 'reset', durationMs?: number) => handle?.request({ type: 'timer', action, durationMs, hasSound })
  return (
    <div className="panel-row">
      <label>
        {t('timer')}{' '}
        <input type="number" min={1} max={MAX_TIMER_MINUTES} value={minutes} onChange={(event) => setMinutes(timerMinutes(event.target.value))} style={{ width: '4em' }} /> min
      </label>
      <button type="button" className="button" onClick={() => send('start', state.workshop.timer ? undefined : minutes * 60_000)}>{t('start')}</button>
      <button type="button" className="button" onClick={() => send('pause')}>{t('pause')}</button>
      <button type="button" className="button" onClick={() => send('add-minute')}>{t('addMinute')}</button>
      <button type="button" className="button" onClick={() => send('reset', minutes * 60_000)}>{t('reset')}</button>
      <label>
        <input type="checkbox" checked={hasSound} onChange={(event) => setSound(event.target.checked)} /> {t('sound')}
      </label>
    </div>
  )
}
