import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.js'
import { isLeading, setLeading } from '../board/followMe.js'
import { useT } from '../ui/useSettings.js'
import { TimerControls } from './TimerSection.js'

/** Lock, Follow me (sent by WorkshopEffects, which also repeats it for latecomers), bring everyone here, and the timer: the facilitator's controls. */
export function FacilitatorTools() {
  const t = useT()
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const { isLocked } = state.workshop
  // This tab's own choice: the server tells everyone but the facilitator who asked, so the workshop state cannot say it.
  const isFollowOn = useValue('leading', () => isLeading(editor), [editor])
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
        <button type="button" className="button" aria-pressed={isFollowOn} data-testid="follow-me" onClick={() => setLeading(editor, !isFollowOn)}>
          {isFollowOn ? t('stopFollow') : t('followMe')}
        </button>
        <button type="button" className="button" data-testid="summon" onClick={summon}>
          {t('summon')}
        </button>
      </div>
      <TimerControls />
    </section>
  )
}
