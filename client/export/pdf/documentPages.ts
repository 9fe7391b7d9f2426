import { HEADER_HEIGHT, PAGE_MARGIN } from './pageGeometry.js'
import type { PdfText } from './pdfStrings.js'
import type { LaidOutPage, Measure, PdfOp, Rgb } from './pdfTypes.js'
import { textBlock, type TextStyle } from './textBlock.js'

/** What the cover shows. */
export interface CoverInfo {
  workshopTitle: string | null
  boardName: string
  date: string
  participantsCount: number
  gapsCount: number
  elevatorsCount: number
}

const NAVY: Rgb = [0.114, 0.208, 0.341]
const MUTED: Rgb = [0.38, 0.42, 0.47]
const TITLE: TextStyle = { size: 30, lineHeight: 37, color: NAVY }
const SUBTITLE: TextStyle = { size: 17, lineHeight: 22, color: [0.106, 0.141, 0.188] }
const FACT: TextStyle = { size: 12, lineHeight: 18, color: [0.106, 0.141, 0.188] }
const FRAME: TextStyle = { size: 8.5, lineHeight: 11, color: MUTED }

/** The cover page: workshop title (or the board's name), the board, the date, participants, and how many gaps and elevators. */
export function coverPage(info: CoverInfo, page: { width: number; height: number }, t: PdfText, measure: Measure): LaidOutPage {
  const x = PAGE_MARGIN * 2
  const w = page.width - 4 * PAGE_MARGIN
  const ops: PdfOp[] = [{ kind: 'rect', box: { x: 0, y: 0, w: page.width, h: 14 }, fill: NAVY }]
  let y = page.height * 0.22
  ops.push(...textBlock(t('workshop').toLocaleUpperCase(), { x, y, w, h: FRAME.lineHeight }, { ...FRAME, size: 10, lineHeight: 13 }, measure).ops)
  y += 18
  const title = textBlock(info.workshopTitle ?? info.boardName, { x, y, w, h: TITLE.lineHeight * 4 }, TITLE, measure)
  ops.push(...title.ops)
  y += title.height + 10
  if (info.workshopTitle !== null) {
    const board = textBlock(`${t('board')}: ${info.boardName}`, { x, y, w, h: SUBTITLE.lineHeight * 3 }, SUBTITLE, measure)
    ops.push(...board.ops)
    y += board.height + 6
  }
  ops.push({ kind: 'line', from: { x, y: y + 8 }, to: { x: x + Math.min(w, 160), y: y + 8 }, color: [0.906, 0.435, 0.318], lineWidth: 3 })
  y += 28
  const facts = [
    `${t('date')}: ${info.date}`,
    `${t('participants')}: ${info.participantsCount}`,
    `${t('gaps')}: ${info.gapsCount}`,
    `${t('elevators')}: ${info.elevatorsCount}`,
  ]
  for (const fact of facts) {
    ops.push(...textBlock(fact, { x, y, w, h: FACT.lineHeight }, FACT, measure).ops)
    y += FACT.lineHeight
  }
  const footer = { x, y: page.height - PAGE_MARGIN - FRAME.lineHeight, w, h: FRAME.lineHeight }
  ops.push(...textBlock(t('exportedFrom'), footer, FRAME, measure).ops)
  return { ...page, ops }
}

/** Adds the running header (board name — section) and the footer (page label, page n/N) to every page after the cover. */
export function framePages(pages: readonly LaidOutPage[], boardName: string, t: PdfText, measure: Measure): LaidOutPage[] {
  return pages.map((page, index) => {
    if (index === 0) return page
    const w = page.width - 2 * PAGE_MARGIN
    const numberText = `${t('page')} ${index + 1}/${pages.length}`
    const numberWidth = measure(numberText, FRAME.size) + 1
    const headerBox = { x: PAGE_MARGIN, y: PAGE_MARGIN, w, h: FRAME.lineHeight }
    const footerY = page.height - PAGE_MARGIN - FRAME.lineHeight
    const ops: PdfOp[] = [
      ...textBlock(page.header ? `${boardName} — ${page.header}` : boardName, headerBox, FRAME, measure, 1).ops,
      { kind: 'line', from: { x: PAGE_MARGIN, y: PAGE_MARGIN + HEADER_HEIGHT - 6 }, to: { x: PAGE_MARGIN + w, y: PAGE_MARGIN + HEADER_HEIGHT - 6 }, color: [0.85, 0.87, 0.9], lineWidth: 0.5 },
      ...textBlock(page.footer ?? '', { x: PAGE_MARGIN, y: footerY, w: w - numberWidth - 12, h: FRAME.lineHeight }, FRAME, measure, 1).ops,
      ...textBlock(numberText, { x: PAGE_MARGIN + w - numberWidth, y: footerY, w: numberWidth, h: FRAME.lineHeight }, FRAME, measure, 1).ops,
    ]
    return { ...page, ops: [...page.ops, ...ops] }
  })
}
