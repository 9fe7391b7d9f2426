import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium; the only browser the e2e tests drive (nothing is downloaded). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags that keep Chromium from reaching for any host but ours. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Whether the browser tests can run here; under CI=true a missing browser is a failure, not a skip. */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install Debian's chromium`)
  console.warn(`\n!!! Browser tests SKIPPED: ${CHROMIUM_PATH} not found. Install it with: apt-get install chromium\n`)
  return false
}

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS })
}
