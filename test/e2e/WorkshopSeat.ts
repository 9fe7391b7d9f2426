import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import type { Role } from '../../shared/rules/roles.js'
import { BoardPageObject, type ScreenPoint } from './BoardPageObject.js'

/** One person at a workshop: their browser tab on the board, the name they gave and the role their invite link grants. */
export class WorkshopSeat {
  private constructor(
    readonly board: BoardPageObject,
    readonly name: string,
    readonly role: Role,
  ) {}

  /** Opens an invite link, answers the name dialog, and waits until the server has said which role this is. */
  static async join(context: BrowserContext, url: string, name: string, role: Role): Promise<WorkshopSeat> {
    const board = await BoardPageObject.open(context, url, name)
    await board.page.locator(`[data-testid="role"][data-role="${role}"]`).waitFor()
    return new WorkshopSeat(board, name, role)
  }

  /** The tab itself. */
  get page() {
    return this.board.page
  }

  /** Moves the pointer over the canvas to a point, in small steps as a hand does, so the move is shared as presence. */
  async pointAt(at: ScreenPoint): Promise<void> {
    await this.page.mouse.move(at.x - 30, at.y - 20)
    await this.page.mouse.move(at.x, at.y, { steps: 6 })
  }

  /** The names on the collaborator cursors this tab draws: tldraw's name tags in the DOM, what a person sees. */
  cursorNames(): Promise<string[]> {
    return this.page.locator('.tl-collaborator__cursor .tl-nametag').allTextContents()
  }

  /** Waits until this tab draws a cursor with each of these names. */
  async waitForCursorNames(names: readonly string[]): Promise<void> {
    await this.page.waitForFunction((wanted) => {
      const shown = [...document.querySelectorAll('.tl-collaborator__cursor .tl-nametag')].map((tag) => tag.textContent)
      return wanted.every((name) => shown.includes(name))
    }, names)
  }

  /** Opens the workshop panel from the status bar. */
  async openPanel(): Promise<void> {
    await this.page.getByTestId('toggle-workshop').click()
    await this.page.getByTestId('workshop-panel').waitFor()
  }

  /** The "Vote" button of a card in the current round's list. */
  voteButton(cardId: string) {
    return this.page.locator(`[data-testid="vote-item"][data-card-id="${cardId}"] [data-testid="vote"]`)
  }

  /** Votes once for a card and waits until the server's new count of votes left arrives. */
  async vote(cardId: string): Promise<void> {
    const before = await this.page.getByTestId('votes-left').textContent()
    await this.voteButton(cardId).click()
    await this.page.waitForFunction((text) => document.querySelector('[data-testid="votes-left"]')?.textContent !== text, before)
  }

  /**
   * Clicks a card's "Vote" button twice in one go, as an impatient
   * double-click does: both clicks land in the same browser task, so both
   * requests leave before the server's answer to the first can disable the button.
   */
  async voteTwiceAtOnce(cardId: string): Promise<void> {
    await this.voteButton(cardId).evaluate((button: HTMLButtonElement) => {
      button.click()
      button.click()
    })
  }

  /** Saves a screenshot of the whole tab as `<dir>/<file>.png` and returns its path. */
  async screenshot(dir: string, file: string): Promise<string> {
    const path = join(dir, `${file}.png`)
    await this.page.screenshot({ path })
    return path
  }
}
