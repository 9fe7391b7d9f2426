import type { Locator } from 'playwright-core'
import type { WorkshopSeat } from './WorkshopSeat.js'

/** Where the cards go on the screen: right of the side panel, under the round notice, above the toolbar. */
const CARDS_AT = { x: 860, y: 470, maxWidth: 700, maxHeight: 520 }

/** Moves a seat's camera so these cards sit right of the side panel at a readable zoom, and waits for the frame. */
export async function frameCards(seat: WorkshopSeat, ids: readonly string[]): Promise<void> {
  await seat.page.evaluate(
    ({ ids, at }) => {
      const editor = window.kuilu!.editor
      const boxes = ids.map((id) => editor.getShapePageBounds(id as never)!)
      const minX = Math.min(...boxes.map((box) => box.minX))
      const minY = Math.min(...boxes.map((box) => box.minY))
      const maxX = Math.max(...boxes.map((box) => box.maxX))
      const maxY = Math.max(...boxes.map((box) => box.maxY))
      const z = Math.min(1, at.maxWidth / (maxX - minX), at.maxHeight / (maxY - minY))
      editor.setCamera({ x: at.x / z - (minX + maxX) / 2, y: at.y / z - (minY + maxY) / 2, z })
    },
    { ids, at: CARDS_AT },
  )
  await seat.board.nextFrame()
}

/** A card's vote control on the canvas. */
export function cardVote(seat: WorkshopSeat, cardId: string): Locator {
  return seat.board.shapeElement(cardId).getByTestId('card-vote')
}

/** This person's votes on a card as its control shows them. */
export async function ownVotesOnCard(seat: WorkshopSeat, cardId: string): Promise<number> {
  return Number(await cardVote(seat, cardId).getByTestId('card-vote-own').getAttribute('data-own'))
}

/** Clicks "+ Vote" on the card itself and waits until the server's count of this person's votes on it has gone up. */
export async function voteOnCard(seat: WorkshopSeat, cardId: string): Promise<void> {
  const before = await ownVotesOnCard(seat, cardId)
  await cardVote(seat, cardId).getByTestId('card-vote-add').click()
  await cardVote(seat, cardId).locator(`[data-testid="card-vote-own"][data-own="${before + 1}"]`).waitFor()
}

/** The vote badges every card on a seat's canvas shows, card id → votes; cards without a badge are left out. */
export function badges(seat: WorkshopSeat): Promise<Record<string, number>> {
  return seat.page.locator('.tl-shape[data-shape-id]:has([data-testid="card-votes"])').evaluateAll((shapes) =>
    Object.fromEntries(shapes.map((shape) => [shape.getAttribute('data-shape-id'), Number(shape.querySelector('[data-testid="card-votes"]')!.getAttribute('data-votes'))])),
  )
}

/** Waits until a seat's canvas shows exactly these badges. */
export async function waitForBadges(seat: WorkshopSeat, expected: Record<string, number>): Promise<void> {
  await seat.page.waitForFunction((want) => {
    const shown: Record<string, number> = {}
    for (const badge of document.querySelectorAll('.tl-shape[data-shape-id] [data-testid="card-votes"]')) {
      shown[badge.closest('.tl-shape')!.getAttribute('data-shape-id')!] = Number(badge.getAttribute('data-votes'))
    }
    return JSON.stringify(Object.entries(shown).sort()) === JSON.stringify(Object.entries(want).sort())
  }, expected)
}

/** Gives a card an impact and an effort in the scoring list, and waits until the server holds both. */
export async function scoreCard(seat: WorkshopSeat, cardId: string, impact: number, effort: 'S' | 'M' | 'L'): Promise<void> {
  const item = seat.page.locator(`[data-testid="score-item"][data-card-id="${cardId}"]`)
  await item.getByTestId('score-impact').selectOption(String(impact))
  await seat.page.waitForFunction(([id, value]) => (document.querySelector(`[data-testid="score-item"][data-card-id="${id}"] [data-testid="score-impact"]`) as HTMLSelectElement | null)?.value === value, [cardId, String(impact)] as const)
  await item.getByTestId('score-effort').selectOption(effort)
  await seat.page.waitForFunction(([id, value]) => (document.querySelector(`[data-testid="score-item"][data-card-id="${id}"] [data-testid="score-effort"]`) as HTMLSelectElement | null)?.value === value, [cardId, effort] as const)
}

/** Whether every dot of the matrix, and its label, lies inside the chart's drawing on the screen. */
export function matrixDotsInside(seat: WorkshopSeat): Promise<boolean> {
  return seat.page.getByTestId('matrix').evaluate((svg) => {
    const chart = svg.getBoundingClientRect()
    return [...svg.querySelectorAll('[data-testid="matrix-dot"] circle, [data-testid="matrix-label"]')].every((element) => {
      const box = element.getBoundingClientRect()
      return box.width > 0 && box.left >= chart.left - 0.5 && box.right <= chart.right + 0.5 && box.top >= chart.top - 0.5 && box.bottom <= chart.bottom + 0.5
    })
  })
}

/** A box on the screen in CSS pixels, and what it holds. */
type ShownBox = { x: number; y: number; width: number; height: number; text: string }

/**
 * Where a card's vote badge and the text of its kind ("ELEVATOR") are drawn
 * on a seat's screen: the kind's own letters (a range over them), not the
 * full-width line that holds them, so that a badge beside it does not count.
 */
export function badgeAndKind(seat: WorkshopSeat, cardId: string): Promise<{ badge: ShownBox; kind: ShownBox }> {
  return seat.page.evaluate((id) => {
    const card = document.querySelector(`.tl-shape[data-shape-id="${id}"]`)
    const badge = card?.querySelector('[data-testid="card-votes"]')
    const kind = card?.querySelector('.card-kind')
    if (!badge || !kind) throw new Error(`card ${id} shows no ${badge ? 'kind' : 'vote badge'}`)
    const range = document.createRange()
    range.selectNodeContents(kind)
    const shown = (box: DOMRect, text: string) => ({ x: box.x, y: box.y, width: box.width, height: box.height, text })
    return { badge: shown(badge.getBoundingClientRect(), badge.textContent ?? ''), kind: shown(range.getBoundingClientRect(), getComputedStyle(kind).textTransform === 'uppercase' ? (kind.textContent ?? '').toUpperCase() : (kind.textContent ?? '')) }
  }, cardId)
}
