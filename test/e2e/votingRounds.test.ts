import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { strings } from '../../client/i18n/strings.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { badges, cardVote, frameCards, matrixDotsInside, ownVotesOnCard, scoreCard, voteOnCard, waitForBadges } from './votingSteps.js'
import { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium()

/**
 * Screenshots: docs/screenshots/voting-rounds with KUILU_WRITE_SAMPLES=1,
 * KUILU_SCREENSHOT_DIR when set (kept, to look at), else a temp dir removed
 * afterwards. KUILU_DIST_DIR serves another build of the client than dist/.
 */
const SCREENSHOTS = screenshotsFor('voting-rounds', 'voting-rounds')
const SCREENSHOT_DIR = SCREENSHOTS.dir

describe.skipIf(!canRun)('voting rounds on the board: hidden until reveal, voting on cards, rounds that keep their results, the matrix', () => {
  let browser: Browser
  let ctx: TestServer
  const newContext = async (locale: 'en-GB' | 'fi-FI'): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
    run.keep(context)
    return context
  }
  let facilitator: WorkshopSeat
  let one: WorkshopSeat
  let two: WorkshopSeat
  let everyone: WorkshopSeat[]
  /** The template's elevator, then two added with "+ Add elevator": A, B, C. */
  let cards: string[]
  const shoot = (seat: WorkshopSeat, file: string) => seat.screenshot(SCREENSHOT_DIR, file)
  const text = (seat: WorkshopSeat, testId: string) => seat.page.getByTestId(testId).first().textContent()
  /** A screenshot of some cards at full size, to read their vote controls and badges; the framing of all three cards comes back after. */
  const closeUp = async (seat: WorkshopSeat, ids: string[], file: string) => {
    await frameCards(seat, ids)
    await seat.page.screenshot({ path: join(SCREENSHOT_DIR, `${file}.png`), clip: { x: 600, y: 190, width: 520, height: 560 } })
    await frameCards(seat, cards)
  }

  const run = useBrowserRun((started) => ({ browser, ctx } = started), { name: 'voting-rounds', screenshots: SCREENSHOTS, isInProcess: true })

  it('seats a facilitator (English) and two participants (Finnish) on a gap analysis with three elevators', async () => {
    const response = await fetch(`${ctx.server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Palvelupolun työpaja', language: 'fi', template: 'gap-analysis' }) })
    expect(response.status).toBe(201)
    const { links } = (await response.json()) as { links: Record<'facilitator' | 'participant', string> }
    facilitator = await WorkshopSeat.join(await newContext('en-GB'), links.facilitator, 'Facilitator', 'facilitator')
    await facilitator.board.waitForShapeCount('elevator', 1)
    const gapId = (await facilitator.board.shapes('gap'))[0].id
    cards = [(await facilitator.board.shapes('elevator'))[0].id]
    for (const action of ['Simpler checkout', 'New self-service portal']) {
      // The board follows each new card, so the gap is brought back into view before its button is pressed.
      await frameCards(facilitator, [gapId, ...cards])
      const id = await facilitator.board.addElevatorWithButton(gapId)
      await facilitator.page.keyboard.type(action)
      await facilitator.page.keyboard.press('Escape')
      await facilitator.board.waitForShapeProps(id, { action })
      cards.push(id)
    }
    await facilitator.board.waitForSaveStatus('saved')
    one = await WorkshopSeat.join(await newContext('fi-FI'), links.participant, 'Osallistuja yksi', 'participant')
    two = await WorkshopSeat.join(await newContext('fi-FI'), links.participant, 'Osallistuja kaksi', 'participant')
    everyone = [facilitator, one, two]
    for (const seat of everyone) {
      await seat.board.waitForShapes(await facilitator.board.shapeIds())
      await seat.openPanel()
      await frameCards(seat, cards)
    }
  })

  it('announces a hidden round to the participants in Finnish, with a way straight into voting', async () => {
    await facilitator.page.getByTestId('voting').getByTestId('start-round').click()
    for (const seat of [one, two]) {
      await seat.page.getByTestId('round-banner').waitFor()
      expect(await text(seat, 'round-banner')).toContain('Äänestyskierros 1 on alkanut')
      await expect.poll(() => text(seat, 'round-announcement')).toBe('Äänestyskierros 1 on alkanut. Jokaisella on 3 ääntä, enintään 2 ääntä samalle kortille.')
      expect(await text(seat, 'round-banner-vote-now')).toBe('Äänestä nyt')
      expect(await text(seat, 'round-banner-votes-left')).toBe('3 ääntä jäljellä')
    }
    expect(await text(facilitator, 'round-announcement')).toBe('Voting round 1 has started. Each person has 3 votes, at most 2 votes on one card.')
    await shoot(one, '01-round-start-notice-participant')
    // "Vote now" opens the voting list (closed here first) and puts the keyboard on its first Vote button.
    await one.page.getByTestId('toggle-workshop').click()
    await one.page.getByTestId('workshop-panel').waitFor({ state: 'detached' })
    await one.page.getByTestId('round-banner-vote-now').click()
    await one.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'vote')
  })

  it('takes votes on the cards themselves, and disables a card at its cap and every card once the budget is spent', async () => {
    const [a, b, c] = cards
    await voteOnCard(one, a)
    await voteOnCard(one, a)
    const atCap = cardVote(one, a).getByTestId('card-vote-add')
    expect(await atCap.getAttribute('aria-disabled')).toBe('true')
    expect(await atCap.isDisabled()).toBe(true)
    expect(await cardVote(one, a).getAttribute('data-blocked')).toBe('cap')
    expect(await cardVote(one, a).getByTestId('card-vote-hint').textContent()).toBe('Enintään 2 ääntä / kortti. 1 ääni jäljellä')
    expect(await cardVote(one, b).getByTestId('card-vote-hint').textContent()).toBe('1 ääni jäljellä')
    await shoot(one, '02-card-at-its-cap-participant')
    await closeUp(one, [a, b], '02b-card-at-its-cap-close-up')

    // A double click on the last vote: the second is refused (budget) and says so; the next success clears the notice.
    await one.voteTwiceAtOnce(b)
    await one.page.getByTestId('round-refused').waitFor()
    expect(await one.page.getByTestId('workshop-refused').getAttribute('data-reason')).toBe('voteBudgetUsed')
    await cardVote(one, b).getByTestId('card-unvote').click()
    await one.page.getByTestId('round-refused').waitFor({ state: 'detached' })
    expect(await one.page.getByTestId('workshop-refused').count()).toBe(0)

    // The last vote with the keyboard, on the card's own button.
    await cardVote(one, b).getByTestId('card-vote-add').focus()
    await one.page.keyboard.press('Enter')
    await expect.poll(() => ownVotesOnCard(one, b)).toBe(1)
    for (const card of cards) expect(await cardVote(one, card).getByTestId('card-vote-add').isDisabled()).toBe(true)
    expect(await cardVote(one, c).getAttribute('data-blocked')).toBe('budget')
    expect(await cardVote(one, c).getByTestId('card-vote-hint').textContent()).toBe('Ei ääniä jäljellä')
    expect(await text(one, 'round-banner-votes-left')).toBe('Ei ääniä jäljellä')
    await shoot(one, '03-budget-spent-participant')
    await closeUp(one, [b, c], '03b-budget-spent-close-up')

    await voteOnCard(two, c)
  })

  it('shows nobody, the facilitator included, a badge or a ranking before reveal: only how many have voted', async () => {
    await expect.poll(() => text(facilitator, 'round-banner-progress')).toBe('2 of 3 have voted')
    for (const seat of [one, two]) await expect.poll(() => text(seat, 'round-banner-progress')).toBe('2/3 on äänestänyt')
    expect(await text(facilitator, 'voters-count')).toBe('2 of 3 have voted')
    for (const seat of everyone) {
      expect(await badges(seat)).toEqual({})
      expect(await seat.page.getByTestId('ranking').count()).toBe(0)
      expect(await seat.page.getByTestId('plan-votes').count()).toBe(0)
    }
    expect(await text(facilitator, 'voting')).not.toMatch(/\b\d+ votes?\b/)
    await shoot(facilitator, '04-hidden-round-facilitator')
    await shoot(two, '05-hidden-round-participant')
  })

  it('puts the badges on everyone\'s cards at reveal, with the right plurals', async () => {
    const [a, b, c] = cards
    await facilitator.page.getByTestId('reveal-round').click()
    for (const seat of everyone) await waitForBadges(seat, { [a]: 2, [b]: 1, [c]: 1 })
    expect(await one.board.shapeElement(a).getByTestId('card-votes').getAttribute('aria-label')).toBe('2 ääntä kierroksella 1')
    expect(await one.board.shapeElement(b).getByTestId('card-votes').getAttribute('aria-label')).toBe('1 ääni kierroksella 1')
    expect(await facilitator.board.shapeElement(b).getByTestId('card-votes').getAttribute('aria-label')).toBe('1 vote in round 1')
    await one.page.getByTestId('ranking').waitFor()
    const ranking = await one.page.locator('[data-testid="ranking"] li').allTextContents()
    expect(ranking[0]).toBe('Kirjoitetaan palvelukuvaukset asiakkaan omin sanoin — 2 ääntä')
    // The two cards with one vote each share the second place, in card-id order.
    expect(ranking.slice(1).sort()).toEqual(['New self-service portal — 1 ääni', 'Simpler checkout — 1 ääni'])
    await shoot(facilitator, '06-revealed-facilitator')
    await shoot(one, '07-revealed-participant')
    await closeUp(one, [a, b], '07b-revealed-close-up')
    await facilitator.page.getByTestId('close-round').click()
    await facilitator.page.getByTestId('voting').getByTestId('start-round').waitFor()
  })

  it('keeps the first round on cards and in the plan after a second round closes empty', async () => {
    const [a, b, c] = cards
    await facilitator.page.getByTestId('voting').getByTestId('start-round').click()
    for (const seat of [one, two]) await expect.poll(() => text(seat, 'round-announcement')).toContain('Äänestyskierros 2 on alkanut')
    // While round 2 runs, round 1's badges stay, marked as round 1's.
    await one.page.locator('[data-testid="card-votes"].is-earlier[data-round="1"]').first().waitFor()
    await shoot(one, '08-second-round-running-participant')
    await facilitator.page.getByTestId('close-round').click()
    for (const seat of everyone) await waitForBadges(seat, { [a]: 2, [b]: 1, [c]: 1 })
    await expect.poll(() => text(one, 'shown-round-label')).toBe('Kierros 1 · päättynyt')
    for (const seat of [facilitator, one]) {
      await seat.board.openActionPlan()
      await seat.page.locator(`[data-testid="plan-votes"][data-votes="2"]`).waitFor()
    }
    expect(await one.page.getByTestId('plan-votes').allTextContents()).toEqual(expect.arrayContaining([' · 2 ääntä', ' · 1 ääni']))
    expect(await facilitator.page.getByTestId('plan-votes').allTextContents()).toEqual(expect.arrayContaining([' · 2 votes', ' · 1 vote']))
    expect(await text(one, 'plan-shown-round')).toBe('Äänet kierrokselta 1')
    await shoot(one, '09-plan-keeps-round-1-participant')
    for (const seat of [facilitator, one]) await seat.openPanel()
  })

  it("follows the facilitator's choice of round on everyone's cards", async () => {
    const [a, b, c] = cards
    const select = facilitator.page.getByTestId('shown-round-select')
    const secondRound = await select.locator('option').nth(2).getAttribute('value')
    await select.selectOption(secondRound!)
    for (const seat of everyone) await waitForBadges(seat, {})
    await expect.poll(() => text(two, 'shown-round-label')).toBe('Kierros 2 · päättynyt')
    await shoot(two, '10-shown-round-2-participant')
    await select.selectOption(await select.locator('option').nth(1).getAttribute('value'))
    for (const seat of everyone) await waitForBadges(seat, { [a]: 2, [b]: 1, [c]: 1 })
    expect(await text(two, 'shown-round-note')).toBe('Kortit ja toimenpidesuunnitelma näyttävät kierroksen 1.')
  })

  it('draws the scores as a matrix with named quadrants and a labelled dot per card, counting who has scored', async () => {
    const [a, b, c] = cards
    await facilitator.page.getByTestId('voting').getByTestId('start-scoring').click()
    for (const seat of [one, two]) await expect.poll(() => text(seat, 'round-banner')).toContain('Arviointikierros 1 on alkanut')
    expect(await text(one, 'round-banner-vote-now')).toBe('Arvioi nyt')
    const plan: [WorkshopSeat, [string, number, 'S' | 'M' | 'L'][]][] = [
      [one, [[a, 5, 'S'], [b, 5, 'L'], [c, 1, 'L']]],
      [two, [[a, 4, 'S'], [b, 4, 'M'], [c, 2, 'L']]],
    ]
    for (const [seat, scores] of plan) for (const [card, impact, effort] of scores) await scoreCard(seat, card, impact, effort)
    await expect.poll(() => text(facilitator, 'voters-count')).toBe('2 of 3 have scored')
    await expect.poll(() => text(one, 'round-banner-progress')).toBe('2/3 on arvioinut')
    for (const seat of everyone) expect(await seat.page.getByTestId('matrix').count()).toBe(0)
    await facilitator.page.getByTestId('reveal-round').click()
    for (const seat of everyone) await seat.page.getByTestId('matrix').waitFor()
    const quadrants = (seat: WorkshopSeat) => seat.page.locator('[data-testid="matrix-quadrant"] text').allTextContents()
    expect(await quadrants(facilitator)).toEqual(['Quick wins', 'Big bets', 'Fill-ins', 'Money pits'])
    expect(await quadrants(one)).toEqual(['Pikavoitot', 'Isot panostukset', 'Täytetyöt', 'Rahareiät'])
    for (const seat of everyone) {
      expect(await seat.page.locator('[data-testid="matrix-dot"]').count()).toBe(3)
      // Highest impact first, then least effort; a long name is cut with an ellipsis (the legend holds it whole).
      const labels = await seat.page.getByTestId('matrix-label').allTextContents()
      expect(labels.slice(1)).toEqual(['Simpler checkout', 'New self-service portal'])
      expect('Kirjoitetaan palvelukuvaukset asiakkaan omin sanoin'.startsWith(labels[0].replace(/…$/, ''))).toBe(true)
      expect(await matrixDotsInside(seat)).toBe(true)
    }
    expect(await text(one, 'matrix-axis-impact')).toBe(`${strings.fi.impact} (1–5)`)
    await facilitator.page.getByTestId('matrix').scrollIntoViewIfNeeded()
    await one.page.getByTestId('matrix').scrollIntoViewIfNeeded()
    await shoot(facilitator, '11-matrix-facilitator')
    await shoot(one, '12-matrix-participant')
    await facilitator.page.getByTestId('matrix').screenshot({ path: join(SCREENSHOT_DIR, '13-matrix-chart-facilitator.png') })
  })
})
