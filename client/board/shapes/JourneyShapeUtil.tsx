import { useLayoutEffect, useRef } from 'react'
import { HTMLContainer, resizeBox, ShapeUtil, useEditor, useValue, type TLResizeInfo } from 'tldraw'
import { cellAt, emotionCurvePoints, gridSize, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Cell } from '../../../shared/journey/layout.js'
import { JOURNEY, journeyProps, type JourneyShape } from '../../../shared/schema/cards.js'
import { useSettings } from '../../ui/useSettings.js'
import { isCard } from '../cardActions.js'
import { defaultJourneyProps } from '../defaultJourney.js'
import { useIsEditing } from './cardParts.js'
import { GridGeometry } from './GridGeometry.js'
import { JourneyCell, LaneHeader, StageHeader, JourneyTitle, GridButtons, useFiledParts } from './journeyParts.js'

const MIN_STAGE_WIDTH = 80

/**
 * The journey map: stages as columns, lanes as rows, an emotion curve; cards
 * dropped on it know their cell. Only its title corner takes the pointer:
 * dragging there moves the whole map with its cards, a click selects it, a
 * double-click (or Enter) edits its stages and lanes. A press anywhere else on
 * the grid is a press on the canvas.
 */
export class JourneyShapeUtil extends ShapeUtil<JourneyShape> {
  static override type = JOURNEY
  static override props = journeyProps

  override getDefaultProps(): JourneyShape['props'] {
    return defaultJourneyProps(useSettings.getState().language)
  }
  override getGeometry(shape: JourneyShape) {
    return new GridGeometry({ width: shape.props.w, height: shape.props.h }, { width: LANE_HEADER_WIDTH, height: STAGE_HEADER_HEIGHT })
  }
  override canEdit() {
    return true
  }
  override canResize() {
    return true
  }
  /** Arrows do not attach to the grid: they would hold it as a target of every card drawn across it. */
  override canBind() {
    return false
  }
  /** A selected grid does not turn its whole area into a drag handle for the selection. */
  override hideSelectionBoundsBg() {
    return true
  }
  /** A rotated grid would no longer file cards by rows and columns. */
  override hideRotateHandle() {
    return true
  }
  override getIndicatorPath(shape: JourneyShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
  /** Resizing widens or narrows every stage; lanes keep the height their cards give them. */
  override onResize(shape: JourneyShape, info: TLResizeInfo<JourneyShape>) {
    const initial = info.initialShape.props
    const boxed = resizeBox(shape, info, { minWidth: LANE_HEADER_WIDTH + MIN_STAGE_WIDTH })
    // Against the stages' own widths, not the shape's w: a grid drawn by dragging starts 1 px wide.
    const scaleX = (boxed.props.w - LANE_HEADER_WIDTH) / Math.max(1, gridSize(initial).w - LANE_HEADER_WIDTH)
    const stages = initial.stages.map((stage) => ({ ...stage, width: Math.max(MIN_STAGE_WIDTH, Math.round(stage.width * scaleX)) }))
    return { x: boxed.x, y: info.initialShape.y, props: { stages, ...gridSize({ stages, lanes: initial.lanes }) } }
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
  const ref = useRef<HTMLDivElement>(null)
  // Editing opened by Enter (or the journey tool's Enter) puts the caret at the end of the grid's title, as a card's first field.
  useLayoutEffect(() => {
    const title = isEditing ? ref.current?.querySelector<HTMLInputElement>('.journey-title input') : null
    title?.focus({ preventScroll: true })
    title?.setSelectionRange(title.value.length, title.value.length)
  }, [isEditing])
  const target = useDropTarget(shape)
  const filed = useFiledParts(shape, isEditing)
  const { stages, lanes } = shape.props
  const curve = emotionCurvePoints(shape.props)
  return (
    <div
      ref={ref}
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
        <StageHeader key={stage.id} shape={shape} index={index} isEditing={isEditing} isFiled={filed.has(stage.id)} />
      ))}
      {lanes.map((lane, laneIndex) => [
        <LaneHeader key={lane.id} shape={shape} index={laneIndex} isEditing={isEditing} isFiled={filed.has(lane.id)} />,
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
