import { HTMLContainer, Rectangle2d, resizeBox, ShapeUtil, useEditor, useValue, type TLResizeInfo } from 'tldraw'
import { cellAt, emotionCurvePoints, gridSize, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Cell } from '../../../shared/journey/layout.js'
import { JOURNEY, journeyProps, type JourneyShape } from '../../../shared/schema/cards.js'
import { useSettings } from '../../ui/useSettings.js'
import { isCard } from '../cardActions.js'
import { defaultJourneyProps } from '../defaultJourney.js'
import { useIsEditing } from './cardParts.js'
import { JourneyCell, LaneHeader, StageHeader, JourneyTitle, GridButtons } from './journeyParts.js'

const MIN_STAGE_WIDTH = 80
const MIN_LANE_HEIGHT = 48

/** The journey map: stages as columns, lanes as rows, an emotion curve; cards dropped on it know their cell. */
export class JourneyShapeUtil extends ShapeUtil<JourneyShape> {
  static override type = JOURNEY
  static override props = journeyProps

  override getDefaultProps(): JourneyShape['props'] {
    return defaultJourneyProps(useSettings.getState().language)
  }
  override getGeometry(shape: JourneyShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }
  override canEdit() {
    return true
  }
  override canResize() {
    return true
  }
  override getIndicatorPath(shape: JourneyShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
  /** Resizing scales every stage and lane, so the grid stays a grid and cards keep their cells' proportions. */
  override onResize(shape: JourneyShape, info: TLResizeInfo<JourneyShape>) {
    const initial = info.initialShape.props
    const boxed = resizeBox(shape, info, { minWidth: LANE_HEADER_WIDTH + MIN_STAGE_WIDTH, minHeight: STAGE_HEADER_HEIGHT + MIN_LANE_HEIGHT })
    const scaleX = (boxed.props.w - LANE_HEADER_WIDTH) / Math.max(1, initial.w - LANE_HEADER_WIDTH)
    const scaleY = (boxed.props.h - STAGE_HEADER_HEIGHT) / Math.max(1, initial.h - STAGE_HEADER_HEIGHT)
    const stages = initial.stages.map((stage) => ({ ...stage, width: Math.max(MIN_STAGE_WIDTH, Math.round(stage.width * scaleX)) }))
    const lanes = initial.lanes.map((lane) => ({ ...lane, height: Math.max(MIN_LANE_HEIGHT, Math.round(lane.height * scaleY)) }))
    return { x: boxed.x, y: boxed.y, props: { stages, lanes, ...gridSize({ stages, lanes }) } }
  }
  override component(shape: JourneyShape) {
    return (
      <HTMLContainer>
        <JourneyGrid shape={shape} />
      </HTMLContainer>
    )
  }
}

/** The cell under the card being dragged, so the grid can light it up. */
function useDropTarget(shape: JourneyShape): Cell | null {
  const editor = useEditor()
  return useValue(
    'drop target',
    () => {
      if (!editor.isIn('select.translating')) return null
      const card = editor.getSelectedShapes().find(isCard)
      const center = card && editor.getShapePageBounds(card)?.center
      return center ? cellAt(shape.props, editor.getPointInShapeSpace(shape, center)) : null
    },
    [editor, shape],
  )
}

function JourneyGrid({ shape }: { shape: JourneyShape }) {
  const isEditing = useIsEditing(shape.id)
  const target = useDropTarget(shape)
  const { stages, lanes } = shape.props
  const curve = emotionCurvePoints(shape.props)
  return (
    <div
      className={`journey journey-${shape.props.kind}${isEditing ? ' is-editing' : ''}`}
      style={{
        width: shape.props.w,
        height: shape.props.h,
        gridTemplateColumns: `${LANE_HEADER_WIDTH}px ${stages.map((stage) => `${stage.width}px`).join(' ')}`,
        gridTemplateRows: `${STAGE_HEADER_HEIGHT}px ${lanes.map((lane) => `${lane.height}px`).join(' ')}`,
      }}
      data-testid="journey"
    >
      <JourneyTitle shape={shape} isEditing={isEditing} />
      {stages.map((stage, index) => (
        <StageHeader key={stage.id} shape={shape} index={index} isEditing={isEditing} />
      ))}
      {lanes.map((lane, laneIndex) => [
        <LaneHeader key={lane.id} shape={shape} index={laneIndex} isEditing={isEditing} />,
        ...stages.map((stage) => (
          <JourneyCell
            key={`${lane.id}:${stage.id}`}
            shape={shape}
            lane={lane}
            stage={stage}
            isEditing={isEditing}
            isTarget={target?.laneId === lane.id && target?.stageId === stage.id}
          />
        )),
      ])}
      {curve.length > 1 && (
        <svg className="emotion-curve" width={shape.props.w} height={shape.props.h} aria-hidden="true">
          <polyline points={curve.map((point) => `${point.x},${point.y}`).join(' ')} />
          {curve.map((point) => (
            <circle key={`${point.x}`} cx={point.x} cy={point.y} r={6} />
          ))}
        </svg>
      )}
      {isEditing && <GridButtons shape={shape} />}
    </div>
  )
}
