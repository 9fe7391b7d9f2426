import { Box, createShapeId, type Editor, type TLShape, type VecLike } from 'tldraw'
import { CELL_PADDING, freeSlot, type FiledCard } from '../../shared/journey/arrange.js'
import { CARD_SIZE } from '../../shared/journey/cardSize.js'
import { elevatorSpot } from '../../shared/journey/elevatorSpot.js'
import { ELEVATOR, JOURNEY, type CardShape, type ElevatorShape, type GapShape, type JourneyShape, type Placement } from '../../shared/schema/cards.js'
import { templateStrings } from '../../shared/templates/strings.js'
import { NOWHERE } from './cardActions.js'
import { arrangement, type ShapeUpdate } from './gridArrangement.js'
import { isCard } from './isCard.js'

/** Screen pixels that tldraw's menus cover at the top of the canvas, and its toolbar at the bottom. */
const UI_TOP = 56
const UI_BOTTOM = 96

/** Titles a template gives the elevators lane, in every language: how "+ Add elevator" finds the lane on a grid. */
const ELEVATOR_LANE_TITLES = Object.values(templateStrings).flatMap((text) => [text.customer, text.employee, text.analysis].map((grid) => grid.lanes.elevators))

/** The cards filed in a grid, in its coordinates, with their types: what the layout rules read. */
export function filedCards(editor: Editor, journey: JourneyShape): (FiledCard & { type: string })[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => isCard(shape) && shape.props.journeyId === journey.id)
    .map((card) => {
      const { stageId, laneId, w, h } = (card as CardShape).props
      return { id: card.id, type: card.type, x: card.x - journey.x, y: card.y - journey.y, w, h, stageId, laneId }
    })
}

/** Where a new card goes, the cell it is filed in, and the changes that make room for it (its lane grown, lower lanes moved down). */
interface Place {
  at: VecLike
  placement: Placement
  room: ShapeUpdate[]
}

/** Where a gap's new elevator goes: in the elevators lane of the gap's stage, beside or below the cards there. */
function elevatorPlace(editor: Editor, gap: GapShape, id: ElevatorShape['id'], size: { w: number; h: number }): Place {
  const journey = editor.getShape<JourneyShape>(gap.props.journeyId as JourneyShape['id'])
  const spot = journey?.type === JOURNEY ? elevatorSpot(journey.props, gap.props, filedCards(editor, journey), size, ELEVATOR_LANE_TITLES) : null
  if (journey && spot) {
    // The lane grows before the card arrives, so that the card's centre is in its cell when it is filed.
    const { updates, positions } = arrangement(editor, journey, journey, new Set(), [{ id, ...spot.cell, ...spot.at, ...size }])
    return { at: positions.get(id)!, placement: { journeyId: journey.id, ...spot.cell }, room: updates }
  }
  // Off any grid: in a column under the gap, below whatever is there already.
  const column = { x: gap.x - CELL_PADDING, y: gap.y + gap.props.h, w: Math.max(gap.props.w, size.w) + 2 * CELL_PADDING }
  const taken = editor
    .getCurrentPageShapes()
    .filter((shape) => isCard(shape) && shape.id !== gap.id && shape.x < column.x + column.w && shape.x + shape.props.w > column.x && shape.y >= column.y)
    .map((shape) => ({ x: shape.x - column.x, y: shape.y - column.y, w: (shape as CardShape).props.w, h: (shape as CardShape).props.h }))
  const slot = freeSlot(column.w, taken, size)
  return { at: { x: column.x + slot.x, y: column.y + slot.y }, placement: NOWHERE, room: [] }
}

/**
 * Creates an elevator for a gap, linked to it, in the elevators lane of the
 * gap's stage beside the elevators already there, then selects it and opens
 * it for typing (its first field takes the caret, see CardFrame).
 */
export function addElevatorForGap(editor: Editor, gapId: GapShape['id']): ElevatorShape['id'] | null {
  const gap = editor.getShape<GapShape>(gapId)
  if (!gap || editor.getIsReadonly()) return null
  const id = createShapeId()
  const size = CARD_SIZE.elevator
  const { at, placement, room } = elevatorPlace(editor, gap, id, size)
  editor.markHistoryStoppingPoint('add elevator')
  editor.run(() => {
    if (room.length > 0) editor.updateShapes(room as never)
    editor.createShape<ElevatorShape>({ id, type: ELEVATOR, x: at.x, y: at.y, props: { ...size, ...placement, gapId } })
  })
  editor.select(id)
  editor.setEditingShape(id)
  editor.setCurrentTool('select.editing_shape')
  revealShape(editor, id)
  return id
}

/** Brings a shape into view when it is off screen or under the menus and toolbar at the top and bottom of the screen. */
export function revealShape(editor: Editor, id: TLShape['id']): void {
  const bounds = editor.getShapePageBounds(id)
  const view = editor.getViewportPageBounds()
  const zoom = editor.getZoomLevel()
  const clear = new Box(view.x, view.y + UI_TOP / zoom, view.w, view.h - (UI_TOP + UI_BOTTOM) / zoom)
  // At once, not animated: whoever clicks or types next aims at where the card is now.
  if (bounds && !clear.contains(bounds)) editor.centerOnPoint(bounds.center)
}

