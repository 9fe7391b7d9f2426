import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject } from './BoardPageObject.js'
import { useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'

const canRun = hasChromium()

/** Runs in the page: gives an elevator card its action text (typing into the card is covered by the journey tests). */
function setElevatorAction({ shapeId, text }: { shapeId: string; text: string }): void {
  const editor = window.kuilu!.editor as unknown as { updateShape(partial: object): unknown }
  editor.updateShape({ id: shapeId, type: 'elevator', props: { action: text } })
}

describe.skipIf(!canRun)('a facilitated workshop in the browser', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const requested: string[] = []
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    context.on('request', (request) => requested.push(request.url()))
    run.keep(context)
    return context
  }

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'workshop' })

  /** The ranking a page shows, as card ids in order. */
  const ranking = (page: Page) => page.locator('[data-testid="ranking"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-card-id')))

  it('runs a round: two participants vote, the facilitator reveals, all three see the same ranking; a viewer is read-only', async () => {
    const home = await (await newContext()).newPage()
    await home.goto(`${server.url}/`)
    await home.locator('input[name="workshop-title"]').fill('Customer journey workshop')
    await home.getByRole('button', { name: 'Create workshop' }).click()
    const links = Object.fromEntries(
      await Promise.all((['facilitator', 'participant', 'viewer'] as const).map(async (role) => [role, (await home.getByTestId(`link-${role}`).getAttribute('href'))!])),
    ) as Record<'facilitator' | 'participant' | 'viewer', string>

    const facilitator = await BoardPageObject.open(home.context(), links.facilitator, 'Facilitator')
    await facilitator.page.locator('[data-testid="role"][data-role="facilitator"]').waitFor()
    const elevators: string[] = []
    for (const [x, action] of [[300, 'Clearer service descriptions'], [700, 'Simpler checkout']] as const) {
      await facilitator.page.mouse.click(x, 750)
      await facilitator.page.keyboard.press('Escape')
      await facilitator.page.keyboard.press('i')
      await facilitator.page.mouse.click(x, 750)
      const id: string | null = await facilitator.page.evaluate(() => window.kuilu!.editor.getOnlySelectedShapeId() as string | null)
      await facilitator.page.evaluate(setElevatorAction, { shapeId: id!, text: action })
      elevators.push(id!)
    }
    await facilitator.waitForSaveStatus('saved')

    const one = await BoardPageObject.open(await newContext(), links.participant, 'Participant one')
    const two = await BoardPageObject.open(await newContext(), links.participant, 'Participant two')
    for (const participant of [one, two]) await participant.page.locator('[data-testid="role"][data-role="participant"]').waitFor()

    await facilitator.page.getByTestId('toggle-workshop').click()
    await facilitator.page.getByTestId('start-round').click()
    await facilitator.page.getByTestId('current-round').waitFor()

    for (const participant of [one, two]) {
      await participant.page.getByTestId('toggle-workshop').click()
      await participant.page.getByTestId('current-round').waitFor()
    }
    const vote = async (board: BoardPageObject, cardId: string) => {
      const before = await board.page.getByTestId('votes-left').textContent()
      await board.page.locator(`[data-testid="vote-item"][data-card-id="${cardId}"] [data-testid="vote"]`).click()
      await board.page.waitForFunction((text) => document.querySelector('[data-testid="votes-left"]')?.textContent !== text, before)
    }
    await vote(one, elevators[1])
    await vote(one, elevators[1])
    await vote(one, elevators[0])
    await vote(two, elevators[1])
    await expect.poll(() => one.page.getByTestId('votes-left').textContent()).toContain('0')
    await expect.poll(() => facilitator.page.getByTestId('voters-count').textContent()).toMatch(/^2 of 3/)
    expect(await one.page.getByTestId('ranking').count()).toBe(0)

    await facilitator.page.getByTestId('reveal-round').click()
    for (const board of [facilitator, one, two]) await board.page.getByTestId('ranking').waitFor()
    const seen = await Promise.all([facilitator, one, two].map((board) => ranking(board.page)))
    expect(seen[0]).toEqual([elevators[1], elevators[0]])
    expect(seen[1]).toEqual(seen[0])
    expect(seen[2]).toEqual(seen[0])
    await expect.poll(() => two.page.locator('[data-testid="card-votes"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('3')]))

    const viewer = await BoardPageObject.open(await newContext(), links.viewer, 'Viewer')
    await viewer.page.locator('[data-testid="role"][data-role="viewer"]').waitFor()
    const everything = await facilitator.shapeIds()
    await viewer.waitForShapes(everything)
    expect(await viewer.page.evaluate(() => window.kuilu!.editor.getIsReadonly())).toBe(true)
    await viewer.page.mouse.click(500, 400)
    await viewer.page.keyboard.press('r')
    await viewer.page.mouse.move(500, 300)
    await viewer.page.mouse.down()
    await viewer.page.mouse.move(620, 380, { steps: 5 })
    await viewer.page.mouse.up()
    expect(await viewer.shapeIds()).toEqual(everything)
    await facilitator.page.keyboard.press('Escape')
    await facilitator.drawRectangle(900, 600)
    const withRectangle = await facilitator.shapeIds()
    await viewer.waitForShapes(withRectangle)
    expect(withRectangle).toHaveLength(everything.length + 1)
  })

  it('asked for nothing outside 127.0.0.1', () => {
    const offHost = requested.filter((url) => !/^https?:\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
