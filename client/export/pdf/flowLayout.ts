import type { Box, LaidOutPage, Measure, PdfOp, Point, Rgb } from './pdfTypes.js'
import { lineOp, type TextStyle } from './textBlock.js'
import { fitText, wrapLines, type WrappedLine } from './wrapText.js'

/** Text styles of the document pages. */
export const FLOW_STYLES = {
  title: { size: 18, lineHeight: 23, color: [0.114, 0.208, 0.341] },
  heading: { size: 13.5, lineHeight: 18, color: [0.114, 0.208, 0.341] },
  subheading: { size: 11, lineHeight: 14.5, color: [0.106, 0.141, 0.188] },
  body: { size: 10, lineHeight: 13.5, color: [0.106, 0.141, 0.188] },
  muted: { size: 9, lineHeight: 12, color: [0.38, 0.42, 0.47] },
  cell: { size: 9, lineHeight: 12, color: [0.106, 0.141, 0.188] },
} as const satisfies Record<string, TextStyle>

/** A table column: its title and its share of the width (shares are normalised). */
export interface FlowColumn {
  title: string
  share: number
}

const RULE: Rgb = [0.82, 0.85, 0.89]
const HEADER_FILL: Rgb = [0.93, 0.95, 0.97]
const CELL_PADDING = 3

/** Writes text top to bottom over as many pages as it needs; long paragraphs and table rows continue on the next page. */
export class PageFlow {
  private readonly pages: LaidOutPage[] = []
  private ops: PdfOp[] = []
  private y: number

  /** A flow over pages of one size, writing into `area` (points, top-down); `header` is every page's running title. */
  constructor(
    private readonly page: { width: number; height: number },
    private readonly area: Box,
    private readonly measure: Measure,
    private readonly header: string,
  ) {
    this.y = area.y
  }

  /** A heading of at most `maxLines` lines, kept on the same page as the next few lines. */
  heading(text: string, style: TextStyle, options: { maxLines?: number; indent?: number } = {}): void {
    const indent = options.indent ?? 0
    const lines = fitText(text, this.area.w - indent, options.maxLines ?? 3, (line) => this.measure(line, style.size)).lines
    this.ensure(lines.length * style.lineHeight + 3 * FLOW_STYLES.body.lineHeight)
    this.writeLines(lines, style, indent)
    this.y += 2
  }

  /** Wrapped text, split across pages between lines; `maxLines` cuts it with an ellipsis. */
  paragraph(text: string, style: TextStyle, options: { indent?: number; maxLines?: number } = {}): void {
    const indent = options.indent ?? 0
    const width = this.area.w - indent
    const measureLine = (line: string) => this.measure(line, style.size)
    const lines = options.maxLines ? fitText(text, width, options.maxLines, measureLine).lines : wrapLines(text, width, measureLine)
    this.writeLines(lines, style, indent)
  }

  /** A table with a header row repeated on every page it spans; cells wrap, and a tall row continues on the next page. */
  table(columns: readonly FlowColumn[], rows: readonly (readonly string[])[], options: { indent?: number } = {}): void {
    const indent = options.indent ?? 0
    const table = createTable(columns, { ...this.area, x: this.area.x + indent, w: this.area.w - indent }, this.measure)
    this.ensure(table.headerHeight + 2 * FLOW_STYLES.cell.lineHeight)
    this.tableHeader(table)
    for (const row of rows) {
      const cells = table.wrap(row)
      const total = Math.max(1, ...cells.map((cell) => cell.length))
      let done = 0
      let isFresh = false
      while (done < total) {
        const fits = Math.floor((this.room() - 2 * CELL_PADDING) / FLOW_STYLES.cell.lineHeight)
        if (fits < Math.min(2, total - done) && !isFresh) {
          this.newPage()
          this.tableHeader(table)
          isFresh = true
          continue
        }
        const count = Math.max(1, Math.min(fits, total - done))
        this.ops.push(...table.slice(cells, done, count, this.y))
        this.y += count * FLOW_STYLES.cell.lineHeight + 2 * CELL_PADDING
        done += count
        isFresh = false
      }
    }
    this.y += 6
  }

  /** Starts a new page unless `height` more fits on this one: keeps a heading with the figure under it. */
  keepTogether(height: number): void {
    this.ensure(Math.min(height, this.area.h))
  }

  /** A drawing of a fixed height (a chart), kept whole on one page and never taller than one; `draw` gets its top-left corner. */
  figure(height: number, draw: (origin: Point) => PdfOp[]): void {
    const fitted = Math.min(height, this.area.h)
    this.ensure(fitted)
    this.ops.push(...draw({ x: this.area.x, y: this.y }))
    this.y += fitted
  }

  /** Vertical white space, never past the page's end. */
  space(height: number): void {
    this.y = Math.min(this.area.y + this.area.h, this.y + height)
  }

  /** The pages written so far, the last one included. */
  finish(): LaidOutPage[] {
    if (this.ops.length > 0 || this.pages.length === 0) this.newPage()
    return this.pages
  }

  private room(): number {
    return this.area.y + this.area.h - this.y
  }

  private newPage(): void {
    this.pages.push({ ...this.page, ops: this.ops, header: this.header })
    this.ops = []
    this.y = this.area.y
  }

  private ensure(height: number): void {
    if (this.room() < height && this.y > this.area.y) this.newPage()
  }

  private tableHeader(table: Table): void {
    this.ops.push(...table.header(this.y))
    this.y += table.headerHeight
  }

  private writeLines(lines: readonly WrappedLine[], style: TextStyle, indent: number): void {
    const box = { x: this.area.x + indent, y: 0, w: this.area.w - indent, h: style.lineHeight }
    for (const line of lines) {
      this.ensure(style.lineHeight)
      this.ops.push(lineOp(line, box, this.y, style, this.measure))
      this.y += style.lineHeight
    }
  }
}

type Table = ReturnType<typeof createTable>

/** Column geometry and drawing for one table: header ops, wrapped cells, and a slice of a row's lines. */
function createTable(columns: readonly FlowColumn[], area: Box, measure: Measure) {
  const style = FLOW_STYLES.cell
  const total = columns.reduce((sum, column) => sum + column.share, 0)
  const boxes = columns.reduce<Box[]>((list, column) => {
    const x = list.length === 0 ? area.x : list[list.length - 1].x + list[list.length - 1].w
    return [...list, { x, y: 0, w: (area.w * column.share) / total, h: style.lineHeight }]
  }, [])
  const inner = (box: Box): Box => ({ ...box, x: box.x + CELL_PADDING, w: box.w - 2 * CELL_PADDING })
  const headerStyle = { ...style, color: [0.29, 0.33, 0.4] as Rgb }
  const titles = columns.map((column, i) => fitText(column.title, inner(boxes[i]).w, 2, (text) => measure(text, style.size)).lines)
  const headerHeight = Math.max(1, ...titles.map((lines) => lines.length)) * style.lineHeight + 2 * CELL_PADDING
  return {
    headerHeight,
    header(top: number): PdfOp[] {
      const ops: PdfOp[] = [{ kind: 'rect', box: { x: area.x, y: top, w: area.w, h: headerHeight }, fill: HEADER_FILL }]
      titles.forEach((lines, i) => {
        lines.forEach((line, j) => ops.push(lineOp(line, inner(boxes[i]), top + CELL_PADDING + j * style.lineHeight, headerStyle, measure)))
      })
      return ops
    },
    wrap(row: readonly string[]): WrappedLine[][] {
      return boxes.map((box, i) => wrapLines(row[i] ?? '', inner(box).w, (text) => measure(text, style.size)))
    },
    slice(cells: WrappedLine[][], from: number, count: number, top: number): PdfOp[] {
      const ops: PdfOp[] = []
      cells.forEach((lines, i) => {
        lines.slice(from, from + count).forEach((line, j) => {
          ops.push(lineOp(line, inner(boxes[i]), top + CELL_PADDING + j * style.lineHeight, style, measure))
        })
      })
      const rowBottom = top + count * style.lineHeight + 2 * CELL_PADDING
      ops.push({ kind: 'line', from: { x: area.x, y: rowBottom }, to: { x: area.x + area.w, y: rowBottom }, color: RULE, lineWidth: 0.5 })
      return ops
    },
  }
}
