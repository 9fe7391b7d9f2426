import { T } from '@tldraw/validate'
import type { PlanShape } from '../../../shared/rules/actionPlan.js'
import { ELEVATOR, elevatorProps, GAP, gapProps, JOURNEY, journeyProps, TOUCHPOINT, touchpointProps } from '../../../shared/schema/cards.js'
import { linkPoints } from '../../board/linkRoute.js'
import { layoutCard, type CardContext, type MapCard } from './cardLayout.js'
import { drawnShapeItem } from './drawnShapes.js'
import { layoutJourney, type MapJourney } from './journeyLayout.js'
import { intersects, TILE_OVERLAP, unionBoxes, type MapTile } from './pageGeometry.js'
import type { Box, DrawnShape, PdfOp, Point, Rgb } from './pdfTypes.js'
import { textBlock } from './textBlock.js'

/** One thing on the map (a grid, a link or a card) with the box it covers, so a tile draws only what it shows. */
export interface MapItem {
  kind: 'journey' | 'drawn' | 'link' | 'card'
  id: string
  bounds: Box
  ops: PdfOp[]
}

/** The map's drawing in board units: items in paint order (grids, tldraw's shapes, links, cards) and the box around them all. */
export interface MapDrawing {
  items: MapItem[]
  bounds: Box | null
}

const validJourney = T.object(journeyProps)
const validCard = { [TOUCHPOINT]: T.object(touchpointProps), [GAP]: T.object(gapProps), [ELEVATOR]: T.object(elevatorProps) }
const LINK: Rgb = [0.114, 0.435, 0.847]
const ARROW = 12

/** The board's grids and cards with valid props; anything else (tldraw's own shapes, a bad record) is left out. */
export function mapShapes(shapes: readonly PlanShape[]): { journeys: MapJourney[]; cards: MapCard[] } {
  const journeys: MapJourney[] = []
  const cards: MapCard[] = []
  for (const shape of shapes) {
    const x = shape.x ?? 0
    const y = shape.y ?? 0
    if (shape.type === JOURNEY && validJourney.isValid(shape.props)) journeys.push({ id: shape.id, x, y, props: shape.props })
    if (shape.type !== TOUCHPOINT && shape.type !== GAP && shape.type !== ELEVATOR) continue
    if (!validCard[shape.type].isValid(shape.props)) continue
    const props = shape.props as MapCard['props']
    cards.push({ id: shape.id, type: shape.type, box: { x, y, w: props.w, h: props.h }, props } as MapCard)
  }
  return { journeys, cards }
}

/**
 * The link from the elevator to the gap it crosses, routed as the canvas
 * routes it (linkRoute.ts: straight, or an elbow round the cards in the way):
 * a dashed line with an arrowhead at the gap.
 */
function linkItem(elevator: MapCard, gap: MapCard, others: readonly Box[]): MapItem | null {
  const points = linkPoints(elevator.box, gap.box, others)
  const to = points[points.length - 1]!
  const last = points[points.length - 2]!
  const length = Math.hypot(to.x - last.x, to.y - last.y)
  if (length === 0) return null
  // The arrowhead points along the last segment; an elbow's last segment (the gutter into the gap) can be shorter
  // than the head, which then overlaps the corner, as the canvas's marker does.
  const ux = (to.x - last.x) / length
  const uy = (to.y - last.y) / length
  const base = { x: to.x - ux * ARROW, y: to.y - uy * ARROW }
  const head = [to, { x: base.x - uy * ARROW * 0.45, y: base.y + ux * ARROW * 0.45 }, { x: base.x + uy * ARROW * 0.45, y: base.y - ux * ARROW * 0.45 }]
  const segments = points.slice(0, -1).map((from, i) => ({ from, to: i === points.length - 2 ? base : points[i + 1]! }))
  const ops: PdfOp[] = segments
    .filter((segment, i) => i < segments.length - 1 || length > ARROW)
    .map((segment) => ({ kind: 'line', from: segment.from, to: segment.to, color: LINK, lineWidth: 2.5, dash: [6, 4] }))
  ops.push({ kind: 'path', points: head, color: LINK, lineWidth: 0, isClosed: true, fill: LINK })
  const bounds = unionBoxes(points.map((point) => ({ ...point, w: 0, h: 0 }))) as Box
  return { kind: 'link', id: elevator.id, bounds: { x: bounds.x - ARROW, y: bounds.y - ARROW, w: bounds.w + 2 * ARROW, h: bounds.h + 2 * ARROW }, ops }
}

const PLACEHOLDER_KEYS = { image: 'placeholderImage', video: 'placeholderVideo', embed: 'placeholderEmbed' } as const

/** Lays out the whole map in board units: pure, so tests can check every text line stays inside its card. */
export function layoutMap(shapes: readonly PlanShape[], ctx: CardContext, drawn: readonly DrawnShape[] = []): MapDrawing {
  const { journeys, cards } = mapShapes(shapes)
  const items: MapItem[] = journeys.map((journey) => ({ kind: 'journey', id: journey.id, ...toItem(layoutJourney(journey, ctx.measure)) }))
  for (const shape of drawn) items.push({ kind: 'drawn', ...drawnShapeItem(shape, ctx.measure, (kind) => ctx.t(PLACEHOLDER_KEYS[kind])) })
  const gaps = new Map(cards.filter((card) => card.type === GAP).map((card) => [card.id, card]))
  for (const card of cards) {
    const gap = card.type === ELEVATOR ? gaps.get(card.props.gapId) : undefined
    const others = gap ? cards.filter((other) => other !== card && other !== gap).map((other) => other.box) : []
    const link = gap && linkItem(card, gap, others)
    if (link) items.push(link)
  }
  for (const card of cards) items.push({ kind: 'card', id: card.id, bounds: card.box, ops: [layoutCard(card, ctx)] })
  return { items, bounds: unionBoxes(items.map((item) => item.bounds)) }
}

function toItem(laid: { box: Box; ops: PdfOp[] }): { bounds: Box; ops: PdfOp[] } {
  return { bounds: laid.box, ops: laid.ops }
}

function overlapMarks(tile: MapTile): PdfOp[] {
  const { area, overlaps } = tile
  const mark = { kind: 'line', color: [0.45, 0.5, 0.56], lineWidth: 0.75, dash: [4, 3] } as const
  const ops: PdfOp[] = [{ kind: 'rect', box: area, stroke: [0.75, 0.78, 0.82], lineWidth: 0.5 }]
  const right = area.x + area.w
  const bottom = area.y + area.h
  if (overlaps.left) ops.push({ ...mark, from: { x: area.x + TILE_OVERLAP, y: area.y }, to: { x: area.x + TILE_OVERLAP, y: bottom } })
  if (overlaps.right) ops.push({ ...mark, from: { x: right - TILE_OVERLAP, y: area.y }, to: { x: right - TILE_OVERLAP, y: bottom } })
  if (overlaps.top) ops.push({ ...mark, from: { x: area.x, y: area.y + TILE_OVERLAP }, to: { x: right, y: area.y + TILE_OVERLAP } })
  if (overlaps.bottom) ops.push({ ...mark, from: { x: area.x, y: bottom - TILE_OVERLAP }, to: { x: right, y: bottom - TILE_OVERLAP } })
  return ops
}

/** Leaves out text lines wholly outside the tile: clipped away, they would still be found by search on this page. */
function visibleOps(ops: readonly PdfOp[], view: Box): PdfOp[] {
  return ops.flatMap((op): PdfOp[] => {
    if (op.kind === 'text') return intersects(op.box, view) ? [op] : []
    if (op.kind === 'group') return [{ ...op, ops: visibleOps(op.ops, view) }]
    return [op]
  })
}

/** One map page: the items this tile shows, scaled onto the page and clipped to the tile, plus overlap marks when tiled. */
export function mapPage(drawing: MapDrawing, tile: MapTile): PdfOp[] {
  const { view, area, scale } = tile
  const items = drawing.items.filter((item) => intersects(item.bounds, view))
  const group: PdfOp = {
    kind: 'group',
    transform: { scale, dx: area.x - view.x * scale, dy: area.y - view.y * scale },
    clip: view,
    ops: items.flatMap((item) => visibleOps(item.ops, view)),
  }
  const isTiled = tile.rows * tile.columns > 1
  return isTiled ? [group, ...overlapMarks(tile)] : [group]
}

/** The page shown when the board has nothing to draw. */
export function emptyMapPage(area: Box, message: string, measure: CardContext['measure']): PdfOp[] {
  return textBlock(message, area, { size: 12, lineHeight: 16, color: [0.38, 0.42, 0.47] }, measure).ops
}
