import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { hasPoppler, pdfImages, pdfInfo, pdfToPng, pdfToText, searchable } from '../helpers/pdfText.js'
import { tinyPng } from '../helpers/tinyPng.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject } from './BoardPageObject.js'
import { useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'

const canRun = hasChromium() && hasPoppler()

/** Card texts that must come out of the PDF, and the hard ones that must not break it. */
const TEXTS = {
  gapToday: 'Asiakkaan on vaikea ymmärtää, mitä myymme',
  gapTarget: 'Jokainen kohtaaminen yllättää myönteisesti',
  elevator: 'Selkeämmät palvelukuvaukset verkkoon',
  script: '<script>alert(1)</script>',
  arabic: 'مرحبا بالعالم',
  long: 'Pitkä kuvaus. '.repeat(360),
  word: 'x'.repeat(300),
  note: 'Muistilappu jonoista',
  geo: 'Mittari NPS',
  frame: 'Kehys palvelupolulle',
  photo: `data:image/png;base64,${Buffer.from(tinyPng(12, 8)).toString('base64')}`,
}

/** Runs in the page: puts a gap and elevators with the texts above on the board (typing is covered by the journey tests). */
function addCards(texts: typeof TEXTS): void {
  const editor = window.kuilu!.editor as unknown as { createShapes(shapes: object[]): unknown }
  const gapId = 'shape:export-gap'
  const elevator = (id: string, x: number, action: string) => ({ id, type: 'elevator', x, y: 1400, props: { action, gapId, owner: 'Markkinointi', impact: 4, effort: 'S' } })
  editor.createShapes([
    { id: gapId, type: 'gap', x: 200, y: 1100, props: { today: texts.gapToday, target: texts.gapTarget, theme: 'Selkeys', severity: 3 } },
    elevator('shape:export-e1', 200, texts.elevator),
    elevator('shape:export-e2', 460, texts.script),
    elevator('shape:export-e3', 720, texts.arabic),
    elevator('shape:export-e4', 980, texts.long),
    elevator('shape:export-e5', 1240, texts.word),
  ])
  // tldraw's own shapes: a sticky note and a labelled rectangle, which the PDF draws too.
  const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
  editor.createShapes([
    { id: 'shape:export-note', type: 'note', x: 1500, y: 1100, props: { richText: richText(texts.note) } },
    { id: 'shape:export-geo', type: 'geo', x: 1760, y: 1100, props: { geo: 'rectangle', w: 260, h: 120, fill: 'semi', richText: richText(texts.geo) } },
    { id: 'shape:export-arrow', type: 'arrow', x: 1500, y: 1380, props: { start: { x: 0, y: 0 }, end: { x: 400, y: 40 } } },
    { id: 'shape:export-frame', type: 'frame', x: 1480, y: 1480, props: { w: 560, h: 200, name: texts.frame } },
  ])
  // A photo pasted onto the board: the PDF embeds its file.
  const assets = editor as unknown as { createAssets(assets: object[]): unknown }
  assets.createAssets([{ id: 'asset:export-photo', typeName: 'asset', type: 'image', meta: {}, props: { name: 'photo.png', src: texts.photo, w: 12, h: 8, mimeType: 'image/png', isAnimated: false } }])
  editor.createShapes([{ id: 'shape:export-photo', type: 'image', x: 2100, y: 1100, props: { assetId: 'asset:export-photo', w: 240, h: 160 } }])
}

describe.skipIf(!canRun)('export in the browser', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  let board: BoardPageObject
  const requested: string[] = []

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'export' })
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true })
    context.on('request', (request) => requested.push(request.url()))
    run.keep(context)
    const response = await fetch(`${server.url}/new?template=customer-journey&lang=fi`, { redirect: 'manual' })
    board = await BoardPageObject.open(context, `${server.url}${response.headers.get('location')}`, 'Fasilitaattori')
    await board.page.evaluate(addCards, TEXTS)
    await board.waitForSaveStatus('saved')
  })

  /** Opens the export panel from the main menu, picks the options and saves the downloaded PDF. */
  async function exportPdf(pageSize: string, orientation: string): Promise<string> {
    const page = board.page
    if ((await page.getByTestId('export-panel').count()) === 0) {
      await page.getByTestId('main-menu.button').click()
      await page.getByRole('menuitem', { name: /Export PDF|Vie PDF/ }).click()
    }
    await page.getByTestId('pdf-page-size').selectOption(pageSize)
    await page.getByTestId('pdf-orientation').selectOption(orientation)
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-pdf').click()
    const file = join(dataDir, `export-${pageSize}-${orientation}.pdf`)
    await (await downloading).saveAs(file)
    return file
  }

  it('exports the journey map and action plan to an A4 landscape PDF with every card text as real text', async () => {
    const file = await exportPdf('A4', 'landscape')
    const info = pdfInfo(file)
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595])
    expect(info.pages).toBeGreaterThanOrEqual(3)
    const text = searchable(pdfToText(file))
    for (const expected of [TEXTS.gapToday, TEXTS.gapTarget, TEXTS.elevator, TEXTS.script, TEXTS.arabic, TEXTS.note, TEXTS.geo, TEXTS.frame, 'Havahtuminen']) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected)
    }
    expect(text).toMatch(/Action plan/)
    expect(pdfImages(file).map((image) => [image.width, image.height])).toContainEqual([12, 8])
    expect(text).toContain('ä')
    const mapPage = searchable(pdfToText(file, { first: 2, last: 2 }))
    expect(mapPage).not.toContain(TEXTS.long.trim())
    if (process.env.KUILU_WRITE_SAMPLES === '1') {
      mkdirSync('docs/samples', { recursive: true })
      copyFileSync(file, 'docs/samples/e2e-customer-journey-a4-landscape.pdf')
      pdfToPng(file, 'docs/samples/e2e-customer-journey-a4-landscape', 1, 2)
    }
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('exports the same board on A3 portrait pages', async () => {
    const file = await exportPdf('A3', 'portrait')
    const info = pdfInfo(file)
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 1191])
    expect(searchable(pdfToText(file))).toContain(TEXTS.elevator)
  })

  it('exports the board as PNG and as SVG with our cards and no reference off the host', async () => {
    const page = board.page
    const save = async (testId: string, name: string) => {
      const downloading = page.waitForEvent('download')
      await page.getByTestId(testId).click()
      const file = join(dataDir, name)
      await (await downloading).saveAs(file)
      return readFileSync(file)
    }
    const png = await save('export-png', 'board.png')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.length).toBeGreaterThan(10_000)
    const svg = (await save('export-svg', 'board.svg')).toString('utf8')
    expect(svg).toContain('Selkeämmät palvelukuvaukset verkkoon')
    expect(svg).toContain('Havahtuminen')
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
  })

  it('loaded, edited, exported and printed under the security headers with nothing refused by the browser', async () => {
    const page = board.page
    // Printing inserts the board's SVG, style attributes and all, into the page; the dialog itself is not the test's business.
    await page.evaluate(() => {
      window.print = () => void document.documentElement.setAttribute('data-printed', 'true')
    })
    await page.keyboard.press('Escape')
    await page.mouse.click(700, 450)
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Control+p')
    await page.locator('html[data-printed="true"]').waitFor({ state: 'attached' })
    expect(board.policyViolations).toEqual([])
  })

  it('ran no script from card text and asked for nothing outside 127.0.0.1', async () => {
    expect(await board.page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted ?? false)).toBe(false)
    const offHost = requested.filter((url) => !/^https?:\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
