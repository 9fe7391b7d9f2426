import { useState } from 'react'
import type { BoardState } from '../sync/openBoard.js'
import { LanguageSwitcher } from '../ui/LanguageSwitcher.js'
import { NameForm } from '../ui/NameForm.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { useSettings, useT } from '../ui/useSettings.js'

/** Save status from the server's acks, the person's name, and any quarantined records. */
export function BoardStatus({ state }: { state: BoardState }) {
  const t = useT()
  const name = useSettings((settings) => settings.name)
  const [isEditingName, setEditingName] = useState(false)
  const { isActionPlanOpen, toggleActionPlan } = useBoardUi()
  const label = { saved: t('saved'), saving: t('saving'), offline: t('offline') }[state.saveStatus]
  return (
    <div className="board-status">
      <span className={`save-status ${state.saveStatus}`} role="status" aria-live="polite" data-testid="save-status" data-status={state.saveStatus}>
        {label}
      </span>
      {isEditingName ? (
        <NameForm autoFocus onDone={() => setEditingName(false)} />
      ) : (
        <button type="button" className="button" onClick={() => setEditingName(true)} title={t('changeName')}>
          {name}
        </button>
      )}
      <button type="button" className="button" aria-pressed={isActionPlanOpen} onClick={toggleActionPlan} data-testid="toggle-action-plan">
        {t('actionPlan')}
      </button>
      <LanguageSwitcher />
      {state.quarantined.length > 0 && (
        <div className="quarantine" role="alert" data-testid="quarantine">
          {t('quarantined')}
          <ul>
            {state.quarantined.map((entry) => (
              <li key={entry.id}>
                <code>{entry.id}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
