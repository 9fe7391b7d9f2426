import { useEffect } from 'react'
import { ANNOUNCEMENT_KINDS, useAnnouncements } from './announcements.js'

/**
 * The one polite live region of a board page: round events, time warnings
 * and time-up, the votes left after a vote, an export done or failed. Each
 * kind has its own line (`data-testid="round-announcement"` …); a new
 * sentence replaces its line's node, so a screen reader reads it as new even
 * when it repeats the last one ("Time is up" at the end of each agenda step).
 */
export function Announcer() {
  const latest = useAnnouncements((state) => state.latest)
  const clear = useAnnouncements((state) => state.clear)
  // A new board page starts with nothing said: the last board's news is not this one's.
  useEffect(() => clear, [clear])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {ANNOUNCEMENT_KINDS.map((kind) => (
        <p key={kind} data-testid={`${kind}-announcement`}>
          <span key={latest[kind].id}>{latest[kind].text}</span>
        </p>
      ))}
    </div>
  )
}
