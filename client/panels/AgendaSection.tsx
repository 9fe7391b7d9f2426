import { useState } from 'react'
import type { RoundSettings } from '../../shared/rules/voting.js'
import { useBoardContext } from '../board/BoardContext.js'
import { UiEmoji } from '../ui/UiEmoji.js'
import { useT } from '../ui/useSettings.js'
import { AGENDA, requestsForStep, type AgendaStep } from './agendaSteps.js'
import { RoundForm } from './RoundForm.js'

/**
 * The facilitator's walk through the method: each step sets the lock and
 * the timer to exactly its length; a step with a voting or scoring round
 * first asks for the round's settings, and nothing changes until they are
 * confirmed.
 */
export function AgendaSection() {
  const t = useT()
  const { handle } = useBoardContext()
  const [current, setCurrent] = useState<string | null>(null)
  const [asking, setAsking] = useState<AgendaStep | null>(null)
  const run = (step: AgendaStep, settings?: RoundSettings) => {
    setCurrent(step.id)
    setAsking(null)
    for (const request of requestsForStep(step, settings)) handle?.request(request)
  }
  return (
    <section aria-labelledby="agenda-heading" data-testid="agenda">
      <h3 id="agenda-heading">{t('agenda')}</h3>
      <ol className="agenda">
        {AGENDA.map((step) => (
          <li key={step.id} className={current === step.id ? 'is-current' : ''}>
            <button
              type="button"
              className="plan-link"
              aria-current={current === step.id ? 'step' : undefined}
              title={t('goToStep')}
              data-testid={`agenda-${step.id}`}
              onClick={() => (step.round ? setAsking(step) : run(step))}
            >
              {t(step.label)}{' '}
              <span className="muted">
                · {step.minutes} min
                {step.isLocked && (
                  <>
                    {' · '}
                    <UiEmoji label={t('lockBoard')}>🔒</UiEmoji>
                  </>
                )}
              </span>
            </button>
            {asking?.id === step.id && step.round && (
              <div className="agenda-round" data-testid="agenda-round-settings">
                <p className="muted">{t('roundSettingsFirst')}</p>
                <RoundForm kind={step.round} onStart={(settings) => run(step, settings)} onCancel={() => setAsking(null)} />
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
