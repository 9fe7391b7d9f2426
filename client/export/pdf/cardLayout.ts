import { ELEVATOR, GAP, type ElevatorProps, type GapProps, type TouchpointProps } from '../../../shared/schema/cards.js'
import type { PdfText } from './pdfStrings.js'
import type { Box, Measure, PdfOp, Rgb } from './pdfTypes.js'
import { linesNeeded, textBlock, type TextStyle } from './textBlock.js'

/** A card as the map draws it: its type, its box on the board, and its props. */
export type MapCard =
  | { id: string; type: 'touchpoint'; box: Box; props: TouchpointProps }
  | { id: string; type: 'gap'; box: Box; props: GapProps }
  | { id: string; type: 'elevator'; box: Box; props: ElevatorProps }

/** What card layout needs besides the card: labels, a measure, votes, and how to write a due date. */
export interface CardContext {
  t: PdfText
  measure: Measure
  votes: Readonly<Record<string, number>>
  formatDay: (isoDay: string) => string
}

interface Field {
  label: string
  text: string
  tint?: Rgb
  /** The touchpoint's title needs no label: the card's kind already says what it is. */
  isLabelHidden?: boolean
}

const labelHeight = (field: Field) => (field.isLabelHidden ? 0 : LABEL.lineHeight)

interface CardSpec {
  kind: string
  fill: Rgb
  border: Rgb
  borderWidth: number
  fields: Field[]
  chips: { label: string; value: string }[]
}

const INK: Rgb = [0.106, 0.141, 0.188]
const MUTED: Rgb = [0.38, 0.42, 0.47]
const PADDING = 7
const SPACING = 3
const KIND: TextStyle = { size: 9, lineHeight: 12, color: MUTED }
const LABEL: TextStyle = { size: 7.5, lineHeight: 9.5, color: MUTED }
const BODY: TextStyle = { size: 12, lineHeight: 15, color: INK }
const CHIP: TextStyle = { size: 10, lineHeight: 12.5, color: INK }
const CHIP_MIN_WIDTH = 60
const CHIP_ROW = LABEL.lineHeight + CHIP.lineHeight + 1

const SEVERITY_BORDER: Record<GapProps['severity'], Rgb> = { 1: [0.957, 0.635, 0.38], 2: [0.906, 0.435, 0.318], 3: [0.757, 0.071, 0.122] }

function gapSpec(props: GapProps, t: PdfText): CardSpec {
  return {
    kind: t('tool.gap'),
    fill: [1, 0.945, 0.902],
    border: SEVERITY_BORDER[props.severity],
    borderWidth: props.severity === 3 ? 3 : 2,
    fields: [
      { label: t('target'), text: props.target, tint: [0.914, 0.961, 0.925] },
      { label: t('today'), text: props.today, tint: [0.984, 0.894, 0.894] },
    ],
    chips: [...(props.theme.trim() ? [{ label: t('theme'), value: props.theme }] : []), { label: t('severity'), value: String(props.severity) }],
  }
}

function elevatorSpec(id: string, props: ElevatorProps, ctx: CardContext): CardSpec {
  const { t } = ctx
  const votes = Object.hasOwn(ctx.votes, id) ? ctx.votes[id] : 0
  const isDone = props.status === 'done'
  return {
    kind: t('tool.elevator'),
    fill: isDone ? [0.902, 0.965, 0.918] : [0.91, 0.945, 1],
    border: isDone ? [0.169, 0.541, 0.243] : [0.114, 0.435, 0.847],
    borderWidth: 2,
    fields: [
      { label: t('action'), text: props.action },
      { label: t('owner'), text: props.owner },
    ],
    chips: [
      { label: t('effort'), value: props.effort },
      { label: t('impact'), value: String(props.impact) },
      { label: t('status'), value: t(`status.${props.status}`) },
      ...(props.due ? [{ label: t('due'), value: ctx.formatDay(props.due) }] : []),
      ...(votes > 0 ? [{ label: t('votesLabel'), value: String(votes) }] : []),
    ],
  }
}

function touchpointSpec(props: TouchpointProps, t: PdfText): CardSpec {
  return {
    kind: t('tool.touchpoint'),
    fill: [1, 0.984, 0.902],
    border: [0.788, 0.635, 0.153],
    borderWidth: 2,
    fields: [
      { label: t('tool.touchpoint'), text: props.title, isLabelHidden: true },
      { label: t('owner'), text: props.owner },
    ],
    chips: [
      { label: t('channel'), value: t(`channel.${props.channel}`) },
      { label: t('touchpointMode'), value: t(props.isDigital ? 'digital' : 'physical') },
    ],
  }
}

function specOf(card: MapCard, ctx: CardContext): CardSpec {
  if (card.type === GAP) return gapSpec(card.props, ctx.t)
  if (card.type === ELEVATOR) return elevatorSpec(card.id, card.props, ctx)
  return touchpointSpec(card.props, ctx.t)
}

/** Shares `budget` lines out one at a time, so a long field cannot crowd out a short one. */
export function shareLines(needed: readonly number[], budget: number): number[] {
  const given = needed.map(() => 0)
  let left = budget
  while (left > 0 && given.some((count, i) => count < needed[i])) {
    for (let i = 0; i < needed.length && left > 0; i++) {
      if (given[i] < needed[i]) {
        given[i]++
        left--
      }
    }
  }
  return given
}

function chipOps(spec: CardSpec, inner: Box, top: number, measure: Measure): PdfOp[] {
  const perRow = Math.max(1, Math.floor(inner.w / CHIP_MIN_WIDTH))
  const width = inner.w / perRow
  return spec.chips.flatMap((chip, i) => {
    const x = inner.x + (i % perRow) * width
    const y = top + Math.floor(i / perRow) * CHIP_ROW
    const label = textBlock(chip.label.toLocaleUpperCase(), { x, y, w: width - 4, h: LABEL.lineHeight }, LABEL, measure)
    const value = textBlock(chip.value, { x, y: y + LABEL.lineHeight, w: width - 4, h: CHIP.lineHeight }, CHIP, measure)
    return [...label.ops, ...value.ops]
  })
}

function fieldOps(fields: readonly Field[], inner: Box, top: number, bottom: number, measure: Measure): PdfOp[] {
  const labels = fields.reduce((sum, field) => sum + labelHeight(field), 0)
  const budget = Math.floor((bottom - top - labels - (fields.length - 1) * SPACING) / BODY.lineHeight)
  const given = shareLines(fields.map((field) => linesNeeded(field.text, inner.w, BODY, measure, Math.max(0, budget))), Math.max(0, budget))
  const ops: PdfOp[] = []
  let y = top
  fields.forEach((field, i) => {
    if (given[i] === 0) return
    const label = labelHeight(field)
    const height = label + given[i] * BODY.lineHeight
    if (field.tint) ops.push({ kind: 'rect', box: { x: inner.x - 3, y: y - 1, w: inner.w + 6, h: height + 2 }, fill: field.tint })
    if (label > 0) ops.push(...textBlock(field.label.toLocaleUpperCase(), { x: inner.x, y, w: inner.w, h: label }, LABEL, measure).ops)
    ops.push(...textBlock(field.text, { x: inner.x, y: y + label, w: inner.w, h: given[i] * BODY.lineHeight }, BODY, measure).ops)
    y += height + SPACING
  })
  return ops
}

/**
 * A card's drawing: its box, its kind, its text fields wrapped inside it
 * (cut with an ellipsis when they do not fit, long fields sharing the room
 * fairly) and its chips (effort, impact…) along the bottom when there is room.
 * Everything sits inside the card, and the group clips to it besides.
 */
export function layoutCard(card: MapCard, ctx: CardContext): PdfOp {
  const spec = specOf(card, ctx)
  const { box } = card
  const inner = { x: box.x + PADDING, y: box.y + PADDING, w: box.w - 2 * PADDING, h: box.h - 2 * PADDING }
  const ops: PdfOp[] = [{ kind: 'rect', box, fill: spec.fill, stroke: spec.border, lineWidth: spec.borderWidth }]
  if (inner.w <= 0 || inner.h <= 0) return { kind: 'group', clip: box, ops }
  const bottom = inner.y + inner.h
  const kind = textBlock(spec.kind.toLocaleUpperCase(), { ...inner, h: KIND.lineHeight }, KIND, ctx.measure)
  ops.push(...kind.ops)
  const top = inner.y + kind.height + (kind.height > 0 ? SPACING : 0)
  const fields = spec.fields.filter((field) => field.text.trim() !== '')
  const chipsHeight = Math.ceil(spec.chips.length / Math.max(1, Math.floor(inner.w / CHIP_MIN_WIDTH))) * CHIP_ROW
  const fieldsMin = fields.reduce((sum, field) => sum + labelHeight(field) + BODY.lineHeight + SPACING, 0)
  const hasChips = spec.chips.length > 0 && bottom - top >= fieldsMin + chipsHeight
  const fieldsBottom = hasChips ? bottom - chipsHeight - SPACING : bottom
  ops.push(...fieldOps(fields, inner, top, fieldsBottom, ctx.measure))
  if (hasChips) ops.push(...chipOps(spec, inner, bottom - chipsHeight, ctx.measure))
  return { kind: 'group', clip: box, ops }
}
