import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { TimerPill } from '../panels/TimerSection.js'
import type { BoardState } from '../sync/openBoard.js'
import { isReadOnly } from '../sync/workshopState.js'
import { LanguageSwitcher } from '../ui/LanguageSwitcher.js'
import { NameForm } from '../ui/NameForm.js'
import { RefusalAlert } from '../ui/RefusalAlert.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { useSettings, useT } from '../ui/useSettings.js'

/** Save status from the server's acks, what the server refused, the role (and whether it may edit), following, the person's name, and any quarantined records. */
export function BoardStatus({ state }: { state: BoardState }) {
  const t = useT()
  const editor = useEditor()
  const isFollowing = useValue('following', () => editor.getInstanceState().followingUserId !== null, [editor])
  const name = useSettings((settings) => settings.name)
  const [isEditingName, setEditingName] = useState(false)
  const { isActionPlanOpen, toggleActionPlan, isWorkshopOpen, toggleWorkshop } = useBoardUi()
  const session = state.workshop.session
  const label = { saved: t('saved'), saving: t('saving'), offline: t('offline') }[state.saveStatus]
  return (
    <div className="board-status">
      <span className={`save-status ${state.saveStatus}`} role="status" aria-live="polite" data-testid="save-status" data-status={state.saveStatus}>
        {label}
      </span>
      <RefusalAlert refusal={state.rejected} testId="board-rejected" />
      <TimerPill />
      {session && (
        <span className="role-badge" data-testid="role" data-role={session.role}>
          {t(`role.${session.role}`)}
          {isReadOnly(state.workshop) && ` · ${session.role === 'viewer' ? t('viewOnly') : t('locked')}`}
        </span>
      )}
      {isFollowing && (
        <span className="role-badge" role="status" data-testid="following">
          {t('followingFacilitator')}
        </span>
      )}
      {isEditingName ? (
        <NameForm autoFocus onDone={() => setEditingName(false)} />
      ) : (
        <button type="button" className="button" onClick={() => setEditingName(true)} title={t('changeName')}>
          {name}
        </button>
      )}
      {session && (
        <button type="button" className="button" aria-pressed={isWorkshopOpen} onClick={toggleWorkshop} data-testid="toggle-workshop">
          {t('workshop')}
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
