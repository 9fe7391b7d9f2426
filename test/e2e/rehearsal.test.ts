import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { strings } from '../../client/i18n/strings.js'
import { hasPoppler } from '../helpers/pdfText.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { apart, camera, fitGrid, pan } from './cameraSteps.js'
import { screenshotsFor, useBrowserRun } from './browserRun.js'
import { hasChromium } from './chromium.js'
import { cardBox, isCardInCell, overlaps, screenLayout, tryToEdit } from './onScreen.js'
import { addElevatorByTyping, createWorkshopOnHome, csvRows, download, firstTimeShown, openExport, pdfPageToPng, pdfWords } from './rehearsalSteps.js'
import { watchSentSync, type SentSync } from './sentDocumentUpdates.js'
import { leaks, tokenOfLink, watchForTokens, type Sighting } from './tokenWatch.js'
import { badgeAndKind, badges, cardVote, frameCards, matrixDotsInside, scoreCard, voteOnCard, waitForBadges } from './votingSteps.js'
import { WorkshopSeat } from './WorkshopSeat.js'

const canRun = hasChromium() && hasPoppler()

/** docs/screenshots/rehearsal with KUILU_WRITE_SAMPLES=1 (one per step), KUILU_SCREENSHOT_DIR to keep them elsewhere, else a temp dir removed afterwards. */
const SCREENSHOTS = screenshotsFor('rehearsal', 'rehearsal')
const SCREENSHOT_DIR = SCREENSHOTS.dir

const { en, fi } = strings
/** What the people type: two gaps on the Finnish customer journey, and their elevators. */
const TEXT = {
  gapBuy: { [fi.today]: 'On vaikea ymmärtää, mitä myymme', [fi.target]: 'Jokainen kohtaaminen yllättää asiakkaan myönteisesti' },
  gapUse: { [fi.today]: 'Asiakkaat jonottavat puhelimessa apua', [fi.target]: 'Apu löytyy heti, asiakkaan omasta kanavasta' },
  descriptions: 'Selkeämmät palvelukuvaukset',
  checkout: 'Yksinkertaisempi kassa',
  chat: 'Chat palvelusivuille',
}
const LOCKED_FI = `${fi['role.participant']} · ${fi.locked}`

describe.skipIf(!canRun)('rehearsal: one workshop through the whole agenda, as four people see it', () => {
  let browser: Browser
  let server: SpawnedServer
  let dataDir: string
  const sightings: Sighting[] = []
  const tokens: string[] = []
  let viewerSync: SentSync
  let facilitator: WorkshopSeat
  let one: WorkshopSeat
  let two: WorkshopSeat
  let viewer: WorkshopSeat
  let everyone: WorkshopSeat[]
  let gaps: { buy: string; use: string }
  /** The elevators: two for the gap at "Osto", one for the gap at "Käyttö". */
  let cards: { descriptions: string; checkout: string; chat: string }
  let roundOneBadges: Record<string, number>

  const newContext = async (locale: 'en-GB' | 'fi-FI', who: string): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
    watchForTokens(context, who, sightings)
    run.keep(context)
    return context
  }
  const shoot = async (seat: WorkshopSeat, file: string) => {
    await seat.page.evaluate(() => document.fonts.ready.then(() => undefined))
    await seat.board.nextFrame()
    await seat.screenshot(SCREENSHOT_DIR, file)
  }
  const firstTimerShown = (action: () => Promise<void>, isNew?: RegExp) => firstTimeShown(everyone, action, isNew)

  const run = useBrowserRun((started) => ({ browser, server, dataDir } = started), { name: 'rehearsal', screenshots: SCREENSHOTS })

  it('joins: the facilitator creates the workshop on the home page, and everyone opens an invite link', async () => {
    const facilitatorContext = await newContext('en-GB', 'facilitator')
    const home = await facilitatorContext.newPage()
    const links = await createWorkshopOnHome(home, server.url, 'Asiakaspolkutyöpaja', 'fi')
    tokens.push(...Object.values(links).map(tokenOfLink))
    await home.close()
    facilitator = await WorkshopSeat.join(facilitatorContext, links.facilitator, 'Facilitator', 'facilitator')
    ;[one, two, viewer] = await Promise.all([
      newContext('fi-FI', 'participant one').then((context) => WorkshopSeat.join(context, links.participant, 'Osallistuja yksi', 'participant')),
      newContext('fi-FI', 'participant two').then((context) => WorkshopSeat.join(context, links.participant, 'Osallistuja kaksi', 'participant')),
      newContext('en-GB', 'viewer').then((context) => {
        viewerSync = watchSentSync(context)
        return WorkshopSeat.join(context, links.viewer, 'Viewer', 'viewer')
      }),
    ])
    everyone = [facilitator, one, two, viewer]
    await viewer.noteShown('save status', '[data-testid="save-status"]', 'data-status')
    expect(await facilitator.roleBadge()).toBe(en['role.facilitator'])
    for (const seat of [one, two]) expect(await seat.roleBadge()).toBe(fi['role.participant'])
    expect(await viewer.roleBadge()).toBe(`${en['role.viewer']} · ${en.viewOnly}`)
    for (const seat of everyone) {
      await seat.page.locator('.journey-stage', { hasText: 'Havahtuminen' }).waitFor()
      // The address bar no longer shows the invite token: the page kept it and took it out.
      expect(new URL(seat.page.url()).searchParams.has('token')).toBe(false)
    }
    await shoot(one, '01-joined-participant')
  })

  it("shows each person the other three cursors with the names they joined with", async () => {
    const points = [{ x: 330, y: 300 }, { x: 560, y: 420 }, { x: 760, y: 300 }, { x: 460, y: 540 }]
    for (const [index, seat] of everyone.entries()) await seat.pointAt(points[index])
    for (const seat of everyone) {
      const others = everyone.filter((other) => other !== seat).map((other) => other.name)
      await seat.waitForCursorNames(others)
      expect((await seat.cursorNames()).sort()).toEqual([...others].sort())
    }
    await shoot(facilitator, '02-cursors-facilitator')
  })

  it('moves everyone with the facilitator on Follow me, also a participant who reloads, until it ends', async () => {
    await facilitator.showPanel(true)
    await facilitator.page.getByTestId('follow-me').click()
    await expect.poll(() => facilitator.text('follow-me')).toBe(en.stopFollow)
    await facilitator.showPanel(false)
    const follows = (seat: WorkshopSeat) => expect.poll(async () => apart(await camera(facilitator.page), await camera(seat.page)), { timeout: 15_000 }).toBeLessThan(0.5)
    await pan(facilitator.page, { x: -260, y: -120 })
    for (const seat of [one, two, viewer]) await follows(seat)
    // A reload keeps the role (the kept token), and a newcomer is brought along at once.
    await two.page.reload()
    await two.page.locator(`[data-testid="role"][data-role="participant"]`).waitFor()
    expect(new URL(two.page.url()).searchParams.has('token')).toBe(false)
    await pan(facilitator.page, { x: 180, y: 200 })
    for (const seat of [one, two, viewer]) await follows(seat)
    for (const seat of [one, two]) expect(await seat.text('following')).toBe(fi.followingFacilitator)
    expect(await viewer.text('following')).toBe(en.followingFacilitator)
    await shoot(two, '03-following-after-reload-participant')
    await facilitator.showPanel(true)
    await facilitator.page.getByTestId('follow-me').click()
    for (const seat of [one, two, viewer]) await seat.page.getByTestId('following').waitFor({ state: 'detached' })
    await facilitator.showPanel(false)
  })

  it('builds the journey: gaps typed in, elevators added with "+ Add elevator" and typed, in the right lane, on every screen', async () => {
    await fitGrid(one.board)
    gaps = { buy: await one.board.placeWithToolbar('gap', await one.board.cellCenter('Kuilut', 'Osto')), use: '' }
    await one.board.editCard(gaps.buy, TEXT.gapBuy)
    await fitGrid(two.board)
    gaps.use = await two.board.placeWithToolbar('gap', await two.board.cellCenter('Kuilut', 'Käyttö'))
    await two.board.editCard(gaps.use, TEXT.gapUse)
    await two.board.waitForShapeProps(gaps.buy, { today: TEXT.gapBuy[fi.today] })
    cards = {
      descriptions: await addElevatorByTyping(one, gaps.buy, fi.action, TEXT.descriptions),
      chat: await addElevatorByTyping(two, gaps.use, fi.action, TEXT.chat),
      checkout: '',
    }
    await facilitator.board.waitForShapeProps(cards.descriptions, { action: TEXT.descriptions })
    // The facilitator's second elevator for the same gap goes beside the first, not on it.
    cards.checkout = await addElevatorByTyping(facilitator, gaps.buy, en.action, TEXT.checkout)
    for (const seat of [one, two, viewer, facilitator]) {
      await seat.board.waitForShapeProps(cards.checkout, { action: TEXT.checkout })
      await seat.board.waitForLinkLines(3)
    }
    await viewer.board.openActionPlan()
    await viewer.board.waitForPlanCounts({ gaps: 2, elevators: 3, unlinked: 0 })
    await fitGrid(viewer.board)
    // What the viewer sees: each card's text, in its cell.
    for (const [id, words] of [[gaps.buy, TEXT.gapBuy[fi.target]], [cards.descriptions, TEXT.descriptions], [cards.checkout, TEXT.checkout], [cards.chat, TEXT.chat]]) {
      expect(await viewer.board.shapeElement(id).textContent()).toContain(words)
    }
    const cells: [string, string, string][] = [[gaps.buy, 'Kuilut', 'Osto'], [gaps.use, 'Kuilut', 'Käyttö'], [cards.descriptions, 'Hissit', 'Osto'], [cards.checkout, 'Hissit', 'Osto'], [cards.chat, 'Hissit', 'Käyttö']]
    for (const [id, lane, stage] of cells) expect(await isCardInCell(viewer.board, id, lane, stage), `${id} in ${lane} × ${stage}`).toBe(true)
    expect(overlaps(await cardBox(viewer.board, cards.descriptions), await cardBox(viewer.board, cards.checkout))).toBe(false)
    expect(await viewer.board.cardsOverflowing()).toEqual([])
    // The viewer reads the plan; its fields are text, not controls that would only look editable.
    expect(await viewer.page.getByTestId('action-plan').locator('.plan-fields').count()).toBe(0)
    expect(await viewer.page.getByTestId('plan-facts').allTextContents()).toContain('Owner: – · Effort: M · Impact: 3 · Idea')
    await frameCards(viewer, [...Object.values(gaps), ...Object.values(cards)])
    await shoot(viewer, '04-journey-built-viewer')
    await viewer.page.getByTestId('toggle-action-plan').click()
  })

  it('leaves the grid and every card where they are after a stray drag from an empty cell', async () => {
    for (const seat of [facilitator, two]) await fitGrid(seat.board)
    const before = { two: await screenLayout(two.board), facilitator: await screenLayout(facilitator.board), filed: await facilitator.board.cardPlacements() }
    const themeBefore = (await facilitator.board.shapes('gap')).find((gap) => gap.id === gaps.use)!.props.theme
    await two.board.dragOnScreen(await two.board.cellCenter('Kipukohdat', 'Käyttöönotto'), await two.board.cellCenter('Kanavat', 'Lähteminen'))
    await two.board.select(gaps.use)
    await two.board.dragOnScreen(await two.board.cellCenter('Kulissien takana / henkilöstö', 'Valinta'), await two.board.cellCenter('Asiakkaan toiminta', 'Osto'))
    await two.board.waitForSaveStatus('saved')
    expect(await two.page.evaluate(() => window.kuilu!.editor.getSelectedShapes().some((shape) => shape.type === 'journey'))).toBe(false)
    expect(await screenLayout(two.board)).toEqual(before.two)
    // A round trip: the same participant's next edit reaches the facilitator after anything the drags sent.
    expect(themeBefore).toBe('')
    await two.board.editCard(gaps.use, { [fi.theme]: 'Palvelu' })
    await facilitator.board.waitForShapeProps(gaps.use, { theme: 'Palvelu' })
    expect(await screenLayout(facilitator.board)).toEqual(before.facilitator)
    expect(await facilitator.board.cardPlacements()).toEqual(before.filed)
    await shoot(two, '05-after-stray-drag-participant')
  })

  it("sets an agenda step's timer to exactly its length on every screen", async () => {
    await facilitator.showPanel(true)
    expect(await firstTimerShown(() => facilitator.page.getByTestId('agenda-target').click())).toEqual(Array(4).fill('⏱ 10:00'))
    // The next step over a running timer: its own length, never what was left of the last one.
    expect(await firstTimerShown(() => facilitator.page.getByTestId('agenda-current').click(), /^⏱ 1\d:/)).toEqual(Array(4).fill('⏱ 15:00'))
    expect(await facilitator.page.getByTestId('agenda-current').getAttribute('aria-current')).toBe('step')
    await shoot(viewer, '06-agenda-step-timer-viewer')
  })

  it('runs a hidden vote round from the agenda: votes on the cards, only a count until reveal, then badges for everyone', async () => {
    const { descriptions, checkout, chat } = cards
    const settings = facilitator.page.getByTestId('agenda-round-settings')
    const timers = await firstTimerShown(async () => {
      await facilitator.page.getByTestId('agenda-vote').click()
      expect(await settings.getByTestId('round-form').isVisible()).toBe(true)
      expect(await facilitator.page.getByTestId('current-round').count()).toBe(0)
      await settings.getByTestId('start-round').click()
    }, /^⏱ \d:/)
    expect(timers).toEqual(Array(4).fill('⏱ 5:00'))
    for (const seat of [one, two]) {
      await expect.poll(() => seat.roleBadge()).toBe(LOCKED_FI)
      await expect.poll(() => seat.text('round-banner')).toContain('Äänestyskierros 1 on alkanut')
      expect(await seat.text('round-banner-vote-now')).toBe('Äänestä nyt')
      await frameCards(seat, Object.values(cards))
    }
    expect(await viewer.page.getByTestId('round-banner-vote-now').count()).toBe(0)
    await voteOnCard(one, descriptions)
    await voteOnCard(one, descriptions)
    expect(await cardVote(one, descriptions).getAttribute('data-blocked')).toBe('cap')
    await voteOnCard(one, checkout)
    for (const id of Object.values(cards)) expect(await cardVote(one, id).getByTestId('card-vote-add').getAttribute('aria-disabled')).toBe('true')
    expect(await cardVote(one, chat).getByTestId('card-vote-hint').textContent()).toBe('Ei ääniä jäljellä')
    await voteOnCard(two, descriptions)
    await voteOnCard(two, chat)
    await shoot(one, '07-votes-on-cards-participant')
    await expect.poll(() => facilitator.text('round-banner-progress')).toBe('2 of 3 have voted')
    for (const seat of everyone) {
      expect(await badges(seat)).toEqual({})
      expect(await seat.page.getByTestId('ranking').count()).toBe(0)
    }
    await frameCards(facilitator, Object.values(cards))
    await shoot(facilitator, '08-hidden-until-reveal-facilitator')
    await facilitator.page.getByTestId('reveal-round').click()
    roundOneBadges = { [descriptions]: 3, [checkout]: 1, [chat]: 1 }
    for (const seat of everyone) await waitForBadges(seat, roundOneBadges)
    expect(await viewer.board.shapeElement(descriptions).getByTestId('card-votes').getAttribute('aria-label')).toBe('3 votes in round 1')
    expect(await one.board.shapeElement(checkout).getByTestId('card-votes').getAttribute('aria-label')).toBe('1 ääni kierroksella 1')
    expect((await facilitator.page.locator('[data-testid="ranking"] li').allTextContents())[0]).toBe(`${TEXT.descriptions} — 3 votes`)
    await shoot(facilitator, '09-revealed-facilitator')
    await facilitator.page.getByTestId('close-round').click()
    await facilitator.page.getByTestId('voting').getByTestId('start-round').waitFor()
  })

  it('keeps the first round on the cards and in the plan when a second round closes empty', async () => {
    await facilitator.page.getByTestId('voting').getByTestId('start-round').click()
    for (const seat of [one, two]) await expect.poll(() => seat.text('round-banner')).toContain('Äänestyskierros 2 on alkanut')
    // While round 2 runs, round 1's badges stay, marked as round 1's, above the card's kind: they once covered "ELEVATOR".
    await one.page.locator('[data-testid="card-votes"].is-earlier[data-round="1"]').first().waitFor()
    await frameCards(facilitator, Object.values(cards))
    for (const id of Object.values(cards)) {
      const { badge, kind } = await badgeAndKind(facilitator, id)
      expect([kind.text, badge.text.endsWith(' · Round 1'), kind.width > 0 && badge.width > 0]).toEqual(['ELEVATOR', true, true])
      expect(overlaps(badge, kind), `${badge.text} clear of ${kind.text}`).toBe(false)
    }
    await facilitator.page.getByTestId('close-round').click()
    for (const seat of everyone) await waitForBadges(seat, roundOneBadges)
    await one.board.openActionPlan()
    await one.page.locator('[data-testid="plan-votes"][data-votes="3"]').waitFor()
    expect(await one.page.locator('[data-testid="plan-votes"][data-votes="3"]').textContent()).toBe(' · 3 ääntä')
    expect(await one.text('plan-shown-round')).toBe('Äänet kierrokselta 1')
    await shoot(one, '10-second-round-closed-empty-participant')
    await one.page.getByTestId('toggle-action-plan').click()
  })

  it('runs the scoring round from the agenda and draws its matrix, labelled, in both languages', async () => {
    const settings = facilitator.page.getByTestId('agenda-round-settings')
    await facilitator.page.getByTestId('agenda-prioritise').click()
    await settings.getByTestId('start-scoring').click()
    for (const seat of [one, two]) {
      await expect.poll(() => seat.text('round-banner')).toContain('Arviointikierros 1 on alkanut')
      await seat.page.getByTestId('round-banner-vote-now').click()
      await seat.page.getByTestId('score-item').first().waitFor()
    }
    const scores: [WorkshopSeat, string, number, 'S' | 'M' | 'L'][] = [
      [one, cards.descriptions, 5, 'S'], [one, cards.checkout, 3, 'M'], [one, cards.chat, 4, 'L'],
      [two, cards.descriptions, 4, 'S'], [two, cards.checkout, 2, 'L'], [two, cards.chat, 5, 'M'],
    ]
    for (const [seat, card, impact, effort] of scores) await scoreCard(seat, card, impact, effort)
    await expect.poll(() => facilitator.text('voters-count')).toBe('2 of 3 have scored')
    for (const seat of everyone) expect(await seat.page.getByTestId('matrix').count()).toBe(0)
    await facilitator.page.getByTestId('reveal-round').click()
    await viewer.showPanel(true)
    for (const seat of everyone) {
      await seat.page.getByTestId('matrix').waitFor()
      expect(await seat.page.locator('[data-testid="matrix-dot"]').count()).toBe(3)
      expect(await matrixDotsInside(seat)).toBe(true)
    }
    const quadrants = (seat: WorkshopSeat) => seat.page.locator('[data-testid="matrix-quadrant"] text').allTextContents()
    expect(await quadrants(facilitator)).toEqual(['Quick wins', 'Big bets', 'Fill-ins', 'Money pits'])
    expect(await quadrants(one)).toEqual(['Pikavoitot', 'Isot panostukset', 'Täytetyöt', 'Rahareiät'])
    const labels = (await viewer.page.getByTestId('matrix-label').allTextContents()).map((label) => label.replace(/…$/, ''))
    for (const action of [TEXT.descriptions, TEXT.checkout, TEXT.chat]) expect(labels.some((label) => label && action.startsWith(label))).toBe(true)
    await facilitator.page.getByTestId('matrix').scrollIntoViewIfNeeded()
    await shoot(facilitator, '11-matrix-facilitator')
    await facilitator.page.getByTestId('close-round').click()
    await facilitator.page.getByTestId('voting').getByTestId('start-round').waitFor()
    for (const seat of [one, viewer]) await seat.showPanel(false)
  })

  it('shows a round time limit to everyone and closes the round by itself at zero', { timeout: 90_000 }, async () => {
    await facilitator.page.getByTestId('agenda-owners').click()
    for (const seat of [one, two]) await expect.poll(() => seat.roleBadge()).toBe(fi['role.participant'])
    const form = facilitator.page.getByTestId('voting').getByTestId('round-form')
    await form.getByTestId('round-seconds').fill('12')
    await form.getByTestId('start-round').click()
    for (const seat of everyone) await seat.page.getByTestId('round-banner-countdown').waitFor()
    expect(await one.text('round-banner-countdown')).toMatch(/^⏱ Aikaa jäljellä 0:(1[0-2]|0\d)$/)
    expect(await viewer.text('round-banner-countdown')).toMatch(/^⏱ Time left 0:(1[0-2]|0\d)$/)
    await frameCards(two, Object.values(cards))
    await voteOnCard(two, cards.chat)
    await shoot(two, '12-round-counting-down-participant')
    for (const seat of everyone) await seat.page.getByTestId('round-banner').waitFor({ state: 'detached', timeout: 30_000 })
    await expect.poll(() => facilitator.page.getByTestId('closed-round').count()).toBe(4)
    // Time-up is said to screen readers too, in each person's language.
    await expect.poll(() => one.text('time-announcement')).toMatch(/: aika loppui$/)
    await expect.poll(() => viewer.text('time-announcement')).toMatch(/: time is up$/)
    // The board now shows the timed round (the latest with ballots); the facilitator goes back to round 1.
    for (const seat of everyone) await waitForBadges(seat, { [cards.chat]: 1 })
    const select = facilitator.page.getByTestId('shown-round-select')
    await select.selectOption({ label: `${en.round} 1 · ${en['roundState.closed']}` })
    for (const seat of everyone) await waitForBadges(seat, roundOneBadges)
    expect(await two.text('shown-round-note')).toBe('Kortit ja toimenpidesuunnitelma näyttävät kierroksen 1.')
  })

  it('locks the board: the participants see it, lose the edit controls, and their edits do not happen', async () => {
    await facilitator.page.getByTestId('toggle-lock').click()
    for (const seat of [one, two]) await expect.poll(() => seat.roleBadge()).toBe(LOCKED_FI)
    await facilitator.showPanel(false)
    const before = await facilitator.board.cardPlacements()
    await fitGrid(one.board)
    expect(await one.page.getByTestId('tools.gap').count()).toBe(0)
    expect(await one.page.getByTestId('add-elevator').count()).toBe(0)
    expect(await tryToEdit(one.board, gaps.buy, 'lukittu', ['Delete'])).toBe(false)
    expect(await one.board.shapeElement(gaps.buy).textContent()).toContain(TEXT.gapBuy[fi.today])
    expect(await facilitator.board.cardPlacements()).toEqual(before)
    await shoot(one, '13-locked-participant')
  })

  it('keeps the viewer from writing: no edit controls, nothing sent, nothing refused', async () => {
    const shapes = await facilitator.board.shapeIds()
    await fitGrid(viewer.board)
    expect(await viewer.page.getByTestId('add-elevator').count()).toBe(0)
    const tools = await viewer.page.locator('[data-testid^="tools."]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-testid')))
    expect(tools.filter((tool) => !['tools.select', 'tools.hand', 'tools.laser', 'tools.more-button'].includes(tool!))).toEqual([])
    await viewer.board.drawRectangle(900, 560)
    expect(await tryToEdit(viewer.board, cards.descriptions, 'viewer text', ['Shift+I', 'Delete'])).toBe(false)
    // A round trip: the facilitator's next edit reaches the viewer after anything the viewer's tab might have sent.
    await facilitator.board.editCard(cards.descriptions, { [en.owner]: 'Markkinointi' })
    await viewer.board.waitForShapeProps(cards.descriptions, { owner: 'Markkinointi' })
    expect(await facilitator.board.shapeIds()).toEqual(shapes)
    expect(viewerSync.writes).toEqual([])
    expect(await viewer.noted('save status')).toEqual(['saved'])
    expect(await viewer.page.getByTestId('board-rejected').count()).toBe(0)
    expect(server.output.filter((line) => line.includes('write denied'))).toEqual([])
    await shoot(viewer, '14-viewer-write-attempt')
  })

  it('exports the PDF (facilitator, English chosen over the Finnish of the workshop) and the CSV (participant, Finnish) with round 1 votes and the token in a header only', async () => {
    await openExport(facilitator)
    await facilitator.page.getByTestId('pdf-map-plan').waitFor()
    // The PDF starts in the workshop's language (Finnish); the facilitator chooses English for it.
    expect(await facilitator.page.getByTestId('pdf-language').inputValue()).toBe('fi')
    await facilitator.page.getByTestId('pdf-language').selectOption('en')
    await shoot(facilitator, '15-export-panel-facilitator')
    const pdf = await download(facilitator, 'export-pdf', dataDir)
    const pdfText = pdfWords(pdf.file)
    for (const words of [TEXT.gapBuy[fi.today], TEXT.gapUse[fi.target], TEXT.descriptions, TEXT.checkout, TEXT.chat, 'Action plan', 'Voting round 1', 'Quick wins']) expect(pdfText).toContain(words)
    // The map tile with the cards (page 1 is the cover), and the page with the matrix, as the PDF draws them.
    pdfPageToPng(pdf.file, TEXT.checkout, join(SCREENSHOT_DIR, '16-pdf-map-tile.png'), 2)
    pdfPageToPng(pdf.file, 'Quick wins', join(SCREENSHOT_DIR, '17-pdf-matrix.png'))
    await openExport(one)
    const csv = await download(one, 'export-csv', dataDir, /\/action-plan\.csv/)
    expect(csv.request!.url()).not.toContain('token')
    expect(await csv.request!.headerValue('authorization')).toBe(`Bearer ${tokens[1]}`)
    // Finnish: semicolons, and the votes of round 1, the round the board shows, in the last column.
    const rows = csvRows(csv.file, ';')
    expect(rows[0].at(-1)).toBe('Äänet')
    const votesOf = (action: string) => rows.find((row) => row.includes(action))?.at(-1)
    expect([votesOf(TEXT.descriptions), votesOf(TEXT.checkout), votesOf(TEXT.chat)]).toEqual(['3', '1', '1'])
  })

  it('showed no invite token in any address, console line, request or log after each first load, and asked nothing of another host', () => {
    for (const seat of everyone) expect(seat.page.url()).not.toMatch(/token=/)
    expect(sightings.filter((seen) => seen.kind === 'socket').length).toBeGreaterThanOrEqual(4)
    // The watch sees the tokens where they belong, in each invite link's own load: four addresses and four requests.
    expect(sightings.filter((seen) => seen.isFirstLoad && tokens.some((token) => seen.text.includes(token))).length).toBeGreaterThanOrEqual(8)
    expect(leaks(sightings, tokens)).toEqual([])
    expect(server.output.filter((line) => tokens.some((token) => line.includes(token)))).toEqual([])
    const offHost = sightings.filter((seen) => (seen.kind === 'request' || seen.kind === 'socket') && !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\/|^(data|blob):/.test(seen.text))
    expect(offHost).toEqual([])
  })
})
