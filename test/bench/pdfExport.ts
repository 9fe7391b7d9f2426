import { existsSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { pdfInfo } from '../helpers/pdfText.js'
import { journeyCards, type CardDraft, type JourneyFrame } from './journeyCards.js'
import { median } from './stats.js'

/** 100 gaps with two elevators each: 300 cards. */
const GAPS = 100
const CARDS = GAPS * 3
const REPS = 3
const EXPORT_TIMEOUT_MS = 180_000

/** The PDF export figure: click → download time and file size per repetition, and the page count pdfinfo reads. */
export interface PdfExportFigure {
  cards: number
  pageSize: 'A4'
  orientation: 'landscape'
  layout: 'fit'
  ms: { median: number; all: number[] }
  bytes: { median: number; all: number[] }
  /** Pages of the last file, or null when pdfinfo is not installed. */
  pages: number | null
}

/** Opens a new customer-journey board in the page and waits for the editor. */
async function openNewBoard(page: Page, port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/new?template=customer-journey&lang=en`, { redirect: 'manual' })
  const location = response.headers.get('location')
  if (response.status !== 302 || !location) throw new Error(`/new answered ${response.status} without a board to open`)
  await page.goto(`http://127.0.0.1:${port}${location}`)
  await page.waitForFunction(() => Boolean(window.kuilu?.editor), undefined, { timeout: 60_000 })
  await page.locator('.tl-canvas').waitFor()
}

/** The template's journey grid: where it is and its stage titles. */
function readJourney(page: Page): Promise<JourneyFrame> {
  return page.evaluate(() => {
    const journey = window.kuilu!.editor.getCurrentPageShapes().find((shape) => shape.type === 'journey') as
      | { x: number; y: number; props: { w: number; h: number; stages: { title: string }[] } }
      | undefined
    if (!journey) throw new Error('the customer-journey board has no journey grid')
    return { x: journey.x, y: journey.y, w: journey.props.w, h: journey.props.h, stages: journey.props.stages.map((stage) => stage.title) }
  })
}

/** Puts the cards on the board in one batch, as a paste would, and waits until the server has them. */
async function addCards(page: Page, cards: CardDraft[]): Promise<void> {
  await page.evaluate((drafts) => void window.kuilu!.editor.createShapes(drafts as never), cards)
  await page.waitForFunction((count) => window.kuilu!.editor.getCurrentPageShapes().filter((shape) => shape.type === 'gap' || shape.type === 'elevator').length === count, cards.length)
  await page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 60_000 })
}

/** Opens the export panel from the main menu and picks A4, landscape, the map fitted to one page. */
async function openPdfOptions(page: Page): Promise<void> {
  await page.getByTestId('main-menu.button').click()
  await page.getByRole('menuitem', { name: /Export PDF/ }).click()
  await page.getByTestId('pdf-page-size').selectOption('A4')
  await page.getByTestId('pdf-orientation').selectOption('landscape')
  await page.getByTestId('pdf-layout').selectOption('fit')
}

/** One export: click → the download event, and the downloaded file; an error the panel shows fails the run at once. */
async function exportOnce(page: Page): Promise<{ ms: number; file: string }> {
  const button = page.getByTestId('export-pdf')
  await button.waitFor()
  const downloading = page.waitForEvent('download', { timeout: EXPORT_TIMEOUT_MS })
  const failed = page.getByTestId('export-panel').getByRole('alert').waitFor({ timeout: EXPORT_TIMEOUT_MS }).then(async () => {
    throw new Error(`the export panel says: ${await page.getByTestId('export-panel').getByRole('alert').first().textContent()}`)
  })
  // Whichever loses the race stays pending until the page closes; its rejection then is expected.
  downloading.catch(() => {})
  failed.catch(() => {})
  const started = performance.now()
  await button.click()
  const download = await Promise.race([downloading, failed])
  const ms = performance.now() - started
  const file = await download.path()
  return { ms, file }
}

/** Size of a downloaded PDF; throws when the file is not a PDF at all. */
function checkedPdfSize(file: string): number {
  const bytes = readFileSync(file)
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`the download is not a PDF (starts with ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))})`)
  return bytes.byteLength
}

/**
 * The PDF export of a 300-card customer journey in a fresh page (which the
 * caller opens and closes): a board from the template with 100 gaps and 200
 * elevators linked to them, exported `REPS` times as A4 landscape with the map
 * fitted to one page. The first export also loads the PDF module and fonts.
 */
export async function measurePdfExport(page: Page, port: number, log: (message: string) => void): Promise<PdfExportFigure> {
  await openNewBoard(page, port)
  await addCards(page, journeyCards(await readJourney(page), GAPS))
  await openPdfOptions(page)
  const times: number[] = []
  const sizes: number[] = []
  let pages: number | null = null
  for (let rep = 0; rep < REPS; rep++) {
    const { ms, file } = await exportOnce(page)
    times.push(ms)
    sizes.push(checkedPdfSize(file))
    if (existsSync('/usr/bin/pdfinfo')) pages = pdfInfo(file).pages
  }
  log(`  browser PDF export of ${CARDS} cards: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms, ${sizes.join(', ')} bytes, ${pages ?? '?'} pages`)
  return { cards: CARDS, pageSize: 'A4', orientation: 'landscape', layout: 'fit', ms: { median: median(times), all: times }, bytes: { median: median(sizes), all: sizes }, pages }
}

/** The figure as a label/value row for the client-side table. */
export function pdfExportRow(figure: PdfExportFigure | { error: string } | undefined): [string, string] {
  const label = `PDF export of a ${CARDS}-card journey (A4 landscape, fit): click → download`
  if (figure === undefined) return [label, 'not measured']
  if ('error' in figure) return [label, `not measured: ${figure.error}`]
  const all = figure.ms.all.map((ms) => ms.toFixed(0)).join(', ')
  const size = `${(figure.bytes.median / 1024).toFixed(0)} KiB${figure.pages === null ? '' : `, ${figure.pages} page${figure.pages === 1 ? '' : 's'}`}`
  return [label, `${figure.ms.median.toFixed(0)} ms median of ${all}; ${size}`]
}
