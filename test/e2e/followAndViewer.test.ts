import type { Browser, BrowserContext, Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { describe, expect, it } from 'vitest'
import { strings } from '../../client/i18n/strings.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { apart, camera, pan } from './cameraSteps.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { watchSentSync, type SentSync } from './sentDocumentUpdates.js'
import { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium()

/** docs/screenshots/follow-and-viewer with KUILU_WRITE_SAMPLES=1, KUILU_SCREENSHOT_DIR to keep them elsewhere, else a temp dir removed afterwards. */
const SCREENSHOTS = screenshotsFor('follow-and-viewer', 'follow')
const SCREENSHOT_DIR = SCREENSHOTS.dir

type Bounds = { x: number; y: number; w: number; h: number }

const viewport = (page: Page): Promise<Bounds> =>
  page.evaluate(() => {
    const { x, y, w, h } = window.kuilu!.editor.getViewportPageBounds()
    return { x, y, w, h }
  })
const isFollowing = (page: Page): Promise<boolean> => page.evaluate(() => window.kuilu!.editor.getInstanceState().followingUserId !== null)
const centre = (box: Bounds) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

describe.skipIf(!canRun)('following the facilitator, and a viewer who only watches', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const consoleLines: string[] = []
  const socketUrls: string[] = []
  let tokens: string[]
  let viewerSync: SentSync
  let facilitator: WorkshopSeat
  let participant: WorkshopSeat
  let viewer: WorkshopSeat

  const newContext = async (locale: 'en-GB' | 'fi-FI', who: string): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
    context.on('page', (page) => {
      page.on('console', (message) => consoleLines.push(`${who} ${message.type()}: ${message.text()} @ ${message.location().url}`))
      page.on('websocket', (socket) => socketUrls.push(socket.url()))
    })
    run.keep(context)
    return context
  }
  /** Waits until a tab's camera is the facilitator's, read afresh each time: a hand-tool pan slides on for a moment after the drag. */
  const waitUntilFollows = async (seat: WorkshopSeat) => {
    await expect.poll(async () => apart(await camera(facilitator.page), await camera(seat.page)), { timeout: 15_000 }).toBeLessThan(0.5)
  }

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'follow', screenshots: SCREENSHOTS })

  it('seats a facilitator in English, a participant in Finnish and a viewer, each seeing the others\' cursors and names', async () => {
    const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Follow me', language: 'en' }) })
    const { links } = (await response.json()) as { links: Record<'facilitator' | 'participant' | 'viewer', string> }
    tokens = Object.values(links).map((link) => new URL(link).searchParams.get('token')!)
    facilitator = await WorkshopSeat.join(await newContext('en-GB', 'facilitator'), links.facilitator, 'Facilitator', 'facilitator')
    participant = await WorkshopSeat.join(await newContext('fi-FI', 'participant'), links.participant, 'Osallistuja', 'participant')
    const viewerContext = await newContext('en-GB', 'viewer')
    viewerSync = watchSentSync(viewerContext)
    viewer = await WorkshopSeat.join(viewerContext, links.viewer, 'Viewer', 'viewer')
    await viewer.board.waitForSaveStatus('saved')
    await viewer.noteShown('save status', '[data-testid="save-status"]', 'data-status')
    const everyone = [facilitator, participant, viewer]
    await facilitator.pointAt({ x: 330, y: 300 })
    await participant.pointAt({ x: 560, y: 420 })
    await viewer.pointAt({ x: 760, y: 300 })
    for (const seat of everyone) {
      const others = everyone.filter((other) => other !== seat).map((other) => other.name)
      await seat.waitForCursorNames(others)
      expect((await seat.cursorNames()).sort()).toEqual([...others].sort())
    }
    for (const seat of everyone) await seat.screenshot(SCREENSHOT_DIR, `cursors-${seat.role}`)
  })

  it('moves the participant\'s and the viewer\'s cameras with the facilitator\'s, pan after pan, once Follow me is on', async () => {
    await facilitator.openPanel()
    await facilitator.page.getByTestId('follow-me').click()
    await expect.poll(() => facilitator.page.getByTestId('follow-me').getAttribute('aria-pressed')).toBe('true')
    expect(await facilitator.page.getByTestId('follow-me').textContent()).toBe(strings.en.stopFollow)
    await facilitator.page.getByTestId('toggle-workshop').click()
    for (const by of [{ x: -260, y: -120 }, { x: 180, y: -200 }, { x: -320, y: 90 }]) {
      const before = await camera(facilitator.page)
      await pan(facilitator.page, by)
      expect(apart(before, await camera(facilitator.page))).toBeGreaterThan(50)
      await waitUntilFollows(participant)
      await waitUntilFollows(viewer)
    }
    expect(await participant.page.getByTestId('following').textContent()).toBe(strings.fi.followingFacilitator)
    await participant.screenshot(SCREENSHOT_DIR, 'following-participant')
  })

  it('lets the participant leave with Esc; the participant\'s view then stays while the viewer keeps following', async () => {
    await participant.page.keyboard.press('Escape')
    await expect.poll(() => isFollowing(participant.page)).toBe(false)
    expect(await participant.page.getByTestId('following').count()).toBe(0)
    // Someone arriving while Follow me is on (here the viewer, reloading) is brought along as well.
    await viewer.page.reload()
    await viewer.board.waitForCanvas()
    await viewer.board.waitForSaveStatus('saved')
    await viewer.noteShown('save status', '[data-testid="save-status"]', 'data-status')
    const left = await camera(participant.page)
    for (const by of [{ x: 240, y: 160 }, { x: -150, y: 220 }]) {
      await pan(facilitator.page, by)
      // The viewer following along shows the pan reached everyone; the participant's view has not moved.
      await waitUntilFollows(viewer)
      expect(apart(left, await camera(participant.page))).toBeLessThan(0.5)
    }
    expect(await isFollowing(participant.page)).toBe(false)
  })

  it('brings both the participant and the viewer to the facilitator\'s view with "Bring everyone here"', async () => {
    await facilitator.openPanel()
    await facilitator.page.getByTestId('follow-me').click()
    await expect.poll(() => isFollowing(viewer.page)).toBe(false)
    await facilitator.page.getByTestId('toggle-workshop').click()
    await pan(facilitator.page, { x: 300, y: 250 })
    const target = await viewport(facilitator.page)
    for (const seat of [participant, viewer]) expect(Math.hypot(centre(target).x - centre(await viewport(seat.page)).x, centre(target).y - centre(await viewport(seat.page)).y)).toBeGreaterThan(100)
    await facilitator.openPanel()
    await facilitator.page.getByTestId('summon').click()
    for (const seat of [participant, viewer]) {
      await expect.poll(async () => {
        const seen = await viewport(seat.page)
        return Math.hypot(centre(target).x - centre(seen).x, centre(target).y - centre(seen).y)
      }, { timeout: 15_000 }).toBeLessThan(2)
      const seen = await viewport(seat.page)
      expect(seen.w).toBeGreaterThanOrEqual(target.w - 1)
    }
    await facilitator.page.getByTestId('toggle-workshop').click()
  })

  it('refuses a write forced on a locked board, as a modified client would make it, and prints no token for it', async () => {
    await facilitator.openPanel()
    await facilitator.page.getByTestId('toggle-lock').click()
    await expect.poll(() => participant.page.getByTestId('role').textContent()).toBe(`${strings.fi['role.participant']} · ${strings.fi.locked}`)
    await facilitator.page.getByTestId('toggle-workshop').click()
    await participant.page.evaluate(() => {
      const editor = window.kuilu!.editor
      editor.updateInstanceState({ isReadonly: false })
      editor.createShape({ type: 'geo', x: 0, y: 0 })
    })
    // The server drops it and says so twice: y-websocket's permission-denied (whose stock handler logs the URL, token and all) and our reason code.
    const refusal = participant.page.getByTestId('board-rejected')
    await refusal.waitFor()
    expect(await refusal.getAttribute('data-reason')).toBe('boardLocked')
    expect(server.output.filter((line) => line.includes('write denied'))).toHaveLength(1)
  })

  it('shows the viewer "View only", with no edit tools, no "+ Add elevator" and no card editing', async () => {
    const gapId = await facilitator.board.placeWithToolbar('gap', { x: 640, y: 330 })
    await facilitator.page.keyboard.press('Escape')
    await viewer.board.waitForShapeCount('gap', 1)
    await viewer.board.zoomToFit()
    expect(await viewer.page.getByTestId('role').textContent()).toBe(`${strings.en['role.viewer']} · ${strings.en.viewOnly}`)
    await expect.poll(() => facilitator.board.shapeElement(gapId).getByTestId('add-elevator').isVisible()).toBe(true)
    expect(await viewer.board.shapeElement(gapId).getByTestId('add-elevator').isVisible()).toBe(false)
    const tools = await viewer.page.locator('[data-testid^="tools."]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-testid')))
    expect(tools.filter((tool) => !['tools.select', 'tools.hand', 'tools.laser', 'tools.more-button'].includes(tool!))).toEqual([])
    expect(tools).not.toContain('tools.gap')
    // Trying anyway: a double-click to edit, typing, the gap and elevator shortcuts, Delete.
    const at = await viewer.board.shapeCenter(gapId)
    await viewer.page.mouse.move(at.x + 20, at.y + 20)
    await viewer.page.mouse.dblclick(at.x, at.y)
    await viewer.page.keyboard.type('viewer text')
    for (const key of ['Shift+I', 'Delete', 'u']) await viewer.page.keyboard.press(key)
    await viewer.page.mouse.click(300, 600)
    expect(await viewer.board.shapeElement(gapId).locator('.card.is-editing').count()).toBe(0)
    await viewer.screenshot(SCREENSHOT_DIR, 'viewer-en')
    await viewer.board.chooseLanguage('Suomi')
    expect(await viewer.page.getByTestId('role').textContent()).toBe(`${strings.fi['role.viewer']} · ${strings.fi.viewOnly}`)
    await viewer.screenshot(SCREENSHOT_DIR, 'viewer-fi')
  })

  it('had the viewer\'s tab send no document update, never wait on a save, and get nothing refused', async () => {
    // A round trip: the facilitator's next edit reaches the viewer, after anything the viewer's tab might have sent.
    const gapId = (await facilitator.board.shapes('gap'))[0].id
    await facilitator.board.editCard(gapId, { [strings.en.today]: 'Hard to find the price' })
    await viewer.board.waitForShapeProps(gapId, { today: 'Hard to find the price' })
    expect(viewerSync.kinds).toContain('step2')
    expect(viewerSync.writes).toEqual([])
    await viewer.board.waitForSaveStatus('saved')
    expect(await viewer.noted('save status')).toEqual(['saved'])
    expect(await viewer.page.getByTestId('board-rejected').count()).toBe(0)
    // The one write the server denied was the participant's forced one.
    expect(server.output.filter((line) => line.includes('write denied') && line.includes('viewerReadOnly'))).toEqual([])
  })

  it('asks the facilitator before revoking a link, and revokes it only when confirmed', async () => {
    await facilitator.openPanel()
    const viewerLink = facilitator.page.getByTestId('workshop-panel').locator('li[data-testid="invite-link"][data-role="viewer"]')
    await viewerLink.getByTestId('revoke-link').click()
    const question = viewerLink.getByTestId('revoke-confirmation')
    expect(await question.textContent()).toContain(strings.en.revokeQuestion)
    await facilitator.screenshot(SCREENSHOT_DIR, 'revoke-confirmation')
    await viewerLink.getByTestId('cancel-revoke').click()
    expect(await question.count()).toBe(0)
    expect(await viewerLink.getAttribute('data-revoked')).toBe('false')
    expect(await viewer.page.getByTestId('board-denied').count()).toBe(0)
    await viewerLink.getByTestId('revoke-link').click()
    await viewerLink.getByTestId('confirm-revoke').click()
    await viewer.page.getByTestId('board-denied').waitFor()
    expect(await viewer.page.getByTestId('board-denied').getAttribute('data-reason')).toBe('inviteRevoked')
    await expect.poll(() => viewerLink.getAttribute('data-revoked')).toBe('true')
  })

  it('wrote no invite token to any browser console or to the server log, also while the server is gone and the tabs retry', async () => {
    // Refusals are logged: a tampered token, on a socket and on an export, must not be.
    const boardId = new URL(facilitator.page.url()).pathname.split('/')[2]
    tokens.push(`${tokens[1].slice(0, -6)}AAAAAA`)
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${boardId}?token=${tokens.at(-1)}`)
    await new Promise((resolve) => socket.once('close', resolve))
    expect((await fetch(`${server.url}/api/boards/${boardId}/action-plan.csv?token=${tokens.at(-1)}`)).status).toBe(401)
    await expect.poll(() => server.output.some((line) => line.includes('connection refused'))).toBe(true)
    await server.kill('SIGTERM')
    await participant.board.waitForSaveStatus('offline')
    // Chromium prints the address of every socket that fails to connect: wait for a few such retries from each tab.
    await expect.poll(() => consoleLines.filter((line) => line.includes('WebSocket connection to')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6)
    expect(socketUrls.length).toBeGreaterThanOrEqual(3)
    expect(socketUrls.filter((url) => url.includes('token'))).toEqual([])
    for (const token of tokens) {
      expect(consoleLines.filter((line) => line.includes(token))).toEqual([])
      expect(server.output.filter((line) => line.includes(token))).toEqual([])
    }
  })
})
