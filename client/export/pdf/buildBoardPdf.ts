import { PDFDocument, type PDFImage } from 'pdf-lib'
import { ELEVATOR, GAP } from '../../../shared/schema/cards.js'
import { LOCALE_TAGS, type Language } from '../../i18n/strings.js'
import { layoutActionPlan } from './actionPlanLayout.js'
import type { CardContext } from './cardLayout.js'
import { coverPage, framePages } from './documentPages.js'
import { emptyMapPage, layoutMap, mapPage, mapShapes } from './mapLayout.js'
import { paddedMapBounds, planMap } from './mapPlan.js'
import { contentArea, pageDimensions, planMapTiles } from './pageGeometry.js'
import { embedPdfFonts, type PdfFonts } from './pdfFonts.js'
import { formatDate, mapPageLabel, pdfText, type PdfText } from './pdfStrings.js'
import type { BoardPdfInput, BoardPdfOptions, LaidOutPage, Measure, PdfImage } from './pdfTypes.js'
import { renderOps } from './renderOps.js'
import { layoutResults } from './resultsLayout.js'

/** Cards drawn between two checks for cancel (and yields to the event loop). */
const CARDS_PER_STEP = 50

/** A due date (YYYY-MM-DD) as the language writes it: ISO in English, 14.3.2025 in Finnish and Finland-Swedish. */
export function formatDay(isoDay: string, language: Language): string {
  const [year, month, day] = isoDay.split('-').map(Number)
  if (language === 'en' || !year || !month || !day) return isoDay
  return `${day}.${month}.${year}`
}

/** The map page(s): on the paper and in the layout `planMap` chooses, which may be larger paper than the rest of the PDF. */
function mapPages(input: BoardPdfInput, options: Omit<BoardPdfOptions, 'fonts'>, ctx: CardContext): LaidOutPage[] {
  const { t } = ctx
  const drawing = layoutMap(input.shapes, ctx, input.drawn)
  const bounds = paddedMapBounds(drawing)
  if (!bounds) {
    const page = pageDimensions(options.pageSize, options.orientation)
    return [{ ...page, ops: emptyMapPage(contentArea(page), t('emptyMap'), ctx.measure), header: t('map') }]
  }
  const plan = planMap(bounds, options)
  const page = pageDimensions(plan.pageSize, plan.orientation)
  const tiles = planMapTiles(bounds, contentArea(page), plan.layout)
  return tiles.map((tile) => ({
    ...page,
    ops: mapPage(drawing, tile),
    header: mapPageLabel(t, tile),
    ...(tiles.length > 1 ? { footer: t('overlapHint') } : {}),
  }))
}

/**
 * The PDF's sections laid out one at a time (cover, map page(s), action
 * plan, results), so the caller can check for cancel between them. Pure
 * given `measure`.
 */
export function* layoutSections(input: BoardPdfInput, options: Omit<BoardPdfOptions, 'fonts'>, measure: Measure): Generator<LaidOutPage[]> {
  const t: PdfText = pdfText(options.language)
  const page = pageDimensions(options.pageSize, options.orientation)
  const area = contentArea(page)
  const format = (isoDay: string) => formatDay(isoDay, options.language)
  const { journeys, cards } = mapShapes(input.shapes)
  const counts = { gapsCount: cards.filter((card) => card.type === GAP).length, elevatorsCount: cards.filter((card) => card.type === ELEVATOR).length }
  const date = formatDate(input.date, options.language)
  const { workshopTitle, boardName, participantsCount } = input
  yield [coverPage({ workshopTitle, boardName, date, participantsCount, ...counts }, page, t, measure)]
  yield mapPages(input, options, { t, measure, votes: input.votes ?? {}, formatDay: format })
  yield layoutActionPlan({ journeys, cards, votes: input.votes, t, formatDay: format, measure, page, area })
  yield layoutResults({ rounds: input.rounds ?? [], scores: input.scores ?? [], cards, t, language: options.language, measure, page, area })
}

/**
 * Every page of the PDF, laid out but not drawn, each framed with its
 * header and page number. Pure given `measure`, so tests can inspect where
 * every line went.
 */
export function layoutBoardPages(input: BoardPdfInput, options: Omit<BoardPdfOptions, 'fonts'>, measure: Measure): LaidOutPage[] {
  return framePages([...layoutSections(input, options, measure)].flat(), input.boardName, pdfText(options.language), measure)
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function setMetadata(doc: PDFDocument, input: BoardPdfInput, language: Language): void {
  doc.setTitle(input.workshopTitle ? `${input.workshopTitle} — ${input.boardName}` : input.boardName, { showInWindowTitleBar: true })
  doc.setLanguage(LOCALE_TAGS[language])
  doc.setCreator('Kuilu')
  doc.setProducer('Kuilu (pdf-lib)')
  doc.setCreationDate(input.date)
  doc.setModificationDate(input.date)
}

async function layoutCancellable(input: BoardPdfInput, options: BoardPdfOptions, measure: Measure): Promise<LaidOutPage[]> {
  const sections: LaidOutPage[] = []
  for (const section of layoutSections(input, options, measure)) {
    sections.push(...section)
    await nextTurn()
    options.signal?.throwIfAborted()
  }
  return framePages(sections, input.boardName, pdfText(options.language), measure)
}

/** Draws the pages, yielding to the event loop and checking for cancel before each page and after every CARDS_PER_STEP cards. */
async function drawPages(doc: PDFDocument, pages: readonly LaidOutPage[], fonts: PdfFonts, options: BoardPdfOptions): Promise<void> {
  const { signal } = options
  let groups = 0
  const afterGroup = async () => {
    if (++groups % CARDS_PER_STEP !== 0) return
    await nextTurn()
    signal?.throwIfAborted()
  }
  const embedded = new Map<PdfImage, Promise<PDFImage>>()
  const embedImage = (image: PdfImage) => {
    let pending = embedded.get(image)
    if (!pending) embedded.set(image, (pending = image.format === 'png' ? doc.embedPng(image.bytes) : doc.embedJpg(image.bytes)))
    return pending
  }
  for (const [index, laid] of pages.entries()) {
    await nextTurn()
    signal?.throwIfAborted()
    const page = doc.addPage([laid.width, laid.height])
    await renderOps({ page, fonts, afterGroup, embedImage }, laid.ops)
    options.onProgress?.(index + 1, pages.length + 1)
  }
}

/**
 * Builds the board's PDF in memory: vector map and real, searchable text in
 * embedded DejaVu Sans (emoji from the emoji font), in Node and in the
 * browser alike, with no network. Reports progress per page (the last step
 * is saving the file) and rejects with the signal's AbortError soon after
 * `signal` aborts.
 */
export async function buildBoardPdf(input: BoardPdfInput, options: BoardPdfOptions): Promise<Uint8Array> {
  options.signal?.throwIfAborted()
  const doc = await PDFDocument.create()
  const fonts = await embedPdfFonts(doc, options.fonts)
  const pages = await layoutCancellable(input, options, fonts.measure)
  await drawPages(doc, pages, fonts, options)
  setMetadata(doc, input, options.language)
  options.signal?.throwIfAborted()
  const bytes = await doc.save()
  options.onProgress?.(pages.length + 1, pages.length + 1)
  return bytes
}
