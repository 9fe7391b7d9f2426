import { readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Request } from 'playwright-core'
import { expect } from 'vitest'
import { pdfInfo, pdfToPng, pdfToText, searchable } from '../helpers/pdfText.js'
import { fitGrid } from './cameraSteps.js'
import { focusedFieldOf } from './onScreen.js'
import type { WorkshopSeat } from './WorkshopSeat.js'

/**
 * Fits the map on the screen, presses the gap's "+ Add elevator", and types
 * the action straight away, as the caret is already in the new card's first
 * field (`firstField`, in the seat's language); leaves with Escape. Returns the new elevator's id.
 */
export async function addElevatorByTyping(seat: WorkshopSeat, gapId: string, firstField: string, action: string): Promise<string> {
  await fitGrid(seat.board)
  const id = await seat.board.addElevatorWithButton(gapId)
  await seat.page.waitForFunction((shapeId) => document.activeElement?.closest('.tl-shape')?.getAttribute('data-shape-id') === shapeId, id)
  const field = await focusedFieldOf(seat.board, id)
  if (field !== firstField) throw new Error(`the caret is in "${field}", not in "${firstField}"`)
  await seat.page.keyboard.type(action)
  await seat.page.keyboard.press('Escape')
  await seat.board.waitForShapeProps(id, { action })
  return id
}

/** Opens the export panel from tldraw's main menu, as a person would ("Export PDF" / "Vie PDF"), unless it is open. */
export async function openExport(seat: WorkshopSeat): Promise<void> {
  if ((await seat.page.getByTestId('export-panel').count()) > 0) return
  await seat.page.getByTestId('main-menu.button').click()
  await seat.page.getByRole('menuitem', { name: /^(Export PDF|Vie PDF)$/ }).click()
  await seat.page.getByTestId('export-panel').waitFor()
}

/** Clicks an export button of the panel and saves the file it downloads in `dir`; returns the file and the API request it made, if any. */
export async function download(seat: WorkshopSeat, testId: string, dir: string, apiPath?: RegExp): Promise<{ file: string; request: Request | null }> {
  const requesting = apiPath ? seat.page.waitForRequest(apiPath) : Promise.resolve(null)
  const downloading = seat.page.waitForEvent('download', { timeout: 60_000 })
  await seat.page.getByTestId(testId).click()
  const saved = await downloading
  const file = join(dir, `${seat.role}-${saved.suggestedFilename()}`)
  await saved.saveAs(file)
  return { file, request: await requesting }
}


/** A PDF's text, every page, with runs of white space made one space, so a search does not depend on the layout. */
export function pdfWords(file: string, page?: number): string {
  return searchable(pdfToText(file, page === undefined ? {} : { first: page, last: page })).replace(/\s+/g, ' ')
}

/** Renders the first page, from `from` on, whose text holds `words` (e.g. the map tile with a card) to a PNG at `out`; throws when none does. */
export function pdfPageToPng(file: string, words: string, out: string, from = 1): void {
  for (let page = from; page <= pdfInfo(file).pages; page++) {
    if (!pdfWords(file, page).includes(words)) continue
    const [rendered] = pdfToPng(file, out.replace(/\.png$/, ''), page, page)
    return renameSync(rendered, out)
  }
  throw new Error(`no page of ${file} holds "${words}"`)
}

/** A CSV file's rows split on its separator, without the byte order mark (the texts here hold no quoted separators). */
export function csvRows(file: string, separator: ',' | ';'): string[][] {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((row) => row.split(separator))
}

/** Creates a workshop on the home page as a facilitator does (title, the board's language, "Create workshop") and reads the three invite links it shows. */
export async function createWorkshopOnHome(home: Page, serverUrl: string, title: string, language: 'en' | 'fi'): Promise<Record<'facilitator' | 'participant' | 'viewer', string>> {
  await home.goto(`${serverUrl}/`)
  await home.locator('input[name="workshop-title"]').fill(title)
  await home.getByRole('combobox', { name: /^(Workshop language|Työpajan kieli)$/ }).selectOption(language)
  await home.getByRole('button', { name: /^(Create workshop|Luo työpaja)$/ }).click()
  const link = async (role: string) => (await home.getByTestId(`link-${role}`).getAttribute('href'))!
  return { facilitator: await link('facilitator'), participant: await link('participant'), viewer: await link('viewer') }
}

/**
 * Notes the timer pill on every seat's screen, runs an action, and returns
 * the first time each screen then showed that `isNew` tells from the old
 * timer ticking on (which it may, until the server's new timer arrives).
 */
export async function firstTimeShown(seats: readonly WorkshopSeat[], action: () => Promise<void>, isNew = /./): Promise<(string | null)[]> {
  for (const seat of seats) await seat.noteShown('timer', '[data-testid="timer"]')
  const before = await Promise.all(seats.map(async (seat) => (await seat.noted('timer')).length))
  await action()
  const first = async (seat: WorkshopSeat, index: number) => (await seat.noted('timer')).slice(before[index]).find((shown) => isNew.test(shown)) ?? null
  await expect.poll(async () => (await Promise.all(seats.map(first))).every((shown) => shown !== null)).toBe(true)
  return Promise.all(seats.map(first))
}
