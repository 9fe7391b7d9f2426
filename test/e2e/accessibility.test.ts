import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/startTestServer.js'
import { axeFindings, describeFindings } from './axeAudit.js'
import { useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium()

/** The screens audited in each language, in the order they are reached. */
const SCREENS = ['home', 'name dialog', 'board', 'voting (participant)', 'voting (facilitator)', 'action plan', 'export panel'] as const
type Screen = (typeof SCREENS)[number]

/** The language codes the home page's switcher offers: Swedish is audited from the day it is offered, with no change here. */
async function offeredLanguages(page: Page): Promise<string[]> {
  return page.locator('.home-header select').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
}

/** Chooses a UI language with the home page's switcher and waits until the page is in it. */
async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.locator('.home-header select').selectOption(language)
  await page.waitForFunction((code) => (document.querySelector('.home-header select') as HTMLSelectElement | null)?.value === code, language)
}

/** Gives the template's cards text, a second elevator linked to the gap, and frames them, through the editor: the cards are the setting here, typing them is the keyboard test's. */
async function fillCards(seat: WorkshopSeat): Promise<string[]> {
  await seat.board.waitForShapeCount('elevator', 1)
  return seat.page.evaluate(() => {
    const editor = window.kuilu!.editor
    const gap = editor.getCurrentPageShapes().find((shape) => shape.type === 'gap')!
    const elevator = editor.getCurrentPageShapes().find((shape) => shape.type === 'elevator')!
    editor.updateShape({ id: gap.id, type: 'gap', props: { today: 'Hard to compare plans', target: 'Every plan clear at a glance', severity: 3 } } as never)
    editor.updateShape({ id: elevator.id, type: 'elevator', props: { action: 'Clearer service descriptions', owner: 'Web team', gapId: gap.id } } as never)
    editor.createShape({ type: 'elevator', x: elevator.x + 260, y: elevator.y, props: { action: 'Simpler checkout', gapId: gap.id } } as never)
    editor.zoomToFit()
    return editor.getCurrentPageShapes().filter((shape) => shape.type === 'elevator').map((shape) => shape.id)
  })
}

describe.skipIf(!canRun)('axe-core in Chromium: no serious or critical violation on any main screen, in every language the switcher offers', () => {
  let browser: Browser
  let ctx: TestServer
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    run.keep(context)
    return context.newPage()
  }

  const run = useBrowserRun((started) => ({ browser, ctx } = started), { name: 'accessibility', isInProcess: true })

  /** Audits every screen in one language: home, the name dialog, the board, a vote round from both sides, the action plan and the export panel. */
  async function auditLanguage(language: string): Promise<Record<Screen, string[]>> {
    const found = {} as Record<Screen, string[]>
    const audit = async (page: Page, screen: Screen) => void (found[screen] = describeFindings(await axeFindings(page)))
    const home = await newPage()
    await home.goto(`${ctx.server.url}/`)
    await chooseLanguage(home, language)
    await audit(home, 'home')

    const response = await fetch(`${ctx.server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Accessibility audit', language, template: 'gap-analysis' }) })
    expect(response.status, `workshop in ${language}`).toBe(201)
    const { links } = (await response.json()) as { links: Record<'facilitator' | 'participant', string> }
    // Same device: the language chosen on the home page holds, and a first visit asks for a name.
    await home.goto(links.facilitator)
    await home.getByRole('dialog').waitFor()
    await audit(home, 'name dialog')
    const facilitator = await WorkshopSeat.join(home.context(), links.facilitator, 'Facilitator', 'facilitator')
    await home.close()
    const [first, second] = await fillCards(facilitator)
    await facilitator.board.waitForSaveStatus('saved')
    await audit(facilitator.page, 'board')

    await facilitator.openPanel()
    await facilitator.page.getByTestId('start-round').click()
    await facilitator.page.getByTestId('current-round').waitFor()
    const participantPage = await newPage()
    await participantPage.goto(`${ctx.server.url}/`)
    await chooseLanguage(participantPage, language)
    const participant = await WorkshopSeat.join(participantPage.context(), links.participant, 'Participant', 'participant')
    await participantPage.close()
    await participant.page.getByTestId('round-banner').waitFor()
    await participant.openPanel()
    await participant.vote(first)
    await participant.vote(second)
    await audit(participant.page, 'voting (participant)')
    await facilitator.vote(first)
    await facilitator.page.getByTestId('reveal-round').click()
    await facilitator.page.getByTestId('ranking').waitFor()
    await audit(facilitator.page, 'voting (facilitator)')

    await facilitator.page.getByTestId('toggle-action-plan').click()
    await facilitator.page.getByTestId('plan-votes').first().waitFor()
    await audit(facilitator.page, 'action plan')
    await facilitator.page.getByTestId('plan-export').click()
    await facilitator.page.getByTestId('export-panel').waitFor()
    await audit(facilitator.page, 'export panel')
    return found
  }

  it('audits home, the name dialog, the board, voting (both roles), the action plan and the export panel', { timeout: 600_000 }, async () => {
    const first = await newPage()
    await first.goto(`${ctx.server.url}/`)
    const languages = await offeredLanguages(first)
    expect(languages).toEqual(expect.arrayContaining(['en', 'fi']))
    const results: Record<string, Record<Screen, string[]>> = {}
    for (const language of languages) results[language] = await auditLanguage(language)
    // One line per screen and language, so a run's log is the audit's record.
    for (const [language, screens] of Object.entries(results)) for (const screen of SCREENS) console.log(`axe ${language} ${screen}: ${screens[screen].length} serious or critical`)
    const failing = Object.fromEntries(Object.entries(results).map(([language, screens]) => [language, Object.fromEntries(Object.entries(screens).filter(([, lines]) => lines.length > 0))]))
    expect(failing).toEqual(Object.fromEntries(languages.map((language) => [language, {}])))
  })
})
