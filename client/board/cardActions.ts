import type { Editor, TLShape, VecLike } from 'tldraw'
import { cellAt } from '../../shared/journey/layout.js'
import { ELEVATOR, GAP, JOURNEY, type ElevatorShape, type GapShape, type JourneyShape, type Placement } from '../../shared/schema/cards.js'
import { isCard } from './isCard.js'

export { isCard } from './isCard.js'

/** The placement of a card that sits on no grid. */
export const NOWHERE: Placement = { journeyId: '', stageId: '', laneId: '' }

/** The journey cell under a page point: the topmost grid that has a cell there. */
export function placementAt(editor: Editor, point: VecLike): Placement {
  const journeys = editor.getCurrentPageShapesSorted().filter((shape): shape is JourneyShape => shape.type === JOURNEY)
  for (const journey of journeys.reverse()) {
    const cell = cellAt(journey.props, editor.getPointInShapeSpace(journey, point))
    if (cell) return { journeyId: journey.id, ...cell }
  }
  return NOWHERE
}

/** A card's centre in page space. */
export function cardCenter(editor: Editor, card: TLShape): VecLike | null {
  return editor.getShapePageBounds(card)?.center ?? null
}

/** The gap card under a page point, if any. */
export function gapAt(editor: Editor, point: VecLike, except?: TLShape['id']): GapShape | null {
  const hit = editor.getShapesAtPoint(point, { hitInside: true }).find((shape) => shape.type === GAP && shape.id !== except)
  return (hit as GapShape | undefined) ?? null
}

/**
 * Keeps derived links right after a person's edits: a card that the person
 * moves is filed in the cell under its centre; cards of a deleted grid are
 * re-filed; an elevator dropped on a gap links to it (ElevatorShapeUtil);
 * deleting a gap unlinks its elevators. A grid that moves or changes never
 * re-files its cards: they move with their cells (gridArrangement.ts).
 * Returns the function that removes the handlers.
 */
export function registerCardSideEffects(editor: Editor): () => void {
  const place = (card: TLShape): void => {
    if (!isCard(card)) return
    const center = cardCenter(editor, card)
    const next = center ? placementAt(editor, center) : NOWHERE
    const { journeyId, stageId, laneId } = card.props
    if (next.journeyId === journeyId && next.stageId === stageId && next.laneId === laneId) return
    editor.updateShape({ id: card.id, type: card.type, props: next } as never)
  }
  const removers = [
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'user') place(shape)
    }),
    editor.sideEffects.registerAfterChangeHandler('shape', (before, after, source) => {
      if (source !== 'user' || after.type === JOURNEY) return
      if (before.x !== after.x || before.y !== after.y || before.parentId !== after.parentId) place(after)
    }),
    editor.sideEffects.registerAfterDeleteHandler('shape', (shape, source) => {
      if (source !== 'user') return
      if (shape.type === GAP) unlinkElevatorsOf(editor, shape.id)
      if (shape.type === JOURNEY) {
        for (const card of editor.getCurrentPageShapes()) if (isCard(card) && card.props.journeyId === shape.id) place(card)
      }
    }),
  ]
  return () => removers.forEach((remove) => remove())
}

function unlinkElevatorsOf(editor: Editor, gapId: TLShape['id']): void {
  const linked = editor.getCurrentPageShapes().filter((shape): shape is ElevatorShape => shape.type === ELEVATOR && (shape as ElevatorShape).props.gapId === gapId)
  if (linked.length > 0) editor.updateShapes<ElevatorShape>(linked.map((shape) => ({ id: shape.id, type: ELEVATOR, props: { gapId: '' } })))
}
