import type { Locator } from 'playwright-core'
import type { BoardPageObject } from './BoardPageObject.js'

/** A box on the screen, in CSS pixels of the page. */
export type Box = { x: number; y: number; width: number; height: number }

/** Whether a box lies inside another, give or take a pixel of rounding. */
export const isInside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1

/** Whether two boxes cover each other anywhere. */
export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** Where a grid cell is drawn on the screen, found by the lane and stage titles a person reads. */
export async function cellBox(board: BoardPageObject, lane: string, stage: string): Promise<Box> {
  const { laneId, stageId } = await board.cellCenter(lane, stage)
  const box = await board.page.locator(`[data-cell="${laneId}:${stageId}"]`).boundingBox()
  if (!box) throw new Error(`no cell ${lane} × ${stage} on the screen`)
  return box
}

/** Where a card is drawn on the screen. */
export async function cardBox(board: BoardPageObject, id: string): Promise<Box> {
  const box = await board.shapeElement(id).boundingBox()
  if (!box) throw new Error(`card ${id} is not on the screen`)
  return box
}

/** What a person sees of the map: every stage title's and every card's place on the screen, rounded to a pixel, by text or id. */
export function screenLayout(board: BoardPageObject): Promise<string[]> {
  return board.page.evaluate(() => {
    const at = (element: Element) => {
      const box = element.getBoundingClientRect()
      return `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`
    }
    const stages = [...document.querySelectorAll('.journey-stage')].map((stage) => `stage ${stage.textContent}: ${at(stage)}`)
    const cards = [...document.querySelectorAll('.tl-shape[data-shape-id]:has(.card)')].map((card) => `card ${card.getAttribute('data-shape-id')}: ${at(card)}`)
    return [...stages, ...cards].sort()
  })
}

/** The text field that has the caret, by its label, when it belongs to this card being edited; else null. */
export function focusedFieldOf(board: BoardPageObject, id: string): Promise<string | null> {
  return board.page.evaluate((shapeId) => {
    const active = document.activeElement as HTMLElement | null
    const card = active?.closest('.tl-shape')
    return card?.getAttribute('data-shape-id') === shapeId && active?.closest('.card.is-editing') ? (active.getAttribute('aria-label') ?? '') : null
  }, id)
}

/** Whether a card is drawn inside the grid cell of a lane and a stage, found by the titles a person reads. */
export async function isCardInCell(board: BoardPageObject, id: string, lane: string, stage: string): Promise<boolean> {
  return isInside(await cardBox(board, id), await cellBox(board, lane, stage))
}

/**
 * Tries to edit a card as a person would: a double-click on it, some typing,
 * then other keys (shortcuts such as Delete or Shift+I); returns whether the
 * card opened for editing.
 */
export async function tryToEdit(board: BoardPageObject, id: string, typed: string, keys: readonly string[]): Promise<boolean> {
  const at = await board.shapeCenter(id)
  await board.approach(at)
  await board.page.mouse.dblclick(at.x, at.y)
  const isEditing = (await board.shapeElement(id).locator('.card.is-editing').count()) > 0
  await board.page.keyboard.type(typed)
  for (const key of keys) await board.page.keyboard.press(key)
  return isEditing || (await board.shapeElement(id).locator('.card.is-editing').count()) > 0
}

/**
 * "text: lines" for each element the locator finds: a range over an element's
 * text has one rectangle per line the text takes, so a word broken in two
 * ("Digitaaline / n") reads 2.
 */
export function textLines(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const range = document.createRange()
      range.selectNodeContents(element)
      return `${element.textContent}: ${range.getClientRects().length}`
    }),
  )
}
