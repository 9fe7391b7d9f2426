/**
 * Why this exists: fontkit's TrueType subsetter writes the short `loca` format
 * (offsets halved) whenever the subset is under 128 KB, which is only correct
 * when every glyph's data has an even length. Noto Emoji stores many glyphs
 * with odd lengths, so a subset of it comes out corrupt: glyphs after an odd
 * one read from the wrong place, and flags (composite glyphs) draw nothing.
 * Padding every glyph to a multiple of four bytes, as most fonts already do
 * (DejaVu does), makes the subset correct. Only `glyf`, `loca` and the table
 * directory change; outlines and metrics stay as they are.
 */

interface TableRecord {
  tag: string
  offset: number
  length: number
}

function readTables(view: DataView): TableRecord[] {
  const count = view.getUint16(4)
  const tables: TableRecord[] = []
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3))
    tables.push({ tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) })
  }
  return tables
}

const align4 = (length: number) => (length + 3) & ~3

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(align4(bytes.length))
  padded.set(bytes)
  const view = new DataView(padded.buffer)
  let sum = 0
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0
  return sum
}

/** glyf with each glyph padded to four bytes, and a long-format loca pointing into it. */
function paddedGlyphs(font: Uint8Array, offsets: readonly number[], glyf: TableRecord): { glyf: Uint8Array; loca: Uint8Array } {
  const starts: number[] = []
  let total = 0
  for (let i = 0; i < offsets.length - 1; i++) {
    starts.push(total)
    total += align4(offsets[i + 1] - offsets[i])
  }
  starts.push(total)
  const glyphs = new Uint8Array(total)
  for (let i = 0; i < offsets.length - 1; i++) glyphs.set(font.subarray(glyf.offset + offsets[i], glyf.offset + offsets[i + 1]), starts[i])
  const loca = new Uint8Array(starts.length * 4)
  const locaView = new DataView(loca.buffer)
  starts.forEach((start, i) => locaView.setUint32(i * 4, start))
  return { glyf: glyphs, loca }
}

function locaOffsets(view: DataView, loca: TableRecord, isLong: boolean, numGlyphs: number): number[] {
  const offsets: number[] = []
  for (let i = 0; i <= numGlyphs; i++) offsets.push(isLong ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2)
  return offsets
}

/** Writes a font file from its tables, each four-byte aligned, with fresh checksums. */
function writeFont(header: Uint8Array, tables: readonly { tag: string; data: Uint8Array }[]): Uint8Array {
  const directoryEnd = 12 + tables.length * 16
  const size = tables.reduce((sum, table) => sum + align4(table.data.length), directoryEnd)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out.set(header.subarray(0, 12))
  let offset = directoryEnd
  tables.forEach((table, i) => {
    const at = 12 + i * 16
    for (let c = 0; c < 4; c++) view.setUint8(at + c, table.tag.charCodeAt(c))
    view.setUint32(at + 4, checksum(table.data))
    view.setUint32(at + 8, offset)
    view.setUint32(at + 12, table.data.length)
    out.set(table.data, offset)
    offset += align4(table.data.length)
  })
  return out
}

/** A TrueType font whose glyph data fontkit can subset safely; the same bytes when every glyph is already padded. */
export function padGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength)
  const tables = readTables(view)
  const find = (tag: string) => tables.find((table) => table.tag === tag)
  const [glyf, loca, head, maxp] = [find('glyf'), find('loca'), find('head'), find('maxp')]
  if (!glyf || !loca || !head || !maxp) return font
  const isLong = view.getInt16(head.offset + 50) === 1
  const offsets = locaOffsets(view, loca, isLong, view.getUint16(maxp.offset + 4))
  if (offsets.every((offset) => offset % 2 === 0)) return font
  const padded = paddedGlyphs(font, offsets, glyf)
  const rebuilt = tables.map((table) => {
    if (table.tag === 'glyf') return { tag: table.tag, data: padded.glyf }
    if (table.tag === 'loca') return { tag: table.tag, data: padded.loca }
    const data = font.slice(table.offset, table.offset + table.length)
    if (table.tag === 'head') new DataView(data.buffer).setInt16(50, 1)
    return { tag: table.tag, data }
  })
  return writeFont(font, rebuilt)
}
