import { HTMLContainer, useEditor } from 'tldraw'
import { CHANNELS, TOUCHPOINT, touchpointProps, type TouchpointShape } from '../../../shared/schema/cards.js'
import { CARD_SIZE } from '../../../shared/journey/cardSize.js'
import { useT } from '../../ui/useSettings.js'
import { CardFrame, CardShapeUtil, ChoiceField, TextField, useIsEditing } from './cardParts.js'

/** A touchpoint card: a moment where the customer meets the organisation. */
export class TouchpointShapeUtil extends CardShapeUtil<TouchpointShape> {
  static override type = TOUCHPOINT
  static override props = touchpointProps

  override getDefaultProps(): TouchpointShape['props'] {
    return { ...CARD_SIZE.touchpoint, title: '', channel: 'web', isDigital: true, owner: '', journeyId: '', stageId: '', laneId: '' }
  }
  override component(shape: TouchpointShape) {
    return (
      <HTMLContainer>
        <TouchpointCard shape={shape} />
      </HTMLContainer>
    )
  }
}

function TouchpointCard({ shape }: { shape: TouchpointShape }) {
  const editor = useEditor()
  const t = useT()
  const isEditing = useIsEditing(shape.id)
  const update = (props: Partial<TouchpointShape['props']>) => editor.updateShape<TouchpointShape>({ id: shape.id, type: TOUCHPOINT, props })
  return (
    <CardFrame shape={shape} className="touchpoint-card" isEditing={isEditing}>
      <div className="card-kind">{t('tool.touchpoint')}</div>
      <TextField label="title" className="touchpoint-title" value={shape.props.title} isEditing={isEditing} onChange={(title) => update({ title })} />
      <div className="card-row">
        <ChoiceField
          label="channel"
          value={shape.props.channel}
          options={CHANNELS}
          isEditing={isEditing}
          onChange={(channel) => update({ channel })}
          format={(channel) => t(`channel.${channel}`)}
        />
        <ChoiceField
          label="mode"
          value={shape.props.isDigital ? 'digital' : 'physical'}
          options={['digital', 'physical'] as const}
          isEditing={isEditing}
          onChange={(mode) => update({ isDigital: mode === 'digital' })}
          format={(mode) => t(mode)}
        />
      </div>
      <TextField label="owner" value={shape.props.owner} isEditing={isEditing} onChange={(owner) => update({ owner })} />
    </CardFrame>
  )
}
