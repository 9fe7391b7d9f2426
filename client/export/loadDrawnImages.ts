import type { Editor, TLAssetId, TLShapeCrop } from 'tldraw'
import type { DrawnShape, PdfImage } from './pdf/pdfTypes.js'

/**
 * Reads the files of the board's images so the PDF can embed them: PNG and
 * JPEG as they are, other formats (GIF, WebP, SVG) drawn once to a canvas and
 * taken as PNG. Only files already in the page (data and blob URLs) or on our
 * own server are read: the export never asks another host. An image that
 * cannot be read stays a labelled placeholder.
 */
export async function loadDrawnImages(editor: Editor, drawn: readonly DrawnShape[]): Promise<DrawnShape[]> {
  return Promise.all(
    drawn.map(async (shape) => {
      if (shape.placeholder !== 'image') return shape
      const image = await readImage(editor, shape.id).catch(() => null)
      return image ? { ...shape, image } : shape
    }),
  )
}

/** What the PDF needs of an image shape's props. */
interface ImageProps {
  assetId?: TLAssetId | null
  crop?: TLShapeCrop | null
  flipX?: boolean
  flipY?: boolean
}

/** The picture of an image shape, with its crop (as shares of the picture) and flips. */
async function readImage(editor: Editor, shapeId: string): Promise<PdfImage | null> {
  const props = editor.getShape(shapeId as never)?.props as ImageProps | undefined
  const url = props?.assetId && (await editor.resolveAssetUrl(props.assetId, { shouldResolveToOriginal: true }))
  if (!url || !isOnThisHost(url)) return null
  const response = await fetch(url)
  if (!response.ok) return null
  const bytes = new Uint8Array(await response.arrayBuffer())
  const format = formatOf(bytes)
  const crop = props.crop
  return {
    ...(format ? { bytes, format } : { bytes: await toPng(new Blob([bytes], { type: response.headers.get('content-type') ?? '' })), format: 'png' as const }),
    ...(crop ? { crop: { x: crop.topLeft.x, y: crop.topLeft.y, w: crop.bottomRight.x - crop.topLeft.x, h: crop.bottomRight.y - crop.topLeft.y } } : {}),
    isFlippedX: props.flipX === true,
    isFlippedY: props.flipY === true,
  }
}

/** Data and blob URLs, and URLs of our own origin. */
function isOnThisHost(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true
  try {
    return new URL(url, location.href).origin === location.origin
  } catch {
    return false
  }
}

/** PNG or JPEG by their first bytes; null for anything else. */
export function formatOf(bytes: Uint8Array): PdfImage['format'] | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return null
}

async function toPng(blob: Blob): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(blob)
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0)
  bitmap.close()
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
}
