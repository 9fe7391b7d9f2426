import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { reasonMessage } from '../../client/i18n/reasonMessages.js'
import { strings } from '../../client/i18n/strings.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { watchSentAwareness } from './sentAwareness.js'
import { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium()

/**
 * Where the screenshots go: docs/screenshots with KUILU_WRITE_SAMPLES=1, a
 * directory of your choice with KUILU_SCREENSHOT_DIR (kept, to look at), else
 * a temp dir removed afterwards, so a plain run changes no tracked file.
 */
const SCREENSHOTS = screenshotsFor('', 'live-workshop')
const SCREENSHOT_DIR = SCREENSHOTS.dir

/** Where each person holds their pointer: apart, and clear of the toolbar, the status bar and the panels. */
const POINTS = {
  facilitator: { x: 330, y: 300 },
  one: { x: 560, y: 420 },
  two: { x: 760, y: 300 },
  viewer: { x: 460, y: 540 },
} as const

describe.skipIf(!canRun)('a live workshop: four people on one board', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const requested: string[] = []
  /** Per context, per socket, the client ids its awareness frames spoke for. */
  const sentAwareness: Set<number>[][] = []
  const newContext = async (locale: 'en-GB' | 'fi-FI'): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
    context.on('request', (request) => requested.push(request.url()))
    context.on('page', (page) => page.on('websocket', (socket) => requested.push(socket.url())))
    sentAwareness.push(watchSentAwareness(context))
    run.keep(context)
    return context
  }
  let seats: { facilitator: WorkshopSeat; one: WorkshopSeat; two: WorkshopSeat; viewer: WorkshopSeat }
  let everyone: WorkshopSeat[]
  let elevators: string[]

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'live-workshop', screenshots: SCREENSHOTS })

  it('seats a facilitator in English, two participants in Finnish and a viewer, from links made with the API', async () => {
    const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Asiakaspolkutyöpaja', language: 'fi' }) })
    expect(response.status).toBe(201)
    const { links } = (await response.json()) as { links: Record<'facilitator' | 'participant' | 'viewer', string> }
    const facilitator = await WorkshopSeat.join(await newContext('en-GB'), links.facilitator, 'Facilitator', 'facilitator')
    // The facilitator prepares two elevators in the Elevators lane before the others arrive.
    await facilitator.board.waitForShapeCount('journey', 1)
    elevators = []
    for (const stage of ['Osto', 'Käyttö']) {
      // The Elevators lane grows to its first card: fit the view again, or the next cell lies under the toolbar.
      await facilitator.board.zoomToFit()
      elevators.push(await facilitator.board.placeWithToolbar('elevator', await facilitator.board.cellCenter('Hissit', stage)))
    }
    await facilitator.page.keyboard.press('Escape')
    await facilitator.board.waitForSaveStatus('saved')
    const [one, two, viewer] = await Promise.all([
      newContext('fi-FI').then((context) => WorkshopSeat.join(context, links.participant, 'Osallistuja yksi', 'participant')),
      newContext('fi-FI').then((context) => WorkshopSeat.join(context, links.participant, 'Osallistuja kaksi', 'participant')),
      newContext('en-GB').then((context) => WorkshopSeat.join(context, links.viewer, 'Viewer', 'viewer')),
    ])
    seats = { facilitator, one, two, viewer }
    everyone = [facilitator, one, two, viewer]
    expect(await one.page.getByTestId('role').textContent()).toContain(strings.fi['role.participant'])
    expect(await facilitator.page.getByTestId('role').textContent()).toContain(strings.en['role.facilitator'])
    for (const seat of everyone) await seat.board.waitForShapes(await facilitator.board.shapeIds())
    // Opening the board writes nothing, so even the viewer's tab reads "saved" with nothing refused.
    for (const seat of everyone) await seat.board.waitForSaveStatus('saved')
    for (const seat of everyone) expect(await seat.page.getByTestId('board-rejected').count()).toBe(0)
  })

  it('shows each person the other three cursors, labelled with the names they joined with', async () => {
    for (const [key, seat] of Object.entries(seats)) await seat.pointAt(POINTS[key as keyof typeof POINTS])
    for (const seat of everyone) {
      const others = everyone.filter((other) => other !== seat).map((other) => other.name)
      await seat.waitForCursorNames(others)
      expect((await seat.cursorNames()).sort()).toEqual([...others].sort())
    }
    for (const [key, seat] of Object.entries(seats)) await seat.screenshot(SCREENSHOT_DIR, `live-workshop-cursors-${key}`)
  })

  it("carries a participant's card edit to everyone", async () => {
    const { one } = seats
    // Typed in the Finnish UI, where the elevator's action field is labelled "Toimenpide".
    await one.board.editCard(elevators[0], { [strings.fi.action]: 'Selkeämmät palvelukuvaukset' })
    for (const seat of everyone) await seat.board.waitForShapeProps(elevators[0], { action: 'Selkeämmät palvelukuvaukset' })
    await one.board.waitForSaveStatus('saved')
  })

  it('keeps the viewer from editing, on the canvas and on the server', async () => {
    const { viewer, facilitator } = seats
    // In id order: a page lists its shapes in the order they reached it, which differs between people.
    const byId = async (seat: WorkshopSeat) => (await seat.board.shapes()).sort((a, b) => a.id.localeCompare(b.id))
    const before = await byId(facilitator)
    expect(await viewer.page.evaluate(() => window.kuilu!.editor.getIsReadonly())).toBe(true)
    await viewer.board.drawRectangle(900, 560)
    const card = await viewer.board.shapeCenter(elevators[1])
    await viewer.board.approach(card)
    await viewer.page.mouse.dblclick(card.x, card.y)
    await viewer.page.keyboard.type('viewer text')
    await viewer.page.keyboard.press('Escape')
    expect(await viewer.board.shapeElement(elevators[1]).locator('.card.is-editing').count()).toBe(0)
    expect(await byId(viewer)).toEqual(before)
    // A round trip through the server: the facilitator's next edit arrives, and nothing of the viewer's came before it.
    await facilitator.board.editCard(elevators[1], { [strings.en.action]: 'Simpler checkout' })
    for (const seat of everyone) await seat.board.waitForShapeProps(elevators[1], { action: 'Simpler checkout' })
    expect((await byId(facilitator)).map((shape) => shape.id)).toEqual(before.map((shape) => shape.id))
    // The viewer's tab never tried: nothing waits for the server, nothing was refused.
    await viewer.board.waitForSaveStatus('saved')
    expect(await viewer.page.getByTestId('board-rejected').count()).toBe(0)
  })

  it('refuses a participant\'s vote over the budget, and says so in Finnish', async () => {
    const { facilitator, one, two } = seats
    await facilitator.openPanel()
    await facilitator.page.getByTestId('start-round').click()
    await facilitator.page.getByTestId('current-round').waitFor()
    for (const participant of [one, two]) {
      await participant.openPanel()
      await participant.page.getByTestId('current-round').waitFor()
    }
    await two.vote(elevators[1])
    await one.vote(elevators[0])
    await one.vote(elevators[0])
    await one.voteTwiceAtOnce(elevators[1])
    const refusal = one.page.getByTestId('workshop-refused')
    await refusal.waitFor()
    expect(await refusal.getAttribute('data-reason')).toBe('voteBudgetUsed')
    expect(await refusal.textContent()).toContain(`${strings.fi.refused}: ${reasonMessage('fi', 'voteBudgetUsed', { votes: 3 })}`)
    await expect.poll(() => one.page.getByTestId('votes-left').textContent()).toBe(`${strings.fi.votesLeft}: 0`)
    await facilitator.page.getByTestId('reveal-round').click()
    for (const seat of [facilitator, one, two]) await seat.page.getByTestId('ranking').waitFor()
    const tally = await one.page.locator('[data-testid="ranking"] li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-card-id'), item.textContent]))
    // Three votes of the first participant and one of the second were counted; the first participant's fourth was not.
    expect(tally.sort()).toEqual(
      [
        [elevators[0], 'Selkeämmät palvelukuvaukset — 2 ääntä'],
        [elevators[1], 'Simpler checkout — 2 ääntä'],
      ].sort(),
    )
    expect(await two.page.getByTestId('workshop-refused').count()).toBe(0)
    for (const [key, seat] of Object.entries(seats)) await seat.screenshot(SCREENSHOT_DIR, `live-workshop-end-${key}`)
  })

  it("closes the viewer's board when the facilitator revokes the viewer link, and tells the viewer why", async () => {
    const { facilitator, viewer, one } = seats
    const viewerLink = facilitator.page.getByTestId('workshop-panel').locator('li[data-role="viewer"]')
    await viewerLink.getByTestId('revoke-link').click()
    // Revoking asks first; nothing happens until the facilitator confirms.
    await viewerLink.getByTestId('confirm-revoke').click()
    const denied = viewer.page.getByTestId('board-denied')
    await denied.waitFor()
    expect(await denied.getAttribute('data-reason')).toBe('inviteRevoked')
    expect(await denied.textContent()).toBe(reasonMessage('en', 'inviteRevoked'))
    await viewer.screenshot(SCREENSHOT_DIR, 'live-workshop-revoked-viewer')
    // The participants' link still works: the first participant's next edit is saved.
    await one.board.editCard(elevators[0], { [strings.fi.owner]: 'Asiakaspalvelu' })
    await one.board.waitForSaveStatus('saved')
    await facilitator.board.waitForShapeProps(elevators[0], { owner: 'Asiakaspalvelu' })
  })

  it("had each tab speak only for its own presence, never echo another person's", () => {
    const sockets = sentAwareness.flat().filter((clientIds) => clientIds.size > 0)
    expect(sockets.length).toBeGreaterThanOrEqual(4)
    for (const clientIds of sockets) expect([...clientIds]).toHaveLength(1)
  })

  it('asked for nothing outside 127.0.0.1', () => {
    const offHost = requested.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
