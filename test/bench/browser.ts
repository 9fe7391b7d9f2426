import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { BenchClient } from './load/BenchClient.js'
import { measurePdfExport, pdfExportRow } from './pdfExport.js'
import { benchShape, benchShapeId } from './records.js'
import { prepareRooms, type Harness } from './scenarios.js'
import { median } from './stats.js'

/** Debian's Chromium and flags that keep it off every host but ours (as test/e2e/chromium.ts). */
const CHROMIUM = '/usr/bin/chromium'
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
const BROWSER_ROOM = 9100
const REPS = 3

/** Where the built client is: dist/ when built, else a bench-only build in a temp dir (so a build of dist/ by someone else is not raced). */
export function ensureClientBuild(log: (message: string) => void): string {
  if (existsSync('dist/index.html')) return resolve('dist')
  const outDir = join(tmpdir(), 'kuilu-bench-dist')
  log(`dist/ is not built; building the client into ${outDir}`)
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', timeout: 240_000 })
  if (result.status !== 0) throw new Error(`vite build failed (${result.status ?? result.signal})`)
  return outDir
}

/** Gzip (level 9) size of the JS the page loads before anything else: module scripts and modulepreloads of index.html. */
function initialJsGzip(distDir: string): { files: number; bytes: number; gzipBytes: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const sources = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((match) => match[1])
  let bytes = 0
  let gzipBytes = 0
  for (const source of sources) {
    const content = readFileSync(join(distDir, source.replace(/^\.?\//, '')))
    bytes += content.byteLength
    gzipBytes += gzipSync(content, { level: 9 }).byteLength
  }
  return { files: sources.length, bytes, gzipBytes }
}

/** Writes `count` shapes to a board in updates of 250 and returns the client (full doc) that wrote them. */
async function seedBoard(url: string, docName: string, count: number): Promise<BenchClient> {
  const client = await BenchClient.connect({ url, framing: 'y-websocket', docName, shapeId: benchShapeId(BROWSER_ROOM, 999_999), applies: true })
  for (let from = 0; from < count; from += 250) {
    client.write(Array.from({ length: Math.min(250, count - from) }, (_, i) => gridShape(from + i, 0)))
  }
  await client.sync(60_000)
  return client
}

function gridShape(i: number, shift: number): Record<string, unknown> {
  return benchShape(benchShapeId(BROWSER_ROOM, i), (i % 50) * 180 + shift, Math.floor(i / 50) * 120, 0)
}

async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(() => {
    localStorage.setItem('kuilu-settings', JSON.stringify({ state: { userId: 'bench', name: 'Bench', hasChosenName: true, color: '#02B1CC', language: 'en' }, version: 1 }))
    const arrivals: { at: number; bytes: number }[] = []
    ;(window as unknown as { __benchArrivals: typeof arrivals }).__benchArrivals = arrivals
    const Native = window.WebSocket
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        this.addEventListener('message', (event) => arrivals.push({ at: performance.now(), bytes: (event.data as ArrayBuffer).byteLength ?? 0 }))
      }
    }
  })
  return context.newPage()
}

/** Navigation start → editor mounted with every shape in the store and two frames painted. */
async function firstRender(page: Page, url: string, shapes: number): Promise<number> {
  await page.goto(url)
  await page.waitForFunction((count) => (window.kuilu?.editor.getCurrentPageShapeIds().size ?? 0) >= count, shapes, { polling: 'raf', timeout: 60_000 })
  return page.evaluate(() => new Promise<number>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))))
}

/** A remote batch of `count` shape moves: arrival of the frame in the page → every shape moved in the store (and → next frame). */
async function applyBatch(page: Page, writer: BenchClient, count: number, shift: number): Promise<{ storeMs: number; frameMs: number }> {
  await page.evaluate(({ lastId, x }) => {
    const state = window as unknown as { __benchDone: Promise<number> }
    const editor = window.kuilu!.editor
    state.__benchDone = new Promise((done) => {
      const stop = editor.store.listen(() => {
        if ((editor.store.get(lastId as never) as { x?: number } | undefined)?.x === x) {
          stop()
          done(performance.now())
        }
      })
    })
  }, { lastId: benchShapeId(BROWSER_ROOM, count - 1), x: gridShape(count - 1, shift).x })
  writer.write(Array.from({ length: count }, (_, i) => gridShape(i, shift)))
  return page.evaluate(async () => {
    const state = window as unknown as { __benchDone: Promise<number>; __benchArrivals: { at: number; bytes: number }[] }
    const storeAt = await state.__benchDone
    const frameAt = await new Promise<number>((done) => requestAnimationFrame(() => done(performance.now())))
    const arrival = [...state.__benchArrivals].reverse().find((entry) => entry.at <= storeAt && entry.bytes > 100_000)
    if (!arrival) throw new Error('no large frame arrived before the store changed')
    return { storeMs: storeAt - arrival.at, frameMs: frameAt - arrival.at }
  })
}

/** The browser figures as label/value pairs for the tables. */
export function browserRows(figures: Record<string, any>): [string, string][] {
  if (typeof figures.error === 'string') return [['browser figures', `not measured: ${figures.error}`]]
  const ms = (value: number) => `${value.toFixed(0)} ms`
  const all = (entries: number[]) => entries.map((value) => value.toFixed(0)).join(', ')
  return [
    ['initial JS (module script + modulepreloads), gzip -9', `${(figures.initialJs.gzipBytes / 1024).toFixed(0)} KiB (${(figures.initialJs.bytes / 1024).toFixed(0)} KiB raw, ${figures.initialJs.files} file(s))`],
    ['first render of a 2,000-shape board (navigation → shapes in store + 2 frames)', `${ms(figures.firstRender2000Ms.median)} median of ${all(figures.firstRender2000Ms.all)}`],
    ['remote batch of 1,000 shape changes: frame arrives → store updated', `${ms(figures.applyBatch1000.storeMedianMs)} median of ${all(figures.applyBatch1000.all.map((entry: { storeMs: number }) => entry.storeMs))}`],
    ['same, → next animation frame', ms(figures.applyBatch1000.nextFrameMedianMs)],
    pdfExportRow(figures.pdfExport300),
  ]
}

/** The client-side figures in headless Chromium against our server (which must serve `distDir`). */
export async function runBrowserBench(h: Harness, distDir: string, log: (message: string) => void): Promise<Record<string, unknown>> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found`)
  const { chromium } = await import('playwright-core')
  const { port } = await h.server.call<{ port: number }>('info')
  const figures: Record<string, unknown> = { initialJs: initialJsGzip(distDir) }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  try {
    const [big, batch] = await prepareRooms(h, 2)
    await (await seedBoard(big.url, big.docName, 2000)).close()
    const renders: number[] = []
    for (let rep = 0; rep < REPS; rep++) {
      const page = await openPage(browser)
      renders.push(await firstRender(page, `http://127.0.0.1:${port}/b/${big.docName}`, 2000))
      await page.context().close()
    }
    figures.firstRender2000Ms = { median: median(renders), all: renders }
    log(`  browser first render of 2,000 shapes: ${renders.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    const writer = await seedBoard(batch.url, batch.docName, 1000)
    const page = await openPage(browser)
    await firstRender(page, `http://127.0.0.1:${port}/b/${batch.docName}`, 1000)
    const applies: { storeMs: number; frameMs: number }[] = []
    for (let rep = 1; rep <= REPS; rep++) applies.push(await applyBatch(page, writer, 1000, rep * 7))
    figures.applyBatch1000 = {
      storeMedianMs: median(applies.map((entry) => entry.storeMs)),
      nextFrameMedianMs: median(applies.map((entry) => entry.frameMs)),
      all: applies,
    }
    log(`  browser remote batch of 1,000 changes: ${applies.map((entry) => entry.storeMs.toFixed(0)).join(', ')} ms to the store`)
    await writer.close()
    await page.context().close()

    const pdfPage = await openPage(browser)
    figures.pdfExport300 = await measurePdfExport(pdfPage, port, log).catch((error: Error) => {
      log(`  browser PDF export FAILED: ${error.message}`)
      return { error: error.message.split('\n')[0] }
    })
    await pdfPage.context().close()
  } finally {
    await browser.close()
  }
  return figures
}
