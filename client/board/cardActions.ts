import { createShapeId, type Editor, type TLShape, type VecLike } from 'tldraw'
import { cellAt } from '../../shared/journey/layout.js'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT, type ElevatorShape, type GapShape, type JourneyShape, type Placement } from '../../shared/schema/cards.js'

const CARD_TYPES = new Set<string>([TOUCHPOINT, GAP, ELEVATOR])
const NOWHERE: Placement = { journeyId: '', stageId: '', laneId: '' }

/** Whether a shape is one of our grid cards. */
export function isCard(shape: TLShape | undefined): shape is TLShape & { props: Placement & { w: number; h: number } } {
  return shape !== undefined && CARD_TYPES.has(shape.type)
}

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

/** Creates an elevator next to a gap, linked to it, and selects it for editing. */
export function addElevatorForGap(editor: Editor, gapId: GapShape['id']): ElevatorShape['id'] | null {
  const gap = editor.getShape<GapShape>(gapId)
  if (!gap) return null
  const id = createShapeId()
  const siblings = editor.getCurrentPageShapes().filter((shape) => shape.type === ELEVATOR && (shape as ElevatorShape).props.gapId === gapId)
  editor.markHistoryStoppingPoint('add elevator')
  editor.createShape<ElevatorShape>({
    id,
    type: ELEVATOR,
    // Below the gap: in the journey templates the elevators lane lies under the gaps lane, same stage.
    x: gap.x + siblings.length * 24,
    y: gap.y + gap.props.h + 40 + siblings.length * 24,
    props: { gapId },
  })
  editor.select(id)
  return id
}

/**
 * Keeps derived links right after a person's edits: a card's stage and lane
 * follow where it is; a grid that changes re-places the cards on it; an
 * elevator dropped on a gap links to it; deleting a gap unlinks its elevators.
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
  const replaceOnGrid = (journey: JourneyShape): void => {
    const bounds = editor.getShapePageBounds(journey)
    for (const shape of editor.getCurrentPageShapes()) {
      if (!isCard(shape)) continue
      const center = cardCenter(editor, shape)
      if (shape.props.journeyId === journey.id || (center && bounds?.containsPoint(center))) place(shape)
    }
  }
  const removers = [
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'user') place(shape)
    }),
    editor.sideEffects.registerAfterChangeHandler('shape', (before, after, source) => {
      if (source !== 'user') return
      if (after.type === JOURNEY) return replaceOnGrid(after as JourneyShape)
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
