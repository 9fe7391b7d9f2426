import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import type { Role } from '../../shared/rules/roles.js'
import { BoardPageObject, type ScreenPoint } from './BoardPageObject.js'

/** Where `noteShown` keeps, in the page, what each watched element showed. */
type NotesWindow = { kuiluNotes?: Record<string, { seen: string[]; observer: MutationObserver }> }

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

  /** The text of the first element with a test id, as the person reads it; null when there is none. */
  text(testId: string): Promise<string | null> {
    return this.page.getByTestId(testId).first().textContent()
  }

  /** The role badge in the status bar: the role, and "View only" or the lock when the board is read-only for this person. */
  roleBadge(): Promise<string | null> {
    return this.text('role')
  }

  /** Opens or closes the workshop panel with the status bar's button, unless it already is so. */
  async showPanel(isOpen: boolean): Promise<void> {
    if ((await this.page.getByTestId('workshop-panel').count()) !== Number(isOpen)) await this.page.getByTestId('toggle-workshop').click()
    await this.page.getByTestId('workshop-panel').waitFor({ state: isOpen ? 'visible' : 'detached' })
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

  /**
   * From now on, notes every value an element shows (its text, or one of its
   * attributes), however briefly, each change once, under `key`: what a person
   * could have read there. `noted(key)` reads them back; noting a key again starts afresh.
   */
  async noteShown(key: string, selector: string, attribute?: string): Promise<void> {
    await this.page.evaluate(
      ({ key, selector, attribute }) => {
        const notes = ((window as unknown as NotesWindow).kuiluNotes ??= {})
        notes[key]?.observer.disconnect()
        const seen: string[] = []
        const note = () => {
          const element = document.querySelector(selector)
          const value = element && (attribute ? element.getAttribute(attribute) : element.textContent)
          if (value && value !== seen.at(-1)) seen.push(value)
        }
        const observer = new MutationObserver(note)
        notes[key] = { seen, observer }
        note()
        observer.observe(document.body, { attributes: true, childList: true, subtree: true, characterData: true })
      },
      { key, selector, attribute },
    )
  }

  /** The values noted under `key` since `noteShown`, in the order they showed. */
  noted(key: string): Promise<string[]> {
    return this.page.evaluate((name) => (window as unknown as NotesWindow).kuiluNotes?.[name]?.seen ?? [], key)
  }

  /** Saves a screenshot of the whole tab as `<dir>/<file>.png` and returns its path. */
  async screenshot(dir: string, file: string): Promise<string> {
    const path = join(dir, `${file}.png`)
    await this.page.screenshot({ path })
    return path
  }
}
