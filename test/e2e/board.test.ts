import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js'
import { connectStockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'
import { BoardPageObject } from './BoardPageObject.js'
import { useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'

const canRun = hasChromium()

describe.skipIf(!canRun)('board in the browser', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  /** Every URL any page asked for: none may leave 127.0.0.1. */
  const requested: string[] = []

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    context.on('request', (request) => requested.push(request.url()))
    context.on('page', (page) => page.on('websocket', (socket) => requested.push(socket.url())))
    run.keep(context)
    return context
  }
  const newBoard = async (): Promise<string> => {
    const response = await fetch(`${server.url}/new`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    return `${server.url}${response.headers.get('location')}`
  }
  const restartServer = async (): Promise<void> => {
    const port = server.port
    await server.kill('SIGTERM')
    server = run.adoptServer(await spawnServer({ dataDir, port }))
  }

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'board' })

  it('shows each person the other one\'s shapes and cursor live', async () => {
    const url = await newBoard()
    const facilitator = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    const participant = await BoardPageObject.open(await newContext(), url, 'Participant')

    await facilitator.drawRectangle(300, 300)
    const [first] = await facilitator.shapeIds()
    expect(first).toMatch(/^shape:/)
    await participant.waitForShapes([first])

    await participant.drawRectangle(600, 400)
    const both = await participant.shapeIds()
    expect(both).toHaveLength(2)
    await facilitator.waitForShapes(both)

    await facilitator.page.mouse.move(500, 500, { steps: 5 })
    await facilitator.page.mouse.move(520, 520, { steps: 5 })
    await waitFor(async () => (await participant.collaboratorNames()).includes('Facilitator'), { what: 'facilitator presence' })
    await participant.page.locator('.tl-collaborator__cursor').first().waitFor()
    await participant.page.mouse.move(700, 300, { steps: 5 })
    await waitFor(async () => (await facilitator.collaboratorNames()).includes('Participant'), { what: 'participant presence' })
    await facilitator.waitForSaveStatus('saved')
    // Loading, drawing, syncing and presence all work under the server's CSP: the browser refused nothing.
    expect([...facilitator.policyViolations, ...participant.policyViolations]).toEqual([])
  })

  it('keeps a shape across a server restart', async () => {
    const url = await newBoard()
    const before = await BoardPageObject.open(await newContext(), url, 'Facilitator')
    await before.drawRectangle(400, 300)
    const ids = await before.shapeIds()
    await before.waitForSaveStatus('saved')
    await before.page.close()

    await restartServer()
    const after = await BoardPageObject.open(await newContext(), url, 'Participant')
    await after.waitForShapes(ids)
  })

  it('reloads a board with the server stopped and syncs offline edits when it returns', async () => {
    const url = await newBoard()
    const boardId = url.split('/b/')[1]
    const context = await newContext()
    const board = await BoardPageObject.open(context, url, 'Facilitator')
    await board.page.locator('html[data-offline-ready="true"]').waitFor()
    await board.drawRectangle(300, 300)
    const online = await board.shapeIds()
    await board.waitForSaveStatus('saved')

    const port = server.port
    await server.kill('SIGTERM')
    await board.waitForSaveStatus('offline')
    await board.page.reload()
    await board.waitForCanvas()
    await board.waitForShapes(online)
    await board.drawRectangle(600, 450)
    const withOffline = await board.shapeIds()
    expect(withOffline).toHaveLength(2)
    await board.waitForSaveStatus('offline')

    server = run.adoptServer(await spawnServer({ dataDir, port }))
    await board.waitForSaveStatus('saved')
    const check = await connectStockClient(`ws://127.0.0.1:${port}/sync`, boardId)
    try {
      for (const id of withOffline) expect(check.records.has(id)).toBe(true)
    } finally {
      check.destroy()
    }
    // The service worker's cached shell keeps the headers it was served with, and the app still runs under them.
    expect(board.policyViolations).toEqual([])
  })

  it('asked for nothing outside 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(0)
    const offHost = requested.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(url) && !/^(data|blob):/.test(url))
    expect(offHost).toEqual([])
  })
})
