import { useState } from 'react'
import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'
import { AGENDA, requestsForStep } from './agendaSteps.js'

/** The facilitator's walk through the method: each step sets the lock, the timer and the round it needs. */
export function AgendaSection() {
  const t = useT()
  const { handle } = useBoardContext()
  const [current, setCurrent] = useState<string | null>(null)
  return (
    <section aria-labelledby="agenda-heading">
      <h3 id="agenda-heading">{t('agenda')}</h3>
      <ol className="agenda">
        {AGENDA.map((step) => (
          <li key={step.id} className={current === step.id ? 'is-current' : ''}>
            <button
              type="button"
              className="plan-link"
              aria-current={current === step.id ? 'step' : undefined}
              title={t('goToStep')}
              onClick={() => {
                setCurrent(step.id)
                for (const request of requestsForStep(step)) handle?.request(request)
              }}
            >
              {t(step.label)} <span className="muted">· {step.minutes} min{step.isLocked ? ' · 🔒' : ''}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
