import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { TemplateLanguage } from '../../shared/templates/templates.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject, type ScreenPoint, type ShapeSummary } from './BoardPageObject.js'
import { fitGrid, settle, zoomToCards } from './cameraSteps.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { focusedFieldOf, textLines } from './onScreen.js'

const canRun = hasChromium()

/** Where the run leaves its screenshots: the docs' folder with KUILU_WRITE_SAMPLES=1, else a temp dir, so a test run changes no tracked file. */
const SCREENSHOTS = screenshotsFor('grid', 'grid')
const SCREENSHOT_DIR = SCREENSHOTS.dir

type Rect = { x: number; y: number; w: number; h: number }
const rectOf = (shape: ShapeSummary): Rect => ({ x: shape.x, y: shape.y, w: shape.props.w as number, h: shape.props.h as number })
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const byId = (shapes: ShapeSummary[]) => Object.fromEntries(shapes.map((shape) => [shape.id, shape]))
type Lane = { id: string; title: string; height: number }

/** The one journey grid of the board. */
async function theGrid(board: BoardPageObject): Promise<ShapeSummary & { props: { lanes: Lane[]; stages: { id: string; title: string }[] } }> {
  const [grid] = await board.shapes('journey')
  return grid as never
}

/** A lane's rectangle on the page, found by its title. */
async function laneRect(board: BoardPageObject, title: string): Promise<Rect & { id: string }> {
  const grid = await theGrid(board)
  let y = grid.y + 56
  for (const lane of grid.props.lanes) {
    if (lane.title === title) return { id: lane.id, x: grid.x + 160, y, w: (grid.props.w as number) - 160, h: lane.height }
    y += lane.height
  }
  throw new Error(`no lane ${title}`)
}

/** The centre of the grid's title corner on the screen: its handle. */
async function handleCenter(board: BoardPageObject, gridId: string): Promise<ScreenPoint> {
  const box = await board.shapeElement(gridId).getByTestId('journey-handle').boundingBox()
  if (!box) throw new Error('the grid has no handle on the screen')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Clicks the grid's handle to select the grid, and waits until it is the selection. */
async function selectGrid(board: BoardPageObject, gridId: string): Promise<void> {
  const at = await handleCenter(board, gridId)
  await board.approach(at)
  await board.page.mouse.click(at.x, at.y)
  await board.page.waitForFunction((id) => JSON.stringify(window.kuilu?.editor.getSelectedShapeIds()) === JSON.stringify([id]), gridId)
}

/** Everything a stray gesture must leave alone: every shape's place, every card's filing, and the action plan as a participant reads it. */
async function snapshot(board: BoardPageObject, reader: BoardPageObject) {
  return {
    shapes: (await board.shapes()).map((shape) => `${shape.id} ${shape.x.toFixed(2)},${shape.y.toFixed(2)}`).sort(),
    filed: await board.cardPlacements(),
    plan: await reader.page.getByTestId('action-plan').innerText(),
  }
}

describe.skipIf(!canRun)('the journey grid stays put, and cards land where they belong', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const requested: string[] = []

  const newContext = async (viewport = { width: 1280, height: 800 }): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport, locale: 'en-US' })
    context.on('request', (request) => requested.push(request.url()))
    context.on('page', (page) => page.on('websocket', (socket) => requested.push(socket.url())))
    run.keep(context)
    return context
  }
  const newBoard = async (language: TemplateLanguage): Promise<string> => {
    const response = await fetch(`${server.url}/new?template=customer-journey&lang=${language}`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    return `${server.url}${response.headers.get('location')}`
  }
  const screenshot = async (board: BoardPageObject, name: string) => {
    await board.page.evaluate(() => document.fonts.ready.then(() => undefined))
    await board.nextFrame()
    await board.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
  }

  /** A customer journey with a gap in Gaps × Buy, a touchpoint in Touchpoints × Discover and the gap's elevator; a participant reads the action plan. */
  const boardWithCards = async () => {
    const url = await newBoard('en')
    const facilitator = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    const participant = await BoardPageObject.open(await newContext(), url, 'Participant')
    await participant.openActionPlan()
    await facilitator.waitForShapeCount('journey', 1)
    await fitGrid(facilitator)
    const gapId = await facilitator.placeWithToolbar('gap', await facilitator.cellCenter('Gaps', 'Buy'))
    const touchpointId = await facilitator.placeWithToolbar('touchpoint', await facilitator.cellCenter('Touchpoints', 'Discover'))
    // The lanes grew to the new cards: fit the taller grid on the screen again, as a person would scroll.
    await fitGrid(facilitator)
    const elevatorId = await facilitator.addElevatorWithButton(gapId)
    await facilitator.page.keyboard.type('Clearer service descriptions')
    await facilitator.page.keyboard.press('Escape')
    await participant.waitForPlanCounts({ gaps: 1, elevators: 1, unlinked: 0 })
    await participant.waitForShapeProps(elevatorId, { action: 'Clearer service descriptions' })
    await facilitator.page.evaluate(() => void window.kuilu!.editor.selectNone())
    await fitGrid(facilitator)
    return { facilitator, participant, gapId, touchpointId, elevatorId }
  }

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'grid', screenshots: SCREENSHOTS })

  it('a stray drag from an empty cell brushes or pans, never moves the grid, and re-files no card', async () => {
    const { facilitator: board, participant, gapId } = await boardWithCards()
    const grid = await theGrid(board)
    const before = await snapshot(board, participant)
    const selected = () => board.page.evaluate(() => window.kuilu!.editor.getSelectedShapeIds().map(String))

    // Nothing selected: from an empty cell across the grid.
    await board.dragOnScreen(await board.cellCenter('Pain points', 'Use'), await board.cellCenter('Channels', 'Leave'))
    expect(await selected()).toEqual([])
    // A card selected: a drag from an empty cell is a brush, not a move of the card.
    await board.select(gapId)
    await board.dragOnScreen(await board.cellCenter('Backstage / employee', 'Choose'), await board.cellCenter('Customer actions', 'Start'))
    // The grid itself selected (by its handle): a drag from a cell still does not take it along.
    await selectGrid(board, grid.id)
    await board.dragOnScreen(await board.cellCenter('Pain points', 'Start'), await board.cellCenter('Touchpoints', 'Get help'))
    // A brush drawn from an empty cell around the gap selects the gap, as on an empty canvas.
    const gapCell = await board.cellCenter('Gaps', 'Buy')
    const choose = await board.cellCenter('Pain points', 'Choose')
    const start = await board.cellCenter('Elevators', 'Start')
    await board.dragOnScreen({ x: choose.x, y: choose.y }, { x: start.x - 20, y: start.y })
    expect(await selected()).toContain(gapId)
    expect(await selected()).not.toContain(grid.id)
    expect(gapCell.x).toBeGreaterThan(choose.x)
    // Space held: the drag pans the camera instead.
    const camera = await board.page.evaluate(() => ({ ...window.kuilu!.editor.getCamera() }))
    await board.page.keyboard.down('Space')
    await board.dragOnScreen(await board.cellCenter('Channels', 'Use'), await board.cellCenter('Backstage / employee', 'Start'))
    await board.page.keyboard.up('Space')
    expect(await board.page.evaluate(() => ({ ...window.kuilu!.editor.getCamera() }))).not.toEqual(camera)

    await board.waitForSaveStatus('saved')
    const after = await snapshot(board, participant)
    expect(after.shapes).toEqual(before.shapes)
    expect(after.filed).toEqual(before.filed)
    expect(after.plan).toEqual(before.plan)
    await fitGrid(board)
    await screenshot(board, 'stray-drags-en')
  })

  it('the map moves only by its handle, its cards move with it and keep their stage and lane; a stage moved keeps its cards', async () => {
    const { facilitator: board, participant, gapId, elevatorId, touchpointId } = await boardWithCards()
    const grid = await theGrid(board)
    const before = await snapshot(board, participant)
    const shapesBefore = byId(await board.shapes())

    const handle = await handleCenter(board, grid.id)
    await board.dragOnScreen(handle, { x: handle.x + 180, y: handle.y + 90 })
    await board.waitForSaveStatus('saved')
    const moved = await theGrid(board)
    expect(moved.x - grid.x).toBeGreaterThan(100)
    expect(moved.y - grid.y).toBeGreaterThan(50)
    const shapesAfter = byId(await board.shapes())
    for (const id of [gapId, elevatorId, touchpointId]) {
      expect(shapesAfter[id].x - shapesBefore[id].x).toBeCloseTo(moved.x - grid.x, 6)
      expect(shapesAfter[id].y - shapesBefore[id].y).toBeCloseTo(moved.y - grid.y, 6)
    }
    expect(await board.cardPlacements()).toEqual(before.filed)
    await participant.page.waitForFunction(([id, x]) => window.kuilu?.editor.getShape(id as never)?.x === x, [gapId, shapesAfter[gapId].x] as const)
    expect((await snapshot(board, participant)).plan).toEqual(before.plan)
    await board.zoomToFit()
    await settle(board)
    await screenshot(board, 'map-moved-en')

    // Undo puts the map and its cards back together.
    await board.page.keyboard.press('Control+z')
    await board.page.waitForFunction(([id, x]) => window.kuilu?.editor.getShape(id as never)?.x === x, [grid.id, grid.x] as const)
    expect((await snapshot(board, participant)).shapes).toEqual(before.shapes)
    await fitGrid(board)

    // Editing the grid is deliberate too: a double-click on its handle; moving a stage takes its cards along.
    const buy = grid.props.stages.find((stage) => stage.title === 'Buy')!
    const handleNow = await handleCenter(board, grid.id)
    await board.approach(handleNow)
    await board.page.mouse.dblclick(handleNow.x, handleNow.y)
    const buyHeader = board.shapeElement(grid.id).locator(`[data-stage-id="${buy.id}"]`)
    expect(await buyHeader.getByRole('button', { name: 'Remove stage' }).isDisabled()).toBe(true)
    await buyHeader.getByRole('button', { name: 'Move right' }).click()
    await board.page.keyboard.press('Escape')
    await board.waitForSaveStatus('saved')
    expect(await board.cardPlacements()).toEqual(before.filed)
    const gapNow = await board.shapeCenter(gapId)
    const cellNow = await board.cellCenter('Gaps', 'Buy')
    expect(Math.abs(gapNow.x - cellNow.x)).toBeLessThan(5)
    expect((await participant.page.getByTestId('action-plan').innerText()).includes('Buy')).toBe(true)
  })

  it('"+ Add elevator" twice: two elevators in the elevators lane of the gap\'s stage, no overlap, typing into the new one; Enter edits a card; text grows the lane', async () => {
    const url = await newBoard('en')
    const board = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    await board.waitForShapeCount('journey', 1)
    await fitGrid(board)
    const gapCell = await board.cellCenter('Gaps', 'Buy')
    const gapId = await board.placeWithToolbar('gap', gapCell)
    await fitGrid(board)
    const first = await board.addElevatorWithButton(gapId)
    await board.page.waitForFunction((id) => document.activeElement?.closest('.tl-shape')?.getAttribute('data-shape-id') === id, first)
    expect(await focusedFieldOf(board, first)).toBe('Action')
    await board.page.keyboard.type('Clearer service descriptions')
    // The second click comes while the first elevator is still open for typing.
    await settle(board)
    const second = await board.clickAddElevator(gapId)
    expect(await focusedFieldOf(board, second)).toBe('Action')
    await board.page.keyboard.type('Chat on the service pages')
    await board.waitForShapeProps(second, { action: 'Chat on the service pages' })
    await board.waitForShapeProps(first, { action: 'Clearer service descriptions' })

    const elevators = await laneRect(board, 'Elevators')
    const cards = byId(await board.shapes())
    for (const id of [first, second]) {
      expect(cards[id].props).toMatchObject({ gapId, stageId: gapCell.stageId, laneId: elevators.id })
      const rect = rectOf(cards[id])
      expect(rect.y).toBeGreaterThanOrEqual(elevators.y)
      expect(rect.y + rect.h).toBeLessThanOrEqual(elevators.y + elevators.h)
    }
    expect(overlap(rectOf(cards[first]), rectOf(cards[second]))).toBe(false)
    expect(overlap(rectOf(cards[gapId]), rectOf(cards[first]))).toBe(false)
    await board.page.keyboard.press('Escape')
    await board.page.evaluate(() => void window.kuilu!.editor.selectNone())
    await zoomToCards(board, [gapId, first, second])
    await screenshot(board, 'two-elevators-en')
    await fitGrid(board)

    // Enter on a selected card opens it for typing, caret in its first field.
    await board.page.keyboard.press('Escape')
    await board.select(gapId)
    await board.page.keyboard.press('Enter')
    await board.shapeElement(gapId).locator('.card.is-editing').waitFor()
    expect(await focusedFieldOf(board, gapId)).toBe('Target')
    const gapsLane = await laneRect(board, 'Gaps')
    const elevatorY = cards[first].y
    await board.page.keyboard.type('Help is found at once, in the customer’s own channel, by day and by night, on the phone, in the chat and on the web, without queueing and without repeating the question to a second or a third person.')
    await board.waitForShapeProps(gapId, { target: 'Help is found at once, in the customer’s own channel, by day and by night, on the phone, in the chat and on the web, without queueing and without repeating the question to a second or a third person.' })
    // The card grows with its text, its lane with the card, and the elevators below move down with their lane.
    await board.page.waitForFunction(
      ([id, height]) => {
        const editor = window.kuilu!.editor
        const gap = editor.getShape(id as never) as { props: { h: number } }
        return gap.props.h > height
      },
      [gapId, gapsLane.h - 24] as const,
    )
    await board.page.waitForFunction(
      ([gap, lane]) => {
        const editor = window.kuilu!.editor
        const grid = editor.getCurrentPageShapes().find((shape) => shape.type === 'journey') as unknown as { props: { lanes: { id: string; height: number }[] } }
        const card = editor.getShape(gap as never) as { props: { h: number } }
        return grid.props.lanes.find((l) => l.id === lane)!.height === card.props.h + 24
      },
      [gapId, gapsLane.id] as const,
    )
    const grown = byId(await board.shapes())
    const grownLane = await laneRect(board, 'Gaps')
    expect(grownLane.h).toBeGreaterThan(gapsLane.h)
    expect(grown[first].y - elevatorY).toBeCloseTo(grownLane.h - gapsLane.h, 6)
    expect(overlap(rectOf(grown[gapId]), rectOf(grown[first]))).toBe(false)
    expect(await board.cardsOverflowing()).toEqual([])
    await board.page.keyboard.press('Escape')
    await board.page.evaluate(() => void window.kuilu!.editor.selectNone())
    await board.waitForSaveStatus('saved')
    await zoomToCards(board, [gapId, first, second])
    await screenshot(board, 'lane-grows-en')
  })

  it('two people adding an elevator to one gap at once end up with two elevators in its cell, neither on the other', async () => {
    const url = await newBoard('en')
    const facilitator = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    const participant = await BoardPageObject.open(await newContext(), url, 'Participant')
    await facilitator.waitForShapeCount('journey', 1)
    await fitGrid(facilitator)
    const gapId = await facilitator.placeWithToolbar('gap', await facilitator.cellCenter('Gaps', 'Use'))
    await participant.waitForShapeCount('gap', 1)
    await facilitator.waitForSaveStatus('saved')
    const grid = await theGrid(facilitator)
    await participant.waitForShapeProps(grid.id, { h: grid.props.h })
    await fitGrid(facilitator)
    await fitGrid(participant)
    await Promise.all([facilitator.clickAddElevator(gapId), participant.clickAddElevator(gapId)])
    for (const board of [facilitator, participant]) await board.waitForShapeCount('elevator', 2)
    const settled = async (board: BoardPageObject) => {
      await board.page.waitForFunction(() => {
        const cards = window.kuilu!.editor.getCurrentPageShapes().filter((shape) => shape.type === 'elevator') as unknown as { x: number; y: number; props: { w: number; h: number } }[]
        const [a, b] = cards
        return cards.length === 2 && !(a.x < b.x + b.props.w && b.x < a.x + a.props.w && a.y < b.y + b.props.h && b.y < a.y + a.props.h)
      })
      return (await board.shapes('elevator')).map((shape) => `${shape.id} ${shape.x},${shape.y} ${shape.props.stageId}/${shape.props.laneId}`).sort()
    }
    await facilitator.waitForSaveStatus('saved')
    await participant.waitForSaveStatus('saved')
    const seen = await settled(facilitator)
    await participant.page.waitForFunction((want) => {
      const have = window.kuilu!.editor.getCurrentPageShapes().filter((shape) => shape.type === 'elevator').map((shape) => `${shape.id} ${shape.x},${shape.y} ${(shape.props as { stageId: string }).stageId}/${(shape.props as { laneId: string }).laneId}`).sort()
      return JSON.stringify(have) === JSON.stringify(want)
    }, seen)
    const elevatorsLane = await laneRect(facilitator, 'Elevators')
    for (const shape of await facilitator.shapes('elevator')) expect(shape.props.laneId).toBe(elevatorsLane.id)
  })

  it('the Finnish touchpoint card keeps "Digitaalinen" whole', async () => {
    const url = await newBoard('fi')
    const board = await BoardPageObject.open(await newContext(), url, 'Fasilitaattori')
    await board.chooseLanguage('Suomi')
    await board.waitForShapeCount('journey', 1)
    await fitGrid(board)
    const id = await board.placeWithToolbar('touchpoint', await board.cellCenter('Kosketuspisteet', 'Osto'))
    await board.editCard(id, { Otsikko: 'Verkkokaupan kassa', Vastuu: 'Verkkokauppatiimi' })
    const values = board.shapeElement(id).locator('.card-chip strong')
    await values.filter({ hasText: 'Digitaalinen' }).waitFor()
    expect(await textLines(values)).toEqual(['Verkko: 1', 'Digitaalinen: 1'])
    expect(await board.cardsOverflowing()).toEqual([])
    await board.page.evaluate(() => void window.kuilu!.editor.selectNone())
    await zoomToCards(board, [id])
    await screenshot(board, 'touchpoint-fi')
  })

  it('the Swedish example elevator keeps its owner "Marknadsföring" whole, and with a due date set the date moves to the next line', async () => {
    const response = await fetch(`${server.url}/new?template=gap-analysis&lang=sv`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    const board = await BoardPageObject.open(await newContext(), `${server.url}${response.headers.get('location')}`, 'Fasilitator')
    await board.chooseLanguage('Svenska')
    await board.waitForShapeCount('elevator', 1)
    const [elevator] = await board.shapes('elevator')
    const owner = board.shapeElement(elevator.id).locator('.card-owner .card-text')
    await owner.filter({ hasText: 'Marknadsföring' }).waitFor()
    expect(await textLines(owner)).toEqual(['Marknadsföring: 1'])
    expect(await board.cardsOverflowing()).toEqual([])
    await board.page.evaluate((id) => window.kuilu!.editor.updateShape({ id: id as never, type: 'elevator', props: { due: '2027-01-15' } }), elevator.id)
    const due = board.shapeElement(elevator.id).locator('.card-chip strong').filter({ hasText: '2027-01-15' })
    await due.waitFor()
    const [ownerBox, dueBox] = [await owner.boundingBox(), await due.boundingBox()]
    expect(dueBox!.y).toBeGreaterThanOrEqual(ownerBox!.y + ownerBox!.height)
    expect(await textLines(owner)).toEqual(['Marknadsföring: 1'])
    expect(await board.cardsOverflowing()).toEqual([])
    await zoomToCards(board, [elevator.id])
    await screenshot(board, 'elevator-owner-sv')
  })

  it('asked for nothing outside 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(0)
    const offHost = requested.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
