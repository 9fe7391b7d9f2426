import { HTMLContainer, useEditor, useValue } from 'tldraw'
import { EFFORTS, ELEVATOR, elevatorProps, GAP, STATUSES, type ElevatorShape, type GapShape } from '../../../shared/schema/cards.js'
import { CARD_SIZE } from '../../../shared/journey/cardSize.js'
import { useT } from '../../ui/useSettings.js'
import { cardCenter, gapAt } from '../cardActions.js'
import { ElevatorLink } from '../ElevatorLink.js'
import { CardFrame, CardShapeUtil, ChoiceField, TextField, useIsEditing } from './cardParts.js'
import { CardVoteArea } from './CardVoteArea.js'

/** An elevator card: a small concrete action that crosses a gap, with owner, effort, impact, status and due date. */
export class ElevatorShapeUtil extends CardShapeUtil<ElevatorShape> {
  static override type = ELEVATOR
  static override props = elevatorProps

  override getDefaultProps(): ElevatorShape['props'] {
    return { ...CARD_SIZE.elevator, action: '', gapId: '', owner: '', effort: 'M', impact: 3, status: 'idea', due: '', journeyId: '', stageId: '', laneId: '' }
  }
  /**
   * Dropping an elevator on a gap links it to that gap. A lone elevator then
   * goes back where it was: the drop meant "link", not "file me in the gaps lane".
   */
  override onTranslateEnd(initial: ElevatorShape, current: ElevatorShape) {
    const center = cardCenter(this.editor, current)
    const gap = center && gapAt(this.editor, center, current.id)
    if (!gap || gap.id === current.props.gapId) return
    const isAlone = this.editor.getSelectedShapeIds().length === 1
    return { id: current.id, type: ELEVATOR, ...(isAlone ? { x: initial.x, y: initial.y } : {}), props: { gapId: gap.id } }
  }
  override component(shape: ElevatorShape) {
    return (
      <HTMLContainer>
        <ElevatorLink elevator={shape} />
        <ElevatorCard shape={shape} />
      </HTMLContainer>
    )
  }
}

function ElevatorCard({ shape }: { shape: ElevatorShape }) {
  const editor = useEditor()
  const t = useT()
  const isEditing = useIsEditing(shape.id)
  const gap = useValue('linked gap', () => {
    const linked = shape.props.gapId ? editor.getShape(shape.props.gapId as GapShape['id']) : undefined
    return linked?.type === GAP ? (linked as GapShape) : null
  }, [editor, shape.props.gapId])
  const update = (props: Partial<ElevatorShape['props']>) => editor.updateShape<ElevatorShape>({ id: shape.id, type: ELEVATOR, props })
  return (
    <CardFrame shape={shape} className={`elevator-card status-${shape.props.status}`} isEditing={isEditing}>
      <CardVoteArea shape={shape} isEditing={isEditing} />
      <div className="card-kind">{t('tool.elevator')}</div>
      <TextField label="action" className="elevator-action" value={shape.props.action} isEditing={isEditing} onChange={(action) => update({ action })} />
      <div className={`elevator-link${gap ? '' : ' unlinked'}`} data-testid="elevator-link">
        {gap ? `${t('linkedTo')}: ${gap.props.target || gap.props.today || t('tool.gap')}` : t('unlinked')}
      </div>
      <div className="card-row">
        <ChoiceField label="effort" value={shape.props.effort} options={EFFORTS} isEditing={isEditing} onChange={(effort) => update({ effort })} />
        <ChoiceField label="impact" value={shape.props.impact} options={[1, 2, 3, 4, 5] as const} isEditing={isEditing} onChange={(impact) => update({ impact })} />
        <ChoiceField
          label="status"
          value={shape.props.status}
          options={STATUSES}
          isEditing={isEditing}
          onChange={(status) => update({ status })}
          format={(status) => t(`status.${status}`)}
        />
      </div>
      <div className="card-row">
        <TextField label="owner" className="card-owner" value={shape.props.owner} isEditing={isEditing} onChange={(owner) => update({ owner })} />
        <label className="card-chip">
          <span className="card-label">{t('due')}</span>
          {isEditing ? (
            <input type="date" value={shape.props.due} onPointerDown={(event) => event.stopPropagation()} onChange={(event) => update({ due: event.target.value })} />
          ) : (
            <strong>{shape.props.due}</strong>
          )}
        </label>
      </div>
    </CardFrame>
  )
}
