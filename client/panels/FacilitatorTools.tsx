import { useEditor } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.js'
import { useT } from '../ui/useSettings.js'
import { TimerControls } from './TimerSection.js'

/** Lock, follow me, bring everyone here, and the timer: the facilitator's controls. */
export function FacilitatorTools() {
  const t = useT()
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const { isLocked, follow } = state.workshop
  const summon = () => {
    const bounds = editor.getViewportPageBounds()
    handle?.request({ type: 'summon', bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } })
  }
  return (
    <section aria-labelledby="tools-heading">
      <h3 id="tools-heading">{t('role.facilitator')}</h3>
      <div className="panel-row">
        <button type="button" className="button" aria-pressed={isLocked} data-testid="toggle-lock" onClick={() => handle?.request({ type: 'set-lock', isLocked: !isLocked })}>
          {isLocked ? t('unlockBoard') : t('lockBoard')}
        </button>
        <button type="button" className="button" aria-pressed={follow.isOn} onClick={() => handle?.request({ type: 'follow', isOn: !follow.isOn })}>
          {follow.isOn ? t('stopFollow') : t('followMe')}
        </button>
        <button type="button" className="button" onClick={summon}>
          {t('summon')}
        </button>
      </div>
      <TimerControls />
    </section>
  )
}
