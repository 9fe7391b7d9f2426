import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { BoardPageObject } from './BoardPageObject.js'

/** A tab's camera: where it looks on the page and how far it zooms. */
export type Camera = { x: number; y: number; z: number }

/** A tab's camera now. */
export function camera(page: Page): Promise<Camera> {
  return page.evaluate(() => {
    const { x, y, z } = window.kuilu!.editor.getCamera()
    return { x, y, z }
  })
}

/** How far apart two cameras are, in page units and zoom (screens are the same size, so a follower's camera equals its leader's). */
export function apart(a: Camera, b: Camera): number {
  return Math.hypot(a.x - b.x, a.y - b.y) + 1000 * Math.abs(a.z - b.z)
}

/** Whether the camera stayed put over a few frames (runs in the page). */
export function isCameraStill(): Promise<boolean> {
  const before = JSON.stringify(window.kuilu!.editor.getCamera())
  return new Promise((resolve) => {
    let frames = 5
    const check = () => (--frames > 0 ? requestAnimationFrame(check) : resolve(JSON.stringify(window.kuilu!.editor.getCamera()) === before))
    requestAnimationFrame(check)
  })
}

/** Pans a tab's view with tldraw's hand tool, dragging on the canvas as a hand does, then goes back to selecting. */
export async function pan(page: Page, by: { x: number; y: number }): Promise<void> {
  await page.getByTestId('tools.hand').click()
  const from = { x: 420, y: 420 }
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 8 })
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 8 })
  await page.mouse.up()
  await page.getByTestId('tools.select').click()
  // The hand tool lets the view slide on after the drag: wait for it to come to rest.
  await expect.poll(() => page.evaluate(isCameraStill)).toBe(true)
}

/** Waits until the camera has stopped moving (an animated reveal of a new card, say): two painted frames with the same camera. */
export async function settle(board: BoardPageObject): Promise<void> {
  await board.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = ''
        const check = () => {
          const now = JSON.stringify(window.kuilu!.editor.getCamera())
          if (now === last) return resolve()
          last = now
          requestAnimationFrame(() => requestAnimationFrame(check))
        }
        check()
      }),
  )
}

/** Fits the (first) journey grid on the screen clear of tldraw's toolbar at the bottom, and waits until the camera is still. */
export async function fitGrid(board: BoardPageObject): Promise<void> {
  await board.page.evaluate(() => {
    const editor = window.kuilu!.editor
    const grid = editor.getCurrentPageShapes().find((shape) => shape.type === 'journey')!
    editor.zoomToBounds(editor.getShapePageBounds(grid)!, { inset: 110 })
  })
  await settle(board)
}

/** Zooms onto some cards (readable in a screenshot), at most 1.5×, and waits until the camera is still. */
export async function zoomToCards(board: BoardPageObject, ids: string[]): Promise<void> {
  await board.page.evaluate((shapeIds) => {
    const editor = window.kuilu!.editor
    const bounds = shapeIds.map((id) => editor.getShapePageBounds(id as never)!)
    const union = bounds.reduce((all, box) => all.union(box), bounds[0].clone())
    editor.zoomToBounds(union, { inset: 140, targetZoom: 1.5 })
  }, ids)
  await settle(board)
}
