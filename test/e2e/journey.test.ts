import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { templatePreview, TEMPLATE_NAMES, type TemplateName } from '../../shared/templates/templates.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject } from './BoardPageObject.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'

const canRun = hasChromium()

/** Where the run leaves its screenshots: the docs' folder with KUILU_WRITE_SAMPLES=1 (to refresh them), else a temp dir, so a test run changes no tracked file. */
const SCREENSHOTS = screenshotsFor('', 'journey')
const SCREENSHOT_DIR = SCREENSHOTS.dir

/** What each template puts on a new board besides its grids. */
const EXTRA_CARDS: Record<TemplateName, { gaps: number; elevators: number; links: number }> = {
  'customer-journey': { gaps: 0, elevators: 0, links: 0 },
  'employee-journey': { gaps: 0, elevators: 0, links: 0 },
  'customer-employee': { gaps: 0, elevators: 0, links: 0 },
  'gap-analysis': { gaps: 1, elevators: 1, links: 1 },
}

/**
 * The cards of the screenshots, in each language: gaps in the gaps lane, and
 * each gap's elevator moved to the elevators lane two stages on, so that the
 * cards (taller and wider than a cell) do not cover each other or the link.
 */
const SAMPLE = {
  en: {
    lanes: { gaps: 'Gaps', elevators: 'Elevators' },
    gaps: [
      {
        stage: 'Discover',
        fields: { Today: 'It is hard to understand what we sell', Target: 'Every encounter surprises the customer positively', Theme: 'Clarity' },
        elevator: { stage: 'Buy', fields: { Action: 'Clearer service descriptions', Owner: 'Marketing' } },
      },
      {
        stage: 'Use',
        fields: { Today: 'Customers queue on the phone for help', Target: 'Help is found at once, in the customer’s own channel', Theme: 'Service' },
        elevator: { stage: 'Leave', fields: { Action: 'Chat on the service pages', Owner: 'Customer service' } },
      },
    ],
  },
  fi: {
    lanes: { gaps: 'Kuilut', elevators: 'Hissit' },
    gaps: [
      {
        stage: 'Havahtuminen',
        fields: { Nyt: 'On vaikea ymmärtää, mitä myymme', Tavoite: 'Jokainen kohtaaminen yllättää asiakkaan myönteisesti', Teema: 'Selkeys' },
        elevator: { stage: 'Osto', fields: { Toimenpide: 'Selkeämmät palvelukuvaukset', Vastuu: 'Markkinointi' } },
      },
      {
        stage: 'Käyttö',
        fields: { Nyt: 'Asiakkaat jonottavat puhelimessa apua', Tavoite: 'Apu löytyy heti, asiakkaan omasta kanavasta', Teema: 'Palvelu' },
        elevator: { stage: 'Lähteminen', fields: { Toimenpide: 'Chat palvelusivuille', Vastuu: 'Asiakaspalvelu' } },
      },
    ],
  },
} as const

describe.skipIf(!canRun)('journey maps, gaps and elevators in the browser', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  /** Every URL any page asked for: none may leave 127.0.0.1. */
  const requested: string[] = []

  const newContext = async (viewport = { width: 1280, height: 800 }): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport, locale: 'en-US' })
    context.on('request', (request) => requested.push(request.url()))
    context.on('page', (page) => page.on('websocket', (socket) => requested.push(socket.url())))
    run.keep(context)
    return context
  }
  const newBoard = async (template: TemplateName, language: 'en' | 'fi'): Promise<string> => {
    const response = await fetch(`${server.url}/new?template=${template}&lang=${language}`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    return `${server.url}${response.headers.get('location')}`
  }
  const stageTitles = (template: TemplateName, language: 'en' | 'fi') => templatePreview(template, language).grids.flatMap((grid) => grid.stages)

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'journey', screenshots: SCREENSHOTS })

  it('creates a board from each template on the home page, in English and in Finnish', async () => {
    const context = await newContext()
    for (const template of TEMPLATE_NAMES) {
      const board = await BoardPageObject.openTemplateFromHome(context, `${server.url}/`, template, 'Facilitator')
      const grids = templatePreview(template, 'en').grids
      await board.waitForShapeCount('journey', grids.length)
      const extra = EXTRA_CARDS[template]
      await board.waitForShapeCount('gap', extra.gaps)
      await board.waitForShapeCount('elevator', extra.elevators)
      await board.waitForLinkLines(extra.links)
      await board.zoomToFit()
      expect((await board.stageTitles()).sort()).toEqual(stageTitles(template, 'en').sort())
      expect(await board.stageTitlesInView()).toBe(true)
      if (template === 'customer-employee') {
        const [customer, employee] = await board.shapes('journey')
        expect(employee.x).toBe(customer.x)
      }
      if (template === 'gap-analysis') {
        const [gap] = await board.shapes('gap')
        const [elevator] = await board.shapes('elevator')
        expect(elevator.props.gapId).toBe(gap.id)
        expect.soft(await board.cardsOverflowing(), 'the example cards show all their text inside the card').toEqual([])
      }
      await board.page.close()
    }

    const home = await context.newPage()
    await home.goto(`${server.url}/`)
    await home.locator('.home-header').getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Suomi' })
    await home.getByTestId('template-customer-journey').locator('strong', { hasText: 'Asiakaspolku' }).waitFor()
    expect(await home.getByTestId('template-customer-journey').getAttribute('href')).toBe('/new?template=customer-journey&lang=fi')
    await home.close()
    const finnish = await BoardPageObject.openTemplateFromHome(context, `${server.url}/`, 'customer-journey', 'Fasilitaattori')
    await finnish.waitForShapeCount('journey', 1)
    await finnish.zoomToFit()
    expect(await finnish.stageTitles()).toEqual(stageTitles('customer-journey', 'fi'))
    expect(await finnish.stageTitlesInView()).toBe(true)
    await finnish.page.getByText('Asiakkaan toiminta', { exact: true }).waitFor()
  })

  it('adds a gap and elevators with the toolbar, by dropping, with "Add elevator" and Shift+I; a second person sees it all live', async () => {
    const url = await newBoard('customer-journey', 'en')
    const facilitator = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    const participant = await BoardPageObject.open(await newContext(), url, 'Participant')
    await participant.waitForShapeCount('journey', 1)
    await participant.openActionPlan()
    await participant.waitForPlanCounts({ gaps: 0, elevators: 0, unlinked: 0 })
    await facilitator.waitForShapeCount('journey', 1)
    await facilitator.zoomToFit()

    const gapCell = await facilitator.cellCenter('Gaps', 'Buy')
    const gapId = await facilitator.placeWithToolbar('gap', gapCell)
    const [journey] = await facilitator.shapes('journey')
    await facilitator.waitForShapeProps(gapId, { journeyId: journey.id, stageId: gapCell.stageId, laneId: gapCell.laneId })
    await participant.waitForShapeProps(gapId, { journeyId: journey.id, stageId: gapCell.stageId, laneId: gapCell.laneId })
    await participant.waitForPlanCounts({ gaps: 1, elevators: 0, unlinked: 0 })
    await participant.page.getByTestId('action-plan').getByRole('heading', { name: 'Buy', exact: true }).waitFor()

    const elevatorCell = await facilitator.cellCenter('Elevators', 'Leave')
    const dropped = await facilitator.placeWithToolbar('elevator', elevatorCell)
    await facilitator.waitForShapeProps(dropped, { gapId: '', stageId: elevatorCell.stageId, laneId: elevatorCell.laneId })
    await participant.waitForPlanCounts({ gaps: 1, elevators: 1, unlinked: 1 })
    // The Elevators lane grew to the new card: see the whole grid again before dragging across it.
    await facilitator.zoomToFit()
    await facilitator.dragShapeTo(dropped, await facilitator.shapeCenter(gapId))
    await facilitator.waitForShapeProps(dropped, { gapId })
    await participant.waitForPlanCounts({ gaps: 1, elevators: 1, unlinked: 0 })
    await participant.waitForLinkLines(1)
    // Moved back to its own cell, it stays linked; the line now crosses the empty cells between the cards.
    // Lanes grow to their cards, so the cell is found again.
    const homeCell = await facilitator.cellCenter('Elevators', 'Leave')
    await facilitator.dragShapeTo(dropped, homeCell)
    await facilitator.waitForShapeProps(dropped, { gapId, stageId: elevatorCell.stageId, laneId: elevatorCell.laneId })
    await participant.waitForShapeProps(dropped, { gapId, stageId: elevatorCell.stageId, laneId: elevatorCell.laneId })
    await participant.zoomToFit()
    expect.soft(await participant.isLinkLineShown(0), 'the link line is drawn where the participant can see it').toBe(true)

    const added = await facilitator.addElevatorWithButton(gapId)
    await participant.waitForPlanCounts({ gaps: 1, elevators: 2, unlinked: 0 })
    await participant.waitForLinkLines(2)
    const byShortcut = await facilitator.addElevatorWithShortcut(gapId)
    await participant.waitForPlanCounts({ gaps: 1, elevators: 3, unlinked: 0 })
    await participant.waitForLinkLines(3)
    await facilitator.waitForLinkLines(3)
    const elevators = await participant.shapes('elevator')
    expect(elevators.map((elevator) => [elevator.id, elevator.props.gapId]).sort()).toEqual(
      [
        [dropped, gapId],
        [added, gapId],
        [byShortcut, gapId],
      ].sort(),
    )
    await participant.waitForShapes(await facilitator.shapeIds())
    await participant.page.getByTestId('plan-gap').waitFor()
    expect(await participant.page.getByTestId('plan-elevator').count()).toBe(3)
    await facilitator.waitForSaveStatus('saved')
  })

  it('switches the UI, ours and tldraw’s, to Finnish and back, and remembers the choice', async () => {
    const url = await newBoard('customer-journey', 'en')
    const board = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    const { page } = board
    await board.waitForSaveStatus('saved')
    const english = async () => {
      await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor()
      await board.toolButton(/^Gap\b/).waitFor()
      await board.toolButton(/^Select\b/).waitFor()
      await page.getByTestId('toggle-action-plan').getByText('Action plan').waitFor()
    }
    await english()

    await board.chooseLanguage('Suomi')
    const finnish = async () => {
      await page.getByTestId('save-status').getByText('Tallennettu', { exact: true }).waitFor()
      await board.toolButton(/^Kuilu\b/).waitFor()
      await board.toolButton(/^Hissi\b/).waitFor()
      await board.toolButton(/^Valitse\b/).waitFor()
      await page.getByTestId('toggle-action-plan').getByText('Toimenpidesuunnitelma').waitFor()
      expect(await board.toolButton(/^Gap\b/).count()).toBe(0)
    }
    await finnish()
    await page.reload()
    await board.waitForCanvas()
    await finnish()

    await board.chooseLanguage('English')
    await english()
    expect(await board.toolButton(/^Kuilu\b/).count()).toBe(0)
  })

  it('takes screenshots of a customer journey in English and in Finnish, and of the action plan', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    for (const language of ['en', 'fi'] as const) {
      const url = await newBoard('customer-journey', language)
      const board = await BoardPageObject.open(await newContext({ width: 1600, height: 1000 }), url, language === 'en' ? 'Facilitator' : 'Fasilitaattori')
      if (language === 'fi') await board.chooseLanguage('Suomi')
      await board.waitForShapeCount('journey', 1)
      await board.zoomToFit()
      const sample = SAMPLE[language]
      for (const gap of sample.gaps) {
        const gapId = await board.placeWithToolbar('gap', await board.cellCenter(sample.lanes.gaps, gap.stage))
        await board.editCard(gapId, gap.fields)
        const elevatorId = await board.addElevatorWithButton(gapId)
        await board.editCard(elevatorId, gap.elevator.fields)
        await board.dragShapeTo(elevatorId, await board.cellCenter(sample.lanes.elevators, gap.elevator.stage))
      }
      await board.waitForLinkLines(sample.gaps.length)
      await board.page.keyboard.press('Escape')
      await board.page.evaluate(() => void window.kuilu!.editor.selectNone())
      await board.zoomToFit()
      await board.waitForSaveStatus('saved')
      await board.page.evaluate(() => document.fonts.ready.then(() => undefined))
      await board.nextFrame()
      await board.page.screenshot({ path: join(SCREENSHOT_DIR, `customer-journey-${language}.png`) })
      expect.soft(await board.cardsOverflowing(), `${language}: cards grow with their text`).toEqual([])
      if (language === 'en') {
        await board.openActionPlan()
        await board.waitForPlanCounts({ gaps: sample.gaps.length, elevators: sample.gaps.length, unlinked: 0 })
        await board.nextFrame()
        await board.page.screenshot({ path: join(SCREENSHOT_DIR, 'action-plan-en.png') })
      }
    }
  })

  it('asked for nothing outside 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(0)
    const offHost = requested.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
