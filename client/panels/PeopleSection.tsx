import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'

/** Who is in the workshop, who is here now, and who has voted in the current round. */
export function PeopleSection() {
  const t = useT()
  const { state } = useBoardContext()
  const people = state.workshop.people
  return (
    <section aria-labelledby="people-heading">
      <h3 id="people-heading">
        {t('people')} ({people.filter((person) => person.isOnline).length} {t('online')})
      </h3>
      <ul className="people" data-testid="people">
        {people.map((person) => (
          <li key={person.personId} className={person.isOnline ? 'is-online' : 'is-away'}>
            <span className="person-dot" style={{ background: person.color }} aria-hidden="true" /> {person.name}{' '}
            <span className="muted">({t(`role.${person.role}`)})</span>
            {person.hasVoted && <span className="voted-mark"> ✓ {t('hasVoted')}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
