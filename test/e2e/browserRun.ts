import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { launchChromium } from './chromium.js'

/** Where a browser test leaves its screenshots, and whether the folder is the test's own to remove afterwards. */
export interface Screenshots {
  dir: string
  isOurs: boolean
}

/**
 * docs/screenshots/<samples> with KUILU_WRITE_SAMPLES=1 (committed: a run
 * refreshes them), KUILU_SCREENSHOT_DIR when set (kept, to look at), else a
 * temp folder removed after the file, so a test run changes no tracked file.
 */
export function screenshotsFor(samples: string, name: string): Screenshots {
  if (process.env.KUILU_WRITE_SAMPLES === '1') return { dir: join('docs/screenshots', samples), isOurs: false }
  if (process.env.KUILU_SCREENSHOT_DIR) return { dir: process.env.KUILU_SCREENSHOT_DIR, isOurs: false }
  return { dir: join(tmpdir(), `kuilu-${name}-${process.pid}`), isOurs: true }
}

/** What a browser test file runs against, once its beforeAll has run. */
export interface BrowserRun {
  browser: Browser
  /** The real server process, on a data dir of its own (not with `isInProcess`). */
  server: SpawnedServer
  /** The server in this process, for tests that read its stores (only with `isInProcess`). */
  ctx: TestServer
  dataDir: string
}

/**
 * One Chromium and one server for a browser test file: the real server
 * process on a data dir of its own, or with `isInProcess` the server in this
 * process (startTestServer), for tests that read its stores. After the file,
 * the contexts it kept are closed, then the browser, then the server; the data
 * dir, and the screenshots folder when it is the test's own, are removed.
 * `onStart` hands the run to the file, which usually keeps its parts in
 * variables of its own; `keep` is how the file hands over a context it opened,
 * and `adoptServer` a server process it started again itself (it is the one
 * stopped after the file).
 */
export function useBrowserRun(
  onStart: (run: BrowserRun) => void,
  options: { name: string; screenshots?: Screenshots; isInProcess?: boolean },
): { keep(context: BrowserContext): BrowserContext; adoptServer(next: SpawnedServer): SpawnedServer } {
  const contexts: BrowserContext[] = []
  let browser: Browser | undefined
  let server: SpawnedServer | undefined
  let ctx: TestServer | undefined
  let dataDir: string | undefined
  beforeAll(async () => {
    const distDir = process.env.KUILU_DIST_DIR ?? 'dist'
    if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/ is missing: run the suite with npm test (it builds the client)`)
    if (options.screenshots) mkdirSync(options.screenshots.dir, { recursive: true })
    if (options.isInProcess) ctx = await startTestServer({ distDir })
    else {
      dataDir = mkdtempSync(join(tmpdir(), `kuilu-e2e-${options.name}-`))
      server = await spawnServer({ dataDir })
    }
    browser = await launchChromium()
    onStart({ browser, server: server!, ctx: ctx!, dataDir: dataDir ?? '' })
  })
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {})
    await browser?.close()
    await server?.kill('SIGTERM')
    await ctx?.close({ removeData: true })
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    if (options.screenshots?.isOurs) rmSync(options.screenshots.dir, { recursive: true, force: true })
  })
  return {
    keep(context) {
      contexts.push(context)
      return context
    },
    adoptServer(next) {
      server = next
      return next
    },
  }
}
