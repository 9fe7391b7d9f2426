import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { getIndexAbove, getIndicesAbove, ZERO_INDEX_KEY } from '@tldraw/utils'
import { cellBounds, type Cell } from '../journey/layout.js'
import type { ELEVATOR, GAP, JOURNEY, JourneyShape, Placement } from '../schema/cards.js'

/** The page every template puts its shapes on: tldraw's default page id. */
export const TEMPLATE_PAGE_ID = 'page:page' as TLPageId

/** Shape types a template places. */
export type TemplateShapeType = typeof JOURNEY | typeof GAP | typeof ELEVATOR

/** A template shape before it is given its index key, which depends on its place in the board. */
export type ShapeDraft = { [K in TemplateShapeType]: Omit<TLShape<K>, 'index'> }[TemplateShapeType]

/** A top-left position on the page. */
export interface Position {
  x: number
  y: number
}

/** A shape on the page, unrotated, unlocked and opaque: how every template shape starts. */
export function draftShape<K extends TemplateShapeType>(type: K, id: TLShapeId, at: Position, props: TLShape<K>['props']): ShapeDraft {
  const draft = { id, typeName: 'shape', type, x: at.x, y: at.y, rotation: 0, parentId: TEMPLATE_PAGE_ID, isLocked: false, opacity: 1, props, meta: {} }
  return draft as ShapeDraft
}

/**
 * Where a card of size `w`×`h` goes to sit centred in a cell of a grid on the
 * page, and the placement props that name the cell; throws for an unknown cell,
 * which is a bug in a template.
 */
export function placeInCell(grid: Pick<JourneyShape, 'id' | 'x' | 'y' | 'props'>, cell: Cell, w: number, h: number): { at: Position; placement: Placement } {
  const bounds = cellBounds(grid.props, cell)
  if (bounds === null) throw new Error(`no cell ${cell.stageId} × ${cell.laneId} in ${grid.id}`)
  return {
    at: { x: grid.x + bounds.x + (bounds.w - w) / 2, y: grid.y + bounds.y + (bounds.h - h) / 2 },
    placement: { journeyId: grid.id, stageId: cell.stageId, laneId: cell.laneId },
  }
}

/** A new board's records: the document, its one page, and the shapes with index keys rising in the order given. */
export function boardRecords(pageName: string, drafts: readonly ShapeDraft[]): TLRecord[] {
  const document = DocumentRecordType.create({ id: TLDOCUMENT_ID })
  const page = PageRecordType.create({ id: TEMPLATE_PAGE_ID, name: pageName, index: getIndexAbove(ZERO_INDEX_KEY) })
  const indices = getIndicesAbove(ZERO_INDEX_KEY, drafts.length)
  const shapes = drafts.map((draft, i) => ({ ...draft, index: indices[i] }) as TLShape)
  return [document, page, ...shapes]
}
