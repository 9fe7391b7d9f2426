import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/startTestServer.js'
import { useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { KeyboardOnly } from './KeyboardOnly.js'

const canRun = hasChromium()

/** What the person types: into the gap, the elevator added for it, and one more elevator placed in the same cell. */
const TYPED = {
  workshop: 'Keyboard workshop',
  name: 'Keyboard user',
  target: 'Every plan clear at a glance',
  today: 'Hard to compare plans',
  elevator: 'Clearer service descriptions',
  second: 'Side by side comparison',
}

/** What tldraw's announcer said last (its live region on the canvas; ours carry test ids). */
const canvasAnnouncement = (page: Page) => page.locator('.tl-container [role="status"]:not([data-testid])').textContent()

/** The card's text as the canvas shows it. */
const cardText = (page: Page, id: string) => page.locator(`.tl-shape[data-shape-id="${id}"] .card`).textContent()

/** The id of the card that has the caret, with the label of the field it is in. */
const editingField = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null
    const card = active?.closest('.tl-shape')
    return { id: card?.getAttribute('data-shape-id') ?? null, field: active?.getAttribute('aria-label') ?? null, caretAtEnd: active instanceof HTMLTextAreaElement && active.selectionStart === active.value.length }
  })

describe.skipIf(!canRun)('a workshop with the keyboard only: no mouse, and focus never on <body>', () => {
  let browser: Browser
  let ctx: TestServer
  let keys: KeyboardOnly
  let page: Page
  const cards: { gap?: string; elevator?: string; second?: string } = {}

  const run = useBrowserRun((started) => ({ browser, ctx } = started), { name: 'keyboard', isInProcess: true })
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' })
    await KeyboardOnly.watch(context)
    page = await context.newPage()
    keys = new KeyboardOnly(page)
  })

  /** Types into the card being edited, then leaves it with Escape: the card keeps the text, and the keyboard is back on the canvas with the card selected. */
  async function typeAndLeave(id: string, text: string, step: string): Promise<void> {
    await keys.type(text)
    await keys.press('Escape', `${step}: leave the card`)
    expect(await keys.isFocused('.tl-container'), `${step}: back on the canvas`).toBe(true)
    expect(await page.evaluate(() => window.kuilu!.editor.getSelectedShapeIds())).toEqual([id])
    expect(await cardText(page, id)).toContain(text)
  }

  it('creates a workshop on the home page, opens its board and keeps the suggested name selected in the name dialog', async () => {
    await page.goto(`${ctx.server.url}/`)
    await keys.tabTo('input[name="workshop-title"]', 'to the workshop title')
    await keys.type(TYPED.workshop)
    await keys.press('Enter', 'create the workshop')
    await page.getByTestId('open-new-workshop').waitFor()
    await keys.expectFocusKept('workshop created')
    await keys.tabTo('[data-testid="open-new-workshop"]', 'to "Open the workshop now"')
    await keys.page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    await keys.waitForFocus('dialog input', 'the name dialog opens')
    // The suggested name is selected: typing replaces it.
    expect(await page.evaluate(() => { const input = document.activeElement as HTMLInputElement; return input.selectionStart === 0 && input.selectionEnd === input.value.length && input.value.length > 0 })).toBe(true)
    // The dialog keeps Tab inside it, both ways round.
    for (const [key, selector] of [['Tab', 'dialog button'], ['Tab', 'dialog input'], ['Shift+Tab', 'dialog button'], ['Shift+Tab', 'dialog input']] as const) {
      await keys.press(key, 'Tab in the name dialog')
      expect(await keys.isFocused(selector), `${key} to ${selector}`).toBe(true)
    }
    await page.keyboard.press('Control+A')
    await keys.type(TYPED.name)
    await keys.press('Enter', 'save the name')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await page.waitForFunction(() => Boolean(window.kuilu?.editor))
    await keys.waitForFocus('.tl-container', 'after the name dialog')
    await page.locator('[data-testid="role"][data-role="facilitator"]').waitFor()
  })

  it('adds a gap with U and Enter, an elevator for it with Shift+I, and one more in the elevator\'s cell with I and Enter, typing into each', async () => {
    await keys.press('u', 'choose the gap tool')
    await keys.press('Enter', 'place a gap')
    await page.waitForFunction(() => document.activeElement?.closest('.card.is-editing') !== null)
    const gap = await editingField(page)
    expect(gap.field).toBe('Target')
    cards.gap = gap.id!
    await keys.type(TYPED.target)
    await keys.press('Tab', 'to the gap\'s "Today"')
    expect((await editingField(page)).field).toBe('Today')
    await typeAndLeave(cards.gap, TYPED.today, 'gap')
    expect(await cardText(page, cards.gap)).toContain(TYPED.target)
    // Back on the canvas, a screen reader hears which card it is on, and what it says.
    await expect.poll(() => canvasAnnouncement(page)).toMatch(new RegExp(`^Gap at [^:]+: target ${TYPED.target}, today ${TYPED.today}, severity 2$`))

    await keys.press('Shift+I', 'add an elevator for the gap')
    await page.waitForFunction((gapId) => { const id = document.activeElement?.closest('.tl-shape')?.getAttribute('data-shape-id'); return Boolean(id && id !== gapId && document.activeElement?.closest('.card.is-editing')) }, cards.gap)
    const elevator = await editingField(page)
    expect(elevator.field).toBe('Action')
    cards.elevator = elevator.id!
    await typeAndLeave(cards.elevator, TYPED.elevator, 'elevator')
    await expect.poll(() => canvasAnnouncement(page)).toBe(`Elevator crossing “${TYPED.target}”: action ${TYPED.elevator}`)

    await keys.press('i', 'choose the elevator tool')
    await keys.press('Enter', 'place an elevator in the selected card\'s cell')
    await page.waitForFunction((known) => { const id = document.activeElement?.closest('.tl-shape')?.getAttribute('data-shape-id'); return Boolean(id && !known.includes(id)) }, [cards.gap, cards.elevator])
    const second = await editingField(page)
    expect(second.field).toBe('Action')
    cards.second = second.id!
    await typeAndLeave(cards.second, TYPED.second, 'second elevator')
    const placement = await page.evaluate((ids) => ids.map((id) => { const props = window.kuilu!.editor.getShape(id as never)!.props as { stageId: string; laneId: string }; return `${props.stageId}/${props.laneId}` }), [cards.elevator, cards.second])
    expect(placement[1]).toBe(placement[0])
  })

  it('opens a selected card again with Enter, with the caret at the end of its first field', async () => {
    await keys.press('Enter', 'edit the selected elevator')
    await page.waitForFunction(() => document.activeElement?.closest('.card.is-editing') !== null)
    expect(await editingField(page)).toEqual({ id: cards.second, field: 'Action', caretAtEnd: true })
    await typeAndLeave(cards.second!, '!', 'second elevator again')
    expect(await cardText(page, cards.second!)).toContain(`${TYPED.second}!`)
  })

  it('chooses the touchpoint tool on the toolbar: the keyboard goes to the canvas, where Enter places the card', async () => {
    await keys.press('Escape', 'clear the selection')
    // The toolbar is one tab stop; arrows move along it.
    await keys.tabTo('[role="toolbar"] [data-testid^="tools."]', 'to the toolbar')
    await keys.tabTo('[data-testid="tools.touchpoint"]', 'to the touchpoint tool', { key: 'ArrowRight', max: 20 })
    await keys.press('Enter', 'choose the touchpoint tool')
    await keys.waitForFocus('.tl-container', 'the canvas takes the keyboard')
    await keys.press('Enter', 'place a touchpoint')
    await page.waitForFunction(() => document.activeElement?.closest('.card.is-editing .touchpoint-title') !== null)
    const touchpoint = await editingField(page)
    expect(touchpoint.field).toBe('Title')
    await typeAndLeave(touchpoint.id!, 'Price list page', 'touchpoint')
    // Shape navigation: Tab moves to the next card, and its description is read.
    await keys.press('Tab', 'to the next card')
    await expect.poll(() => canvasAnnouncement(page)).toMatch(/\. \d+ of \d+$/)
  })

  it('starts a vote round in the workshop panel and votes to the end of the budget', async () => {
    // Tab on the canvas goes from shape to shape while one is selected (tldraw's shape navigation); Escape clears the selection, and Tab leaves.
    await keys.press('Escape', 'clear the selection')
    await keys.tabTo('[data-testid="toggle-workshop"]', 'to the workshop toggle')
    await keys.press('Enter', 'open the workshop panel')
    await keys.waitForFocus('#workshop-panel-title', 'the workshop panel takes focus')
    await keys.tabTo('[data-testid="start-round"]', 'to "Start voting round"')
    await keys.press('Enter', 'start the round')
    await page.getByTestId('current-round').waitFor()
    await keys.expectFocusKept('round started')
    expect(await page.getByTestId('round-announcement').textContent()).toContain('has started')
    for (let votes = 0; votes < 3; votes++) {
      await keys.tabTo('[data-testid="voting"] [data-testid="vote"]:not([aria-disabled="true"])', `to a Vote button (${votes + 1})`)
      const name = (await keys.focused()).label
      expect(name).toMatch(/^Vote for (Clearer service descriptions|Side by side comparison!)$/)
      const before = await page.getByTestId('votes-left').textContent()
      await keys.press('Enter', `vote ${votes + 1}`)
      await page.waitForFunction((text) => document.querySelector('[data-testid="votes-left"]')?.textContent !== text, before)
      await keys.expectFocusKept(`after vote ${votes + 1}`)
    }
    expect(await page.getByTestId('votes-left').textContent()).toBe('Your votes left: 0')
    await expect.poll(() => page.getByTestId('votes-announcement').textContent()).toBe('No votes left')
    expect(await page.locator('[data-testid="voting"] [data-testid="vote"]:not([aria-disabled="true"])').count()).toBe(0)
    await keys.tabTo('[data-testid="reveal-round"]', 'back to "Reveal"', { key: 'Shift+Tab' })
    await keys.press('Enter', 'reveal the results')
    await page.getByTestId('ranking').waitFor()
    await keys.expectFocusKept('results revealed')
    await keys.press('Escape', 'close the workshop panel')
    await page.getByTestId('workshop-panel').waitFor({ state: 'detached' })
    expect(await keys.isFocused('[data-testid="toggle-workshop"]')).toBe(true)
  })

  it('reads the action plan: the gap, its elevators and their votes', async () => {
    await keys.tabTo('[data-testid="toggle-action-plan"]', 'to the action plan toggle')
    await keys.press('Enter', 'open the action plan')
    await keys.waitForFocus('#action-plan-title', 'the action plan takes focus')
    const plan = page.getByTestId('action-plan')
    await keys.tabTo('[data-testid="action-plan"] .plan-gap .plan-link', 'to the gap in the plan')
    expect((await keys.focused()).label).toContain(TYPED.today)
    expect(await plan.textContent()).toContain(TYPED.elevator)
    expect(await plan.textContent()).toContain(TYPED.second)
    expect(await plan.getByTestId('plan-gap').count()).toBe(1)
    expect((await plan.getByTestId('plan-votes').allTextContents()).map((text) => text.replace(/^\W+/, '')).sort()).toEqual(['1 vote', '2 votes'])
  })

  it('starts a PDF export from the action plan: focus goes to Cancel while it runs and back to the export button when it is done', async () => {
    await keys.tabTo('[data-testid="plan-export"]', 'to "Export PDF" in the plan', { key: 'Shift+Tab' })
    await keys.press('Enter', 'open the export panel')
    await keys.waitForFocus('#export-title', 'the export panel takes focus')
    await keys.tabTo('[data-testid="export-pdf"]', 'to "Export PDF"')
    const downloading = page.waitForEvent('download')
    await page.keyboard.press('Enter')
    await keys.expectFocusKept('export started')
    expect(await keys.isFocused('[data-testid="pdf-cancel"], [data-testid="export-pdf"]')).toBe(true)
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    await keys.waitForFocus('[data-testid="export-pdf"]', 'export done')
    await expect.poll(() => page.getByTestId('export-announcement').textContent()).toMatch(/^PDF ready: .*\.pdf$/)
    await keys.press('Escape', 'close the export panel')
    await page.getByTestId('export-panel').waitFor({ state: 'detached' })
    expect(await keys.isFocused('[data-testid="toggle-action-plan"]')).toBe(true)
  })
})
