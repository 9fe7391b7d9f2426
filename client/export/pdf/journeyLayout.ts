import { emotionCurvePoints, gridSize, LANE_HEADER_WIDTH, laneOffsets, STAGE_HEADER_HEIGHT, stageOffsets } from '../../../shared/journey/layout.js'
import type { JourneyProps } from '../../../shared/schema/cards.js'
import type { Box, Measure, PdfOp, Rgb } from './pdfTypes.js'
import { textBlock, type TextStyle } from './textBlock.js'

/** A journey grid as the map draws it: its id, its top-left corner on the board, and its props. */
export interface MapJourney {
  id: string
  x: number
  y: number
  props: JourneyProps
}

const LINE: Rgb = [0.816, 0.847, 0.886]
const HEADER_LINE: Rgb = [0.725, 0.776, 0.839]
const EMOTION: Rgb = [0.906, 0.435, 0.318]
const WHITE: Rgb = [1, 1, 1]
const INK: Rgb = [0.106, 0.141, 0.188]
const HEADER_TEXT: TextStyle = { size: 14, lineHeight: 17, color: INK }
const LANE_TEXT: TextStyle = { size: 13, lineHeight: 16, color: INK }
const LINK_TEXT: TextStyle = { size: 12, lineHeight: 15, color: [0.29, 0.33, 0.4] }
const CELL_PADDING = 8

const PALETTE = {
  customer: { title: [0.114, 0.208, 0.341], stage: [0.89, 0.918, 0.953] },
  employee: { title: [0.416, 0.298, 0.576], stage: [0.925, 0.902, 0.961] },
} as const satisfies Record<JourneyProps['kind'], { title: Rgb; stage: Rgb }>

/** Text centred vertically in a cell: as many lines as fit, with an ellipsis when cut. */
function cellText(text: string, cell: Box, style: TextStyle, measure: Measure): PdfOp[] {
  const inner = { x: cell.x + CELL_PADDING, y: cell.y + 4, w: cell.w - 2 * CELL_PADDING, h: cell.h - 8 }
  const block = textBlock(text, inner, style, measure)
  const shift = Math.max(0, (inner.h - block.height) / 2)
  return block.ops.map((op) => ({ ...op, baseline: op.baseline + shift, box: { ...op.box, y: op.box.y + shift } }))
}

function headerOps(journey: MapJourney, size: { w: number; h: number }, measure: Measure): PdfOp[] {
  const { x, y, props } = journey
  const palette = PALETTE[props.kind]
  const xs = stageOffsets(props.stages)
  const ys = laneOffsets(props.lanes)
  const ops: PdfOp[] = [
    { kind: 'rect', box: { x: x + LANE_HEADER_WIDTH, y, w: size.w - LANE_HEADER_WIDTH, h: STAGE_HEADER_HEIGHT }, fill: palette.stage },
    { kind: 'rect', box: { x, y: y + STAGE_HEADER_HEIGHT, w: LANE_HEADER_WIDTH, h: size.h - STAGE_HEADER_HEIGHT }, fill: [0.945, 0.957, 0.973] },
  ]
  const titleCell = { x, y, w: LANE_HEADER_WIDTH, h: STAGE_HEADER_HEIGHT }
  ops.push({ kind: 'rect', box: titleCell, fill: palette.title }, ...cellText(props.title, titleCell, { ...HEADER_TEXT, color: WHITE }, measure))
  props.stages.forEach((stage, i) => {
    const cell = { x: x + xs[i], y, w: stage.width, h: STAGE_HEADER_HEIGHT }
    ops.push(...cellText(stage.title, cell, { ...HEADER_TEXT, align: 'center' }, measure))
  })
  props.lanes.forEach((lane, i) => ops.push(...cellText(lane.title, { x, y: y + ys[i], w: LANE_HEADER_WIDTH, h: lane.height }, LANE_TEXT, measure)))
  return ops
}

function cellLineOps(journey: MapJourney, size: { w: number; h: number }): PdfOp[] {
  const { x, y, props } = journey
  const ops: PdfOp[] = []
  for (const stageX of stageOffsets(props.stages)) {
    ops.push({ kind: 'line', from: { x: x + stageX, y }, to: { x: x + stageX, y: y + STAGE_HEADER_HEIGHT }, color: HEADER_LINE, lineWidth: 1 })
    ops.push({ kind: 'line', from: { x: x + stageX, y: y + STAGE_HEADER_HEIGHT }, to: { x: x + stageX, y: y + size.h }, color: LINE, lineWidth: 1, dash: [4, 3] })
  }
  for (const laneY of laneOffsets(props.lanes)) {
    ops.push({ kind: 'line', from: { x, y: y + laneY }, to: { x: x + size.w, y: y + laneY }, color: LINE, lineWidth: 1 })
  }
  return ops
}

function laneContentOps(journey: MapJourney, size: { w: number; h: number }, measure: Measure): PdfOp[] {
  const { x, y, props } = journey
  const xs = stageOffsets(props.stages)
  const ys = laneOffsets(props.lanes)
  const ops: PdfOp[] = []
  props.lanes.forEach((lane, laneIndex) => {
    const top = y + ys[laneIndex]
    const left = x + LANE_HEADER_WIDTH
    const width = size.w - LANE_HEADER_WIDTH
    if (lane.kind === 'emotion') {
      ops.push({ kind: 'rect', box: { x: left, y: top, w: width, h: lane.height / 2 }, fill: [0.918, 0.969, 0.933] })
      ops.push({ kind: 'rect', box: { x: left, y: top + lane.height / 2, w: width, h: lane.height / 2 }, fill: [0.992, 0.925, 0.925] })
      ops.push({ kind: 'line', from: { x: left, y: top + lane.height / 2 }, to: { x: left + width, y: top + lane.height / 2 }, color: LINE, lineWidth: 0.75, dash: [2, 3] })
    }
    if (lane.kind !== 'link') return
    props.stages.forEach((stage, i) => {
      const linked = props.stageLinks[stage.id]
      if (linked) ops.push(...cellText(`→ ${linked}`, { x: x + xs[i], y: top, w: stage.width, h: lane.height }, LINK_TEXT, measure))
    })
  })
  return ops
}

function emotionOps(journey: MapJourney): PdfOp[] {
  const points = emotionCurvePoints(journey.props).map((point) => ({ x: journey.x + point.x, y: journey.y + point.y }))
  if (points.length === 0) return []
  const ops: PdfOp[] = points.length > 1 ? [{ kind: 'path', points, color: EMOTION, lineWidth: 3 }] : []
  for (const center of points) {
    ops.push({ kind: 'circle', center, r: 6, fill: EMOTION }, { kind: 'circle', center, r: 3.5, fill: WHITE })
  }
  return ops
}

/** A journey grid's drawing: title, stage and lane headers, cell lines, emotion lane and curve, links to customer stages. */
export function layoutJourney(journey: MapJourney, measure: Measure): { box: Box; ops: PdfOp[] } {
  const size = gridSize(journey.props)
  const box = { x: journey.x, y: journey.y, w: size.w, h: size.h }
  const ops: PdfOp[] = [
    { kind: 'rect', box, fill: WHITE },
    ...headerOps(journey, size, measure),
    ...laneContentOps(journey, size, measure),
    ...cellLineOps(journey, size),
    ...emotionOps(journey),
    { kind: 'rect', box, stroke: PALETTE[journey.props.kind].title, lineWidth: 2 },
  ]
  return { box, ops }
}
