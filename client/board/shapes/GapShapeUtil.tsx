import { HTMLContainer, useEditor, useValue } from 'tldraw'
import { GAP, gapProps, type GapShape, type Severity } from '../../../shared/schema/cards.js'
import { CARD_SIZE } from '../../../shared/journey/cardSize.js'
import { useT } from '../../ui/useSettings.js'
import { addElevatorForGap } from '../addElevator.js'
import { CardFrame, CardShapeUtil, ChoiceField, TextField, useIsEditing } from './cardParts.js'

/** A gap card: today's state and the target state at a stage, with the shaft between them. */
export class GapShapeUtil extends CardShapeUtil<GapShape> {
  static override type = GAP
  static override props = gapProps

  override getDefaultProps(): GapShape['props'] {
    return { ...CARD_SIZE.gap, today: '', target: '', theme: '', severity: 2, journeyId: '', stageId: '', laneId: '' }
  }
  override component(shape: GapShape) {
    return (
      <HTMLContainer>
        <GapCard shape={shape} />
      </HTMLContainer>
    )
  }
}

function GapCard({ shape }: { shape: GapShape }) {
  const editor = useEditor()
  const t = useT()
  const isEditing = useIsEditing(shape.id)
  // A viewer, or anyone on a locked board, gets no edit control at all: not hidden, not rendered.
  const canEdit = useValue('can edit', () => !editor.getIsReadonly(), [editor])
  const update = (props: Partial<GapShape['props']>) => editor.updateShape<GapShape>({ id: shape.id, type: GAP, props })
  return (
    <CardFrame shape={shape} className={`gap-card severity-${shape.props.severity}`} isEditing={isEditing}>
      <div className="card-kind">{t('tool.gap')}</div>
      <TextField label="target" className="gap-target" value={shape.props.target} isEditing={isEditing} onChange={(target) => update({ target })} />
      <div className="gap-shaft" aria-hidden="true" />
      <TextField label="today" className="gap-today" value={shape.props.today} isEditing={isEditing} onChange={(today) => update({ today })} />
      <div className="card-row">
        <TextField label="theme" value={shape.props.theme} isEditing={isEditing} onChange={(theme) => update({ theme })} />
        <ChoiceField<Severity> label="severity" value={shape.props.severity} options={[1, 2, 3]} isEditing={isEditing} onChange={(severity) => update({ severity })} />
      </div>
      {canEdit && (
        <button
          type="button"
          className="card-button"
          data-testid="add-elevator"
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => addElevatorForGap(editor, shape.id)}
        >
          + {t('addElevator')}
        </button>
      )}
    </CardFrame>
  )
}
