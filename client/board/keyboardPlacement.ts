import { createShapeId, type Editor, type TLShape, type VecLike } from 'tldraw'
import { revealShape } from './addElevator.js'
import { isCard } from './isCard.js'

/**
 * Where Enter with a card tool puts the new card's centre: on the one
 * selected card when it is filed in a journey cell (so the new card joins
 * that cell, and the grid packs it beside the others), else the centre of
 * the view. A keyboard has no pointer to aim with; the selection and the
 * view are what it has.
 */
export function keyboardSpot(editor: Editor): VecLike {
  const selected = editor.getOnlySelectedShape()
  if (selected && isCard(selected) && selected.props.journeyId) {
    const center = editor.getShapePageBounds(selected)?.center
    if (center) return center
  }
  return editor.getViewportPageBounds().center
}

/**
 * Places a card (or a journey grid) of a type with the keyboard and opens it
 * for typing: created centred on `keyboardSpot`, selected, in editing, so
 * that its first field takes the caret (CardFrame, JourneyGrid). The card
 * side effects file it in the cell under its centre and the grid arranges
 * it; once they have (they run in a microtask the creation queued), it is
 * brought into view if the arrangement moved it off screen. Returns the new
 * shape's id, or null on a read-only board.
 */
export function placeWithKeyboard(editor: Editor, type: TLShape['type']): TLShape['id'] | null {
  if (editor.getIsReadonly()) return null
  const at = keyboardSpot(editor)
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`keyboard place ${type}`)
  editor.run(() => {
    editor.createShape({ id, type, x: at.x, y: at.y })
    const created = editor.getShape(id)
    const size = created && 'w' in created.props ? (created.props as { w: number; h: number }) : null
    // The same two steps as a click: created at the point, then centred on it, so the card is filed by its centre.
    if (size) editor.updateShape({ id, type, x: at.x - size.w / 2, y: at.y - size.h / 2 })
  })
  if (!editor.getShape(id)) return null
  editor.select(id)
  editor.setEditingShape(id)
  editor.setCurrentTool('select.editing_shape')
  queueMicrotask(() => {
    if (!editor.isDisposed && editor.getShape(id)) revealShape(editor, id)
  })
  return id
}
