import type { BrowserContext, Page } from 'playwright-core'

/** A browser tab on a Kuilu board, driven the way a participant would drive it. */
export class BoardPageObject {
  private constructor(readonly page: Page) {}

  /** Opens a board URL in a new page of the context and waits for the canvas. */
  static async open(context: BrowserContext, url: string, name?: string): Promise<BoardPageObject> {
    const board = new BoardPageObject(await context.newPage())
    await board.page.goto(url)
    if (name) await board.chooseName(name)
    await board.waitForCanvas()
    return board
  }

  /** Answers the first-visit name dialog. */
  async chooseName(name: string): Promise<void> {
    const dialog = this.page.getByRole('dialog')
    await dialog.getByRole('textbox').fill(name)
    await dialog.getByRole('textbox').press('Enter')
    await dialog.waitFor({ state: 'detached' })
  }

  /** Waits until the tldraw editor is mounted. */
  async waitForCanvas(): Promise<void> {
    await this.page.waitForFunction(() => Boolean(window.kuilu?.editor))
    await this.page.locator('.tl-canvas').waitFor()
  }

  /** Draws a rectangle with the keyboard shortcut and a mouse drag, as a person would. */
  async drawRectangle(x: number, y: number, width = 120, height = 80): Promise<void> {
    await this.page.mouse.click(x - 40, y - 40)
    await this.page.keyboard.press('r')
    await this.page.mouse.move(x, y)
    await this.page.mouse.down()
    await this.page.mouse.move(x + width / 2, y + height / 2, { steps: 4 })
    await this.page.mouse.move(x + width, y + height, { steps: 4 })
    await this.page.mouse.up()
    await this.page.keyboard.press('Escape')
  }

  /** The ids of the shapes on the current page. */
  shapeIds(): Promise<string[]> {
    return this.page.evaluate(() => window.kuilu!.editor.getCurrentPageShapes().map((shape) => shape.id).sort())
  }

  /** Waits until the page shows exactly these shape ids. */
  async waitForShapes(ids: string[]): Promise<void> {
    const expected = [...ids].sort()
    await this.page.waitForFunction(
      (want) => JSON.stringify(window.kuilu?.editor.getCurrentPageShapes().map((shape) => shape.id).sort()) === JSON.stringify(want),
      expected,
    )
  }

  /** Waits for the save status pill to read a status. */
  async waitForSaveStatus(status: 'saved' | 'saving' | 'offline'): Promise<void> {
    await this.page.locator(`[data-testid="save-status"][data-status="${status}"]`).waitFor()
  }

  /** Names of the collaborators whose cursors this page draws. */
  collaboratorNames(): Promise<string[]> {
    return this.page.evaluate(() => window.kuilu!.editor.getCollaborators().map((presence) => presence.userName))
  }
}
