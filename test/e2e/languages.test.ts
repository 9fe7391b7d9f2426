import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { LANGUAGE_NAMES, strings } from '../../client/i18n/strings.js'
import { templateStrings } from '../../shared/templates/strings.js'
import { templateTitle } from '../../shared/templates/templates.js'
import { hasPoppler, pdfInfo } from '../helpers/pdfText.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject } from './BoardPageObject.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { download, pdfWords } from './rehearsalSteps.js'
import { englishIn, frameWatchScript, shownText, type ShownText } from './shownText.js'
import { frameCards } from './votingSteps.js'
import type { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium() && hasPoppler()

/** docs/screenshots/languages with KUILU_WRITE_SAMPLES=1, KUILU_SCREENSHOT_DIR to keep them elsewhere, else a temp dir removed afterwards. */
const SCREENSHOTS = screenshotsFor('languages', 'languages')
const SCREENSHOT_DIR = SCREENSHOTS.dir

type Local = 'fi' | 'sv'
/** Each language as a browser in Finland asks for it. */
const LOCALES: Record<Local, string> = { fi: 'fi-FI', sv: 'sv-FI' }
const WORKSHOP_TITLES: Record<Local, string> = { fi: 'Asiakaspolun työpaja', sv: 'Kundresans workshop' }

/** Fails with every English word, and where it stood, that a screen shows in a Finnish or Swedish UI. */
function expectNoEnglish(shown: readonly ShownText[], language: Local, screen: string): void {
  // Soft, so one run reports every screen's English, not only the first.
  expect.soft(englishIn(shown, language), `English on the ${language} ${screen}`).toEqual([])
  expect(shown.length, `${screen} shows text`).toBeGreaterThan(0)
}

/** The PDF's /Lang, read from its catalog with pdf-lib (pdfinfo does not print it). */
async function pdfLanguage(file: string): Promise<string | undefined> {
  const lang = (await PDFDocument.load(readFileSync(file))).catalog.lookup(PDFName.of('Lang'))
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined
}

describe.skipIf(!canRun)('Finnish and Swedish: no English on the main screens, first paint included', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const links: Partial<Record<Local, string>> = {}

  const newContext = async (locale: string): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale, acceptDownloads: true })
    run.keep(context)
    return context
  }
  const shoot = async (page: Page, file: string) => {
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${file}.png`) })
  }
  const createWorkshop = async (language: Local): Promise<string> => {
    const body = { title: WORKSHOP_TITLES[language], language, template: 'gap-analysis' }
    const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status).toBe(201)
    return ((await response.json()) as { links: { facilitator: string } }).links.facilitator
  }

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'languages', screenshots: SCREENSHOTS })

  describe.each(['fi', 'sv'] as const)('%s', (language) => {
    const t = strings[language]
    let context: BrowserContext
    let board: BoardPageObject
    const page = () => board.page
    /** The facilitator's tab as the shared voting and download steps take it. */
    const seat = () => ({ board, page: board.page, role: 'facilitator' }) as unknown as WorkshopSeat

    it('home page: <html lang>, each language named in itself and marked so, no English', async () => {
      context = await newContext(LOCALES[language])
      const home = await context.newPage()
      await home.goto(`${server.url}/`)
      await home.getByTestId('new-board').waitFor()
      expect(await home.evaluate(() => document.documentElement.lang)).toBe(language)
      const options = await home.locator('select[aria-label] option').evaluateAll((all) => all.map((option) => [option.getAttribute('lang'), option.textContent]))
      expect(options).toEqual(Object.entries(LANGUAGE_NAMES))
      expect(await home.getByTestId('new-board').getAttribute('href')).toBe(`/new?lang=${language}`)
      expectNoEnglish(await shownText(home), language, 'home page')
      await shoot(home, `${language}-01-home`)
      await home.close()
    })

    it("a workshop board: the first frames, the name dialog and the board, with the board's page in the language", async () => {
      links[language] = await createWorkshop(language)
      await context.addInitScript(frameWatchScript())
      board = await BoardPageObject.open(context, links[language]!)
      const dialog = page().getByRole('dialog')
      await dialog.waitFor()
      expect(await page().evaluate(() => document.documentElement.lang)).toBe(language)
      expectNoEnglish(await shownText(page()), language, 'name dialog')
      await shoot(page(), `${language}-02-name-dialog`)
      await board.chooseName(t['role.facilitator'])
      await page().locator('[data-testid="role"][data-role="facilitator"]').waitFor()
      await page().locator('.journey-stage', { hasText: templateStrings[language].analysis.stages.clarity }).waitFor()
      const frames = (await page().evaluate(() => (window as unknown as { kuiluStopFrames(): ShownText[] }).kuiluStopFrames())) as ShownText[]
      expectNoEnglish(frames, language, 'board from its first frame on')
      expect(frames.some((item) => item.text === templateStrings[language].pageName), 'the page menu names the page in the language').toBe(true)
      expectNoEnglish(await shownText(page()), language, 'board')
      await shoot(page(), `${language}-03-board`)
    })

    it("tldraw's main menu, then the export panel: the PDF starts in the workshop's language", async () => {
      await page().getByTestId('main-menu.button').click()
      await page().getByRole('menuitem', { name: t.exportPdf }).waitFor()
      expectNoEnglish(await shownText(page()), language, 'main menu')
      await shoot(page(), `${language}-04-main-menu`)
      await page().getByRole('menuitem', { name: t.exportPdf }).click()
      await page().getByTestId('export-panel').waitFor()
      expect(await page().getByTestId('pdf-language').inputValue()).toBe(language)
      expectNoEnglish(await shownText(page()), language, 'export panel')
      await shoot(page(), `${language}-05-export-panel`)
    })

    it('the workshop panel, a voting round with a vote on a card, its revealed results, the action plan', async () => {
      await page().getByTestId('toggle-workshop').click()
      await page().getByTestId('workshop-panel').waitFor()
      expectNoEnglish(await shownText(page()), language, 'workshop panel')
      await shoot(page(), `${language}-06-workshop-panel`)
      await page().getByTestId('voting').getByTestId('start-round').click()
      await page().getByTestId('round-banner').waitFor()
      const elevator = await page().evaluate(() => window.kuilu!.editor.getCurrentPageShapes().find((shape) => shape.type === 'elevator')!.id)
      await frameCards(seat(), [elevator])
      await board.shapeElement(elevator).getByTestId('card-vote-add').click()
      await board.shapeElement(elevator).locator('[data-testid="card-vote-own"][data-own="1"]').waitFor()
      expectNoEnglish(await shownText(page()), language, 'voting round')
      await shoot(page(), `${language}-07-voting`)
      await page().getByTestId('reveal-round').click()
      await page().getByTestId('ranking').waitFor()
      expectNoEnglish(await shownText(page()), language, 'revealed round')
      await board.openActionPlan()
      expectNoEnglish(await shownText(page()), language, 'action plan')
      await shoot(page(), `${language}-08-action-plan`)
    })

    // Swedish only: the Finnish PDF is read back in the rehearsal and PDF tests.
    if (language === 'sv') it('a PDF exported in Swedish: Swedish title and /Lang, Swedish headings, no English', async () => {
      if ((await page().getByTestId('export-panel').count()) === 0) {
        await page().getByTestId('main-menu.button').click()
        await page().getByRole('menuitem', { name: t.exportPdf }).click()
      }
      const { file } = await download(seat(), 'export-pdf', dataDir)
      expect(pdfInfo(file).raw).toMatch(new RegExp(`^Title:\\s+${WORKSHOP_TITLES.sv} — ${templateTitle('gap-analysis', 'sv')}$`, 'm'))
      expect(await pdfLanguage(file)).toBe('sv-FI')
      const words = pdfWords(file)
      for (const heading of [t.actionPlan, t.map, t.results, t.voteRound, t.participants]) expect(words).toContain(heading)
      expect(englishIn([{ text: words, where: 'the PDF', lang: '' }], 'sv')).toEqual([])
    })
  })

  it("a Finnish UI exports a Swedish workshop's PDF in Swedish unless the person chooses otherwise", async () => {
    const finnish = await BoardPageObject.open(await newContext(LOCALES.fi), links.sv!, strings.fi['role.facilitator'])
    expect(await finnish.page.evaluate(() => document.documentElement.lang)).toBe('fi')
    await finnish.page.getByTestId('main-menu.button').click()
    await finnish.page.getByRole('menuitem', { name: strings.fi.exportPdf }).click()
    expect(await finnish.page.getByTestId('pdf-language').inputValue()).toBe('sv')
  })
})
