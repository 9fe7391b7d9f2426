import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestSchema, hasPostgres, type TestSchema } from '../helpers/postgres.js'
import { hasRedis, REDIS_URL, testRedisPrefix } from '../helpers/redis.js'
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'
import { BoardPageObject } from './BoardPageObject.js'
import { hasChromium, launchChromium } from './chromium.js'

const canRun = hasChromium() && (await hasPostgres()) && (await hasRedis())

/** Issue 13: a board open on two instances is one board, for a browser and a stock Yjs client alike. */
describe.skipIf(!canRun)('a board served by two instances, in the browser', () => {
  let browser: Browser
  let schema: TestSchema
  const servers: SpawnedServer[] = []
  const dataDirs: string[] = []
  let context: BrowserContext
  let stock: StockClient | null = null

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run the suite with npm test (it builds the client)')
    schema = await createTestSchema()
    const env = { DATABASE_URL: schema.url, REDIS_URL, KUILU_REDIS_PREFIX: testRedisPrefix(), KUILU_SECRET: 'shared-by-the-instances' }
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'kuilu-e2e-instances-'))
      dataDirs.push(dataDir)
      servers.push(await spawnServer({ dataDir, env }))
    }
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  })
  afterAll(async () => {
    stock?.destroy()
    await context?.close().catch(() => {})
    await browser?.close()
    for (const server of servers) await server.kill('SIGTERM')
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
    await schema?.drop()
  })

  it("shows a stock y-websocket client on instance A a browser's edit made on instance B, and the other way", async () => {
    const [a, b] = servers
    const response = await fetch(`${a.url}/new`, { redirect: 'manual' })
    const path = response.headers.get('location')!
    const boardId = path.split('/').at(-1)!
    stock = await connectStockClient(`ws://127.0.0.1:${a.port}/sync`, boardId)
    const page = await BoardPageObject.open(context, `${b.url}${path}`, 'Participant')
    await page.drawRectangle(300, 300)
    const [drawn] = await page.shapeIds()
    await waitFor(() => stock!.records.has(drawn), { what: "the browser's shape on instance A" })
    expect((stock.records.get(drawn) as { typeName: string }).typeName).toBe('shape')
    const shapes = await page.shapeIds()
    stock.records.set('shape:from-a', { ...(stock.records.get(drawn) as Record<string, unknown>), id: 'shape:from-a', x: 600 })
    await waitFor(async () => (await page.shapeIds()).length > shapes.length, { what: "A's shape in the browser on B" })
  })
})
