import { react, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { arrangeGrid, followCell, overlaps, type FiledCard } from '../../shared/journey/arrange.js'
import { JOURNEY, type JourneyShape } from '../../shared/schema/cards.js'
import { isCard } from './isCard.js'

/** Editor states in which a person is still dragging something: the grid waits for the drop before it re-arranges. */
const GESTURES = ['select.translating', 'select.resizing', 'select.rotating', 'select.dragging_handle', 'select.crop']

type Card = TLShape & { props: FiledCard & { journeyId: string } }

/**
 * Keeps every journey grid arranged after a person's edits: when the grid
 * moves or its stages and lanes change, its cards move with their cells and
 * keep their stage and lane; lanes grow and shrink to their tallest stack of
 * cards; cards in one cell never overlap. Only this person's own changes are
 * followed: the person who made a change arranges it, once. A remote change
 * is followed only when it lands a card on another (two people adding at
 * once). Undo and redo restore an arranged state, so following them writes
 * nothing. Returns the function that stops it.
 */
export function registerGridArrangement(editor: Editor): () => void {
  /** Each grid changed in the current operation, as it was before the change (or as this arranger last wrote it). */
  const gridsBefore = new Map<TLShapeId, JourneyShape>()
  /** Cards that moved in the current operation: their coordinates already refer to their grid's new layout. */
  const movedCards = new Set<TLShapeId>()
  const dirty = new Set<TLShapeId>()
  const isFollowed = (source: 'user' | 'remote') => source === 'user'
  const markCard = (card: TLShape) => {
    if (isCard(card) && card.props.journeyId) dirty.add(card.props.journeyId as TLShapeId)
  }

  /** Arranges every dirty grid in one write; returns whether it wrote. Grids wait while a card is being dragged. */
  const arrangeDirty = (): boolean => {
    const isMidGesture = editor.isInAny(...GESTURES)
    const updates: ShapeUpdate[] = []
    const arranged: TLShapeId[] = []
    for (const id of [...dirty]) {
      const grid = editor.getShape<JourneyShape>(id)
      // A card being dragged floats over the grid until it is dropped; a grid being dragged carries its cards at once.
      if (grid?.type === JOURNEY && isMidGesture && !gridsBefore.has(id)) continue
      dirty.delete(id)
      if (grid?.type !== JOURNEY) continue
      updates.push(...arrangement(editor, gridsBefore.get(id) ?? grid, grid, movedCards).updates)
      arranged.push(id)
    }
    if (updates.length > 0) editor.updateShapes(updates as never)
    // From here on, these grids' cards refer to the layout just written.
    for (const id of arranged) gridsBefore.set(id, editor.getShape<JourneyShape>(id)!)
    return updates.length > 0
  }

  const flush = (): void => {
    if (editor.isDisposed) return
    if (editor.getIsReadonly()) return void dirty.clear()
    // The person's operations are over once an arrangement writes nothing more.
    if (!arrangeDirty()) {
      gridsBefore.clear()
      movedCards.clear()
    }
  }
  // Arranging waits for the end of the current task: a tool that creates a card in two steps (create, then centre
  // it on the click) is followed once, where it finally lands, and every change of one gesture frame is seen together.
  let isScheduled = false
  const scheduleFlush = (): void => {
    if (isScheduled || dirty.size === 0) return
    isScheduled = true
    queueMicrotask(() => {
      isScheduled = false
      editor.run(flush)
    })
  }

  const removers = [
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (isFollowed(source)) markCard(shape)
      // Two people adding a card to one cell at once both take its free spot: whoever sees the overlap packs the cell,
      // and since packing is deterministic, everyone who does writes the same.
      else if (overlapsCellmate(editor, shape)) markCard(shape)
    }),
    editor.sideEffects.registerAfterChangeHandler('shape', (before, after, source) => {
      if (!isFollowed(source)) return
      if (after.type === JOURNEY) {
        if (!gridsBefore.has(after.id)) gridsBefore.set(after.id, before as JourneyShape)
        dirty.add(after.id)
        return
      }
      if (before.x !== after.x || before.y !== after.y) movedCards.add(after.id)
      markCard(before)
      markCard(after)
    }),
    editor.sideEffects.registerAfterDeleteHandler('shape', (shape, source) => {
      if (isFollowed(source)) markCard(shape)
    }),
    editor.sideEffects.registerOperationCompleteHandler(() => scheduleFlush()),
    // A drop ends the gesture without necessarily changing the store: arrange what waited for it.
    react('arrange after a gesture', () => {
      if (!editor.isInAny(...GESTURES)) scheduleFlush()
    }),
  ]
  return () => removers.forEach((remove) => remove())
}

/** Whether a card overlaps another card filed in the same cell. */
function overlapsCellmate(editor: Editor, shape: TLShape): boolean {
  if (!isCard(shape) || !shape.props.journeyId) return false
  const { journeyId, stageId, laneId, w, h } = shape.props
  return editor.getCurrentPageShapes().some((other) => {
    if (!isCard(other) || other.id === shape.id) return false
    const same = other.props.journeyId === journeyId && other.props.stageId === stageId && other.props.laneId === laneId
    return same && overlaps({ x: shape.x, y: shape.y, w, h }, { x: other.x, y: other.y, w: other.props.w, h: other.props.h })
  })
}

/** A change the arranger writes: a card moved, or a grid's lanes and size. */
export type ShapeUpdate = { id: TLShapeId; type: string; x?: number; y?: number; props?: object }

/**
 * What arranging one grid changes, and where each of its cards ends up (page
 * coordinates). Cards that did not move in this operation sit where `before`
 * laid them out and follow their cells to `after`; cards that moved already
 * refer to `after`. `extra` cards (grid coordinates of `after`) are about to
 * be created: they take their room, and their places are in `positions`.
 */
export function arrangement(
  editor: Editor,
  before: JourneyShape,
  after: JourneyShape,
  movedCards: ReadonlySet<TLShapeId> = new Set(),
  extra: readonly FiledCard[] = [],
): { updates: ShapeUpdate[]; positions: Map<string, { x: number; y: number }> } {
  const pageId = editor.getCurrentPageId()
  const cards = editor
    .getCurrentPageShapes()
    .filter((shape): shape is Card => isCard(shape) && shape.props.journeyId === after.id && shape.parentId === pageId)
  const filed: FiledCard[] = [...extra]
  for (const card of cards) {
    const origin = movedCards.has(card.id) ? after : before
    const at = { x: card.x - origin.x, y: card.y - origin.y, stageId: card.props.stageId, laneId: card.props.laneId }
    const followed = followCell(origin.props, after.props, at)
    if (followed) filed.push({ id: card.id, ...at, ...followed, w: card.props.w, h: card.props.h })
  }
  const arranged = arrangeGrid(after.props, filed)
  const updates: ShapeUpdate[] = []
  const isSameLanes = arranged.lanes.every((lane, i) => lane.height === after.props.lanes[i].height)
  if (!isSameLanes || arranged.w !== after.props.w || arranged.h !== after.props.h) {
    updates.push({ id: after.id, type: JOURNEY, props: { lanes: arranged.lanes, w: arranged.w, h: arranged.h } })
  }
  const positions = new Map([...arranged.positions].map(([id, at]) => [id, { x: after.x + at.x, y: after.y + at.y }]))
  for (const card of cards) {
    const at = positions.get(card.id)
    if (at && (Math.abs(card.x - at.x) > 0.01 || Math.abs(card.y - at.y) > 0.01)) updates.push({ id: card.id, type: card.type, ...at })
  }
  return { updates, positions }
}
