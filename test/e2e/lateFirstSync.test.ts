import { join } from 'node:path'
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { BoardPageObject } from './BoardPageObject.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { noteSyncFrame, type SentSync } from './sentDocumentUpdates.js'

const canRun = hasChromium()
const SCREENSHOTS = screenshotsFor('late-first-sync', 'late-sync')

/**
 * A slow network between one browser and the server: the server's frames are
 * held (in order) until `release()`, and every sync frame the page sends that
 * would write to the document is noted. The board opens on its own after 4 s
 * without an answer (offline first), so this is a tab bound before it has the
 * board's state.
 */
async function holdServerFrames(context: BrowserContext) {
  const held: (() => void)[] = []
  let isHolding = true
  const sent: SentSync = { kinds: [], writes: [] }
  await context.routeWebSocket(/\/sync\//, (page: WebSocketRoute) => {
    const server = page.connectToServer()
    server.onMessage((message) => (isHolding ? held.push(() => page.send(message)) : page.send(message)))
    page.onMessage((message) => {
      noteSyncFrame(sent, message)
      server.send(message)
    })
  })
  return {
    writes: sent.writes,
    release() {
      isHolding = false
      for (const send of held.splice(0)) send()
    },
  }
}

const pageState = (page: Page) =>
  page.evaluate(() => {
    const editor = window.kuilu!.editor
    return { pageNames: editor.getPages().map((each) => each.name), journeys: editor.getCurrentPageShapes().filter((shape) => shape.type === 'journey').length }
  })

describe.skipIf(!canRun)('a tab whose first answer from the server comes late', () => {
  let browser: Browser
  let server: SpawnedServer
  const run = useBrowserRun((started) => ({ browser, server } = started), { name: 'late-sync', screenshots: SCREENSHOTS })

  it('opens the board empty, writes none of its own defaults over the board, then shows the board, and its save status reads Saved (participant and viewer)', { timeout: 90_000 }, async () => {
    const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Hidas verkko', language: 'fi' }) })
    const { links } = (await response.json()) as { links: Record<'facilitator' | 'participant' | 'viewer', string> }
    const seats = []
    for (const [role, name] of [['participant', 'Osallistuja'], ['viewer', 'Katsoja']] as const) {
      const context = run.keep(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI' }))
      const slow = await holdServerFrames(context)
      const board = await BoardPageObject.open(context, links[role], name)
      seats.push({ role, board, slow })
    }
    // Both tabs opened the board before any answer: tldraw's own page, no journey yet, and nothing of it sent.
    for (const { board, slow } of seats) {
      expect(await pageState(board.page)).toEqual({ pageNames: ['Page 1'], journeys: 0 })
      expect(slow.writes).toEqual([])
    }
    for (const { slow } of seats) slow.release()
    for (const { board } of seats) {
      await board.waitForShapeCount('journey', 1)
      await board.waitForSaveStatus('saved')
      expect(await pageState(board.page)).toEqual({ pageNames: ['Sivu 1'], journeys: 1 })
    }
    const viewer = seats.find((seat) => seat.role === 'viewer')!
    expect(viewer.slow.writes).toEqual([])
    // Someone who joins afterwards on a good network finds the board as the template made it.
    const facilitator = await BoardPageObject.open(run.keep(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI' })), links.facilitator, 'Fasilitaattori')
    await facilitator.waitForShapeCount('journey', 1)
    expect(await pageState(facilitator.page)).toEqual({ pageNames: ['Sivu 1'], journeys: 1 })
    await viewer.board.page.screenshot({ path: join(SCREENSHOTS.dir, 'viewer-after-late-sync.png') })
  })
})
