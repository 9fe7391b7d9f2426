import { renderPlaintextFromRichText, type Editor, type Geometry2d, type TLRichText, type TLShape, type VecLike } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT } from '../../shared/schema/cards.js'
import type { Box, DrawnShape, Point, Rgb } from './pdf/pdfTypes.js'

/** Our own shapes: the PDF draws them itself, with their fields. */
const OUR_TYPES = new Set<string>([JOURNEY, TOUCHPOINT, GAP, ELEVATOR])
/** Shapes drawn as a labelled placeholder: the PDF never rasterises the map. */
const PLACEHOLDERS: Record<string, DrawnShape['placeholder']> = { image: 'image', video: 'video', embed: 'embed', bookmark: 'embed' }
/** tldraw's stroke widths and font sizes per size style (at scale 1). */
const STROKE = { s: 2, m: 3.5, l: 5, xl: 10 } as const
const TEXT_SIZE = { s: 18, m: 24, l: 36, xl: 44 } as const
const LABEL_SIZE = { s: 18, m: 22, l: 26, xl: 32 } as const
const FRAME_HEADING = 24
const BLACK: Rgb = [0.11, 0.11, 0.11]
const FRAME_STROKE: Rgb = [0.6, 0.62, 0.65]

type Props = Record<string, unknown>
type Size = keyof typeof STROKE

/** tldraw's own shapes on the current page, in paint order, as the PDF map draws them. */
export function readDrawnShapes(editor: Editor): DrawnShape[] {
  const drawn: DrawnShape[] = []
  for (const shape of editor.getCurrentPageShapesSorted()) {
    if (OUR_TYPES.has(shape.type) || shape.type === 'group') continue
    const read = readShape(editor, shape)
    if (read) drawn.push(read)
  }
  return drawn
}

function readShape(editor: Editor, shape: TLShape): DrawnShape | null {
  const bounds = editor.getShapePageBounds(shape)
  if (!bounds) return null
  const props = shape.props as Props
  const palette = editor.getCurrentTheme().colors.light as unknown as Record<string, Record<string, string> | undefined>
  const colorOf = (name: unknown, variant: string): Rgb | null => parseHex(typeof name === 'string' ? palette[name]?.[variant] : undefined)
  const scale = typeof props.scale === 'number' ? props.scale : 1
  const size: Size = typeof props.size === 'string' && props.size in STROKE ? (props.size as Size) : 'm'
  const transform = editor.getShapePageTransform(shape)
  const toPage = (points: readonly VecLike[]): Point[] => points.map((point) => transform.applyToPoint(point)).map(({ x, y }) => ({ x, y }))
  const geometry = editor.getShapeGeometry(shape)
  const parts = 'children' in geometry ? (geometry as Geometry2d & { children: Geometry2d[] }).children : [geometry]
  const body = parts.filter((part) => !part.isLabel && !part.isInternal)
  const label = parts.find((part) => part.isLabel)
  const outlines = body.map((part) => ({ points: toPage(part.vertices), isClosed: part.isClosed }))
  const page: Box = { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }
  const text = readText(editor, props)
  const base: DrawnShape = {
    id: shape.id,
    type: shape.type,
    bounds: page,
    outlines,
    stroke: colorOf(props.color, 'solid') ?? BLACK,
    fill: fillOf(props.fill, (variant) => colorOf(props.color, variant)),
    lineWidth: STROKE[size] * scale,
    dash: props.dash === 'dashed' ? [8 * scale, 6 * scale] : props.dash === 'dotted' ? [1, 5 * scale] : undefined,
    arrowheads: [],
    text,
    textColor: colorOf(props.labelColor ?? props.color, 'solid') ?? BLACK,
    textSize: LABEL_SIZE[size] * scale,
    textAlign: 'center',
    textBox: label ? boxAround(toPage(label.vertices)) : page,
    placeholder: PLACEHOLDERS[shape.type] ?? null,
  }
  switch (shape.type) {
    case 'note':
      return { ...base, stroke: null, fill: colorOf(props.color, 'noteFill'), textColor: colorOf(props.labelColor ?? props.color, 'noteText') ?? BLACK }
    case 'text':
      return { ...base, outlines: [], fill: null, textSize: TEXT_SIZE[size] * scale, textAlign: props.textAlign === 'middle' ? 'center' : 'left' }
    case 'frame':
      return {
        ...base,
        stroke: FRAME_STROKE,
        fill: null,
        lineWidth: 1,
        text: typeof props.name === 'string' ? props.name : '',
        textColor: BLACK,
        textSize: 14,
        textAlign: 'left',
        textBox: { x: page.x, y: page.y - FRAME_HEADING, w: page.w, h: FRAME_HEADING },
      }
    case 'arrow':
      return { ...base, fill: null, arrowheads: arrowheadsOf(props, outlines[0]?.points ?? []) }
    case 'highlight':
      return { ...base, stroke: colorOf(props.color, 'semi'), lineWidth: STROKE[size] * scale * 4 }
    default:
      if (base.placeholder) {
        const caption = [props.altText, props.url].find((value) => typeof value === 'string' && value !== '') as string | undefined
        return { ...base, outlines: [], stroke: null, fill: null, text: caption ?? '', textColor: BLACK, textSize: 12 }
      }
      return base
  }
}

/** The shape's text as plain text: a rich-text label or body, or a plain `text` prop. */
function readText(editor: Editor, props: Props): string {
  if (props.richText && typeof props.richText === 'object') return renderPlaintextFromRichText(editor, props.richText as TLRichText)
  return typeof props.text === 'string' ? props.text : ''
}

/** tldraw's fill styles as one colour: none stays empty, the others take the colour's light or full fill. */
function fillOf(fill: unknown, color: (variant: string) => Rgb | null): Rgb | null {
  if (fill === 'none' || typeof fill !== 'string') return null
  return fill === 'fill' ? color('fill') : color('semi')
}

/** Arrowheads at the ends of an arrow's body that have one, pointing along its last segment. */
function arrowheadsOf(props: Props, points: readonly Point[]): DrawnShape['arrowheads'] {
  if (points.length < 2) return []
  const heads: { tip: Point; from: Point }[] = []
  if (props.arrowheadEnd !== 'none') heads.push({ tip: points[points.length - 1], from: points[points.length - 2] })
  if (props.arrowheadStart !== 'none' && props.arrowheadStart !== undefined) heads.push({ tip: points[0], from: points[1] })
  return heads
}

function boxAround(points: readonly Point[]): Box {
  const xs = points.map((point) => point.x)
  const ys = points.map((point) => point.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

/** `#rrggbb` as an RGB triple; null for anything else (a theme colour in another notation is drawn in the default). */
function parseHex(value: string | undefined): Rgb | null {
  const match = value && /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value)
  return match ? [parseInt(match[1], 16) / 255, parseInt(match[2], 16) / 255, parseInt(match[3], 16) / 255] : null
}
