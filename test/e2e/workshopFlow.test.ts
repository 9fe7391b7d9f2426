import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { templateTitle } from '../../shared/templates/templates.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'

const canRun = hasChromium()

/**
 * Screenshots: docs/screenshots/workshop-flow with KUILU_WRITE_SAMPLES=1,
 * KUILU_SCREENSHOT_DIR when set (kept, to look at), else a temp dir removed
 * afterwards. KUILU_DIST_DIR serves another build of the client than dist/.
 */
const SCREENSHOTS = screenshotsFor('workshop-flow', 'workshop-flow')
const SCREENSHOT_DIR = SCREENSHOTS.dir

/** Runs in the page: puts an elevator card on the canvas (the card tools have their own tests). */
function addElevator(action: string): string {
  const editor = window.kuilu!.editor as unknown as { createShape(shape: object): unknown; getCurrentPageShapes(): { id: string; type: string }[] }
  editor.createShape({ type: 'elevator', x: 200, y: 900, props: { action } })
  return editor.getCurrentPageShapes().filter((shape) => shape.type === 'elevator').at(-1)!.id
}

describe.skipIf(!canRun)('a workshop across sessions and boards: found again, links copied again, boards named, steps timed, rounds closed by the clock', () => {
  let browser: Browser
  let ctx: TestServer
  const newContext = async (locale: 'en-GB' | 'fi-FI'): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.url })
    run.keep(context)
    return context
  }
  const shoot = (page: Page, file: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${file}.png`) })
  /** Waits for a board page: the canvas, and the role the server gave this link. */
  const onBoard = async (page: Page, role: string, name?: string) => {
    const dialog = page.getByRole('dialog')
    await page.locator('[role="dialog"], .tl-canvas').first().waitFor()
    if (name && (await dialog.isVisible())) {
      await dialog.getByRole('textbox').fill(name)
      await dialog.getByRole('textbox').press('Enter')
      await dialog.waitFor({ state: 'detached' })
    }
    await page.waitForFunction(() => Boolean(window.kuilu?.editor))
    await page.locator(`[data-testid="role"][data-role="${role}"]`).waitFor()
  }
  const openPanel = async (page: Page) => {
    await page.getByTestId('toggle-workshop').click()
    await page.getByTestId('workshop-panel').waitFor()
  }
  const boardNames = (page: Page) => page.getByTestId('board-name').allTextContents()

  let facilitator: Page
  let participant: Page
  let participantLink = ''
  let workshopTitle = ''

  const run = useBrowserRun((started) => ({ browser, ctx } = started), { name: 'workshop-flow', screenshots: SCREENSHOTS, isInProcess: true })

  it('creates a workshop from a chosen template; the home page lists it and reopens it with the stored token', async () => {
    facilitator = await (await newContext('en-GB')).newPage()
    await facilitator.goto(`${ctx.server.url}/`)
    workshopTitle = 'Onboarding journey workshop'
    await facilitator.locator('input[name="workshop-title"]').fill(workshopTitle)
    await facilitator.getByTestId('workshop-template').selectOption('gap-analysis')
    await facilitator.getByRole('button', { name: 'Create workshop' }).click()
    await facilitator.getByTestId('invite-links').waitFor()
    await facilitator.getByTestId('open-new-workshop').click()
    await onBoard(facilitator, 'facilitator', 'Facilitator')

    await facilitator.goto(`${ctx.server.url}/`)
    const listed = facilitator.getByTestId('my-workshop')
    await expect.poll(() => listed.count()).toBe(1)
    expect(await listed.textContent()).toContain(workshopTitle)
    expect(await listed.getAttribute('data-role')).toBe('facilitator')
    await shoot(facilitator, '01-home-lists-the-workshop')
    await listed.getByTestId('open-workshop').click()
    await onBoard(facilitator, 'facilitator')
    // The board took the token out of its address as it opened; the role above shows it was used.
    expect(new URL(facilitator.url()).searchParams.has('token')).toBe(false)
  })

  it('copies every invite link again from the Workshop panel', async () => {
    await openPanel(facilitator)
    await facilitator.getByTestId('links-section').getByTestId('invite-link-url').first().waitFor()
    const shown = await facilitator.locator('[data-testid="invite-link"][data-role="participant"] [data-testid="invite-link-url"]').inputValue()
    await facilitator.getByTestId('copy-link-participant').click()
    await expect.poll(() => facilitator.getByTestId('copy-link-participant').textContent()).toContain('Copied')
    participantLink = await facilitator.evaluate(() => navigator.clipboard.readText())
    expect(participantLink).toBe(shown)
    expect(new URL(participantLink).searchParams.get('token')).toMatch(/^k1\./)
    expect(await facilitator.getByTestId('invite-link-url').count()).toBe(3)
    await facilitator.getByTestId('links-section').scrollIntoViewIfNeeded()
    await shoot(facilitator, '02-links-copied-again')
  })

  it('names, adds and renames boards; a participant reaches the second board from the same link', async () => {
    const first = templateTitle('gap-analysis', 'en')
    expect(await boardNames(facilitator)).toEqual([first])
    await facilitator.getByTestId('add-board-template').selectOption('customer-journey')
    await facilitator.getByTestId('add-board').click()
    await expect.poll(() => boardNames(facilitator)).toEqual([first, templateTitle('customer-journey', 'en')])
    await facilitator.locator('[data-testid="board-item"]').nth(1).getByTestId('rename-board').click()
    await facilitator.getByTestId('board-name-input').fill('Current state map')
    await facilitator.getByTestId('board-name-save').click()
    await expect.poll(() => boardNames(facilitator)).toEqual([first, 'Current state map'])

    participant = await (await newContext('fi-FI')).newPage()
    await participant.goto(participantLink)
    await onBoard(participant, 'participant', 'Osallistuja')
    await openPanel(participant)
    await expect.poll(() => boardNames(participant)).toEqual([first, 'Current state map'])
    await participant.locator('[data-testid="board-item"]').nth(1).getByTestId('board-name').click()
    await onBoard(participant, 'participant')
    const second = new URL(participant.url()).pathname
    expect(second).not.toBe(new URL(participantLink).pathname)
    await openPanel(participant)
    await expect.poll(() => participant.locator('[data-testid="board-item"][aria-current="page"]').textContent()).toContain('Current state map')

    // Renamed again while the participant is on it: the new name arrives at once.
    await facilitator.locator('[data-testid="board-item"]').nth(1).getByTestId('rename-board').click()
    await facilitator.getByTestId('board-name-input').fill('Nykytila')
    await facilitator.getByTestId('board-name-save').click()
    await expect.poll(() => participant.locator('[data-testid="board-item"][aria-current="page"]').textContent()).toContain('Nykytila')
    expect(await participant.getByTestId('boards-section').textContent()).toContain('olet tässä')
    await shoot(participant, '03-participant-on-the-renamed-second-board')
    await shoot(facilitator, '04-facilitator-board-list')

    // Back to the first board from the list, as the session goes on there.
    await participant.locator('[data-testid="board-item"]').nth(0).getByTestId('board-name').click()
    await onBoard(participant, 'participant')
    await participant.goto(`${ctx.server.url}/`)
    await expect.poll(() => participant.getByTestId('my-workshop').getAttribute('data-role')).toBe('participant')
    await participant.getByTestId('open-workshop').click()
    await onBoard(participant, 'participant')
  })

  it("sets an agenda step's timer to exactly its length on every screen, over a paused timer", async () => {
    await facilitator.getByRole('button', { name: 'Start', exact: true }).click()
    await facilitator.getByTestId('timer').waitFor()
    await facilitator.getByRole('button', { name: 'Pause', exact: true }).click()
    await facilitator.getByTestId('agenda-current').click()
    const fifteen = (page: Page) => page.waitForFunction(() => document.querySelector('[data-testid="timer"]')?.textContent?.includes('15:00'), undefined, { timeout: 5_000 })
    await Promise.all([fifteen(facilitator), fifteen(participant)])
    await shoot(participant, '05-agenda-step-timer-15-00')
  })

  it('asks for the round settings first, then a 15-second round closes by itself on every screen', { timeout: 90_000 }, async () => {
    const elevator = await facilitator.evaluate(addElevator, 'Clearer service descriptions')
    await facilitator.getByTestId('agenda-vote').click()
    await facilitator.getByTestId('agenda-round-settings').waitFor()
    expect(await facilitator.getByTestId('current-round').count()).toBe(0)
    await facilitator.getByTestId('agenda-round-settings').getByTestId('round-seconds').fill('15')
    await shoot(facilitator, '06-vote-step-asks-for-settings')
    await facilitator.getByTestId('agenda-round-settings').getByTestId('start-round').click()

    await openPanel(participant)
    const everyone = [facilitator, participant]
    for (const page of everyone) await page.getByTestId('round-countdown').waitFor()
    const vote = participant.locator(`[data-testid="vote-item"][data-card-id="${elevator}"] [data-testid="vote"]`)
    await vote.click()
    await expect.poll(() => participant.getByTestId('votes-left').textContent()).toContain('2')
    expect(await participant.getByTestId('round-countdown').textContent()).toMatch(/Aikaa jäljellä 0:(1\d|0\d)/)
    await shoot(participant, '07-round-counting-down')

    for (const page of everyone) await page.waitForFunction(() => !document.querySelector('[data-testid="current-round"]'), undefined, { timeout: 30_000 })
    for (const page of everyone) expect(await page.getByTestId('voting').textContent()).toMatch(/Closed rounds \(1\)|Päättyneet kierrokset \(1\)/)
    // The closed round's results are what the board shows now, for everyone.
    expect(await participant.getByTestId('shown-round-label').textContent()).toBe('Kierros 1 · päättynyt')
    const shown = facilitator.getByTestId('shown-round-select')
    expect(await shown.locator('option:checked').textContent()).toBe('Latest revealed round (automatic): Round 1 · closed')
    await facilitator.getByTestId('voting').scrollIntoViewIfNeeded()
    await shoot(facilitator, '08-round-closed-by-the-clock-facilitator')
    await shoot(participant, '09-round-closed-by-the-clock-participant')
  })
})
