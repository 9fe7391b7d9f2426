import { clip, concatTransformationMatrix, endPath, popGraphicsState, pushGraphicsState, rectangle, rgb, type PDFImage, type PDFPage } from 'pdf-lib'
import type { PdfFonts } from './pdfFonts.js'
import type { Box, PdfImage, PdfOp, Point } from './pdfTypes.js'

/** Maps top-down layout coordinates onto the page: page point = (dx + scale·x, dy + scale·y), still top-down. */
interface Transform {
  scale: number
  dx: number
  dy: number
}

/** Where to draw, with which fonts, and what to call after each clipped group (a card), to yield and check for cancel. */
export interface RenderTarget {
  page: PDFPage
  fonts: PdfFonts
  afterGroup: () => Promise<void>
  /** Embeds an image once per document, however many pages show it. */
  embedImage: (image: PdfImage) => Promise<PDFImage>
}

const IDENTITY: Transform = { scale: 1, dx: 0, dy: 0 }

function compose(outer: Transform, inner: Transform | undefined): Transform {
  if (!inner) return outer
  return { scale: outer.scale * inner.scale, dx: outer.dx + outer.scale * inner.dx, dy: outer.dy + outer.scale * inner.dy }
}

/** A layout point in PDF coordinates (origin bottom-left, y up). */
function toPdf(target: RenderTarget, t: Transform, point: Point): { x: number; y: number } {
  return { x: t.dx + t.scale * point.x, y: target.page.getHeight() - (t.dy + t.scale * point.y) }
}

function pdfBox(target: RenderTarget, t: Transform, box: Box): { x: number; y: number; width: number; height: number } {
  const corner = toPdf(target, t, { x: box.x, y: box.y + box.h })
  return { ...corner, width: box.w * t.scale, height: box.h * t.scale }
}

function svgPath(target: RenderTarget, t: Transform, points: readonly Point[], isClosed: boolean): string {
  const height = target.page.getHeight()
  const coords = points.map((point) => {
    const pdf = toPdf(target, t, point)
    return `${pdf.x.toFixed(2)},${(height - pdf.y).toFixed(2)}`
  })
  return `M${coords.join(' L')}${isClosed ? ' Z' : ''}`
}

function drawShape(target: RenderTarget, t: Transform, op: Exclude<PdfOp, { kind: 'group' | 'text' | 'image' }>): void {
  const { page } = target
  switch (op.kind) {
    case 'rect': {
      const border = op.stroke ? { borderColor: rgb(...op.stroke), borderWidth: (op.lineWidth ?? 1) * t.scale } : {}
      page.drawRectangle({ ...pdfBox(target, t, op.box), ...(op.fill ? { color: rgb(...op.fill) } : {}), ...border })
      return
    }
    case 'line':
      page.drawLine({
        start: toPdf(target, t, op.from),
        end: toPdf(target, t, op.to),
        thickness: op.lineWidth * t.scale,
        color: rgb(...op.color),
        ...(op.dash ? { dashArray: op.dash.map((length) => length * t.scale) } : {}),
      })
      return
    case 'path': {
      const fill = op.fill ? { color: rgb(...op.fill) } : {}
      const stroke = op.lineWidth > 0 ? { borderColor: rgb(...op.color), borderWidth: op.lineWidth * t.scale } : {}
      page.drawSvgPath(svgPath(target, t, op.points, op.isClosed ?? false), { x: 0, y: page.getHeight(), ...fill, ...stroke })
      return
    }
    case 'circle':
      page.drawCircle({ ...toPdf(target, t, op.center), size: op.r * t.scale, color: rgb(...op.fill) })
  }
}

/** Draws layout ops onto a pdf-lib page: shapes as vectors, text as real text with our fonts, groups scaled and clipped. */
export async function renderOps(target: RenderTarget, ops: readonly PdfOp[], transform: Transform = IDENTITY): Promise<void> {
  for (const op of ops) {
    if (op.kind === 'text') {
      const at = toPdf(target, transform, { x: op.x, y: op.baseline })
      target.fonts.drawLine(target.page, op, { ...at, size: op.size * transform.scale, color: op.color })
    } else if (op.kind === 'group') {
      await renderGroup(target, op, transform)
    } else if (op.kind === 'image') {
      await drawImage(target, transform, op.box, op.image)
    } else {
      drawShape(target, transform, op)
    }
  }
}

/**
 * Draws a picture into its box as tldraw shows it: the cropped part scaled to
 * the box (the rest clipped away), mirrored when the shape is flipped.
 */
async function drawImage(target: RenderTarget, t: Transform, box: Box, image: PdfImage): Promise<void> {
  const crop = image.crop && image.crop.w > 0 && image.crop.h > 0 ? image.crop : { x: 0, y: 0, w: 1, h: 1 }
  const whole = pdfBox(target, t, { x: box.x - (crop.x / crop.w) * box.w, y: box.y - (crop.y / crop.h) * box.h, w: box.w / crop.w, h: box.h / crop.h })
  const shown = pdfBox(target, t, box)
  const mirror = concatTransformationMatrix(
    image.isFlippedX ? -1 : 1, 0, 0, image.isFlippedY ? -1 : 1,
    image.isFlippedX ? 2 * shown.x + shown.width : 0, image.isFlippedY ? 2 * shown.y + shown.height : 0,
  )
  target.page.pushOperators(pushGraphicsState(), rectangle(shown.x, shown.y, shown.width, shown.height), clip(), endPath(), mirror)
  target.page.drawImage(await target.embedImage(image), whole)
  target.page.pushOperators(popGraphicsState())
}

async function renderGroup(target: RenderTarget, op: Extract<PdfOp, { kind: 'group' }>, outer: Transform): Promise<void> {
  const inner = compose(outer, op.transform)
  if (op.clip) {
    const box = pdfBox(target, inner, op.clip)
    target.page.pushOperators(pushGraphicsState(), rectangle(box.x, box.y, box.width, box.height), clip(), endPath())
  }
  await renderOps(target, op.ops, inner)
  if (op.clip) {
    target.page.pushOperators(popGraphicsState())
    await target.afterGroup()
  }
}
