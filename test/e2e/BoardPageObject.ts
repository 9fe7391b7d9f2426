import type { BrowserContext, Page } from 'playwright-core'

/** Our card and grid shape types, as the toolbar's tools name them. */
export type KuiluTool = 'journey' | 'touchpoint' | 'gap' | 'elevator'

/** The counts at the top of the action plan panel. */
export type PlanCounts = Record<'gaps' | 'elevators' | 'unlinked', number>

/** A shape as the tests read it, plain JSON. */
export type ShapeSummary = { id: string; type: string; x: number; y: number; props: Record<string, unknown> }

/** A point on the screen, in CSS pixels of the page. */
export type ScreenPoint = { x: number; y: number }

/** Matches an element whose whole text is `text` (hasText alone would take "Käyttö" for "Käyttöönotto"). */
const wholeText = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)

/** What Chromium logs when the server's Content-Security-Policy or Permissions-Policy stops something, or cannot be read. */
const POLICY_COMPLAINT = /Refused to|Content[- ]Security[- ]Policy|Permissions-Policy/i

/** A browser tab on a Kuilu board, driven the way a participant would drive it. */
export class BoardPageObject {
  /** Console messages of this tab in which the browser refused something by our security headers; a working app has none. */
  readonly policyViolations: string[] = []

  private constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (POLICY_COMPLAINT.test(message.text())) this.policyViolations.push(message.text())
    })
  }

  /** Opens a board URL in a new page of the context and waits for the canvas. */
  static async open(context: BrowserContext, url: string, name?: string): Promise<BoardPageObject> {
    const board = new BoardPageObject(await context.newPage())
    await board.page.goto(url)
    if (name) await board.chooseName(name)
    await board.waitForCanvas()
    return board
  }

  /**
   * Opens the home page, clicks a template's link and waits for the new
   * board's canvas; answers the name dialog when it shows (first visit).
   */
  static async openTemplateFromHome(context: BrowserContext, homeUrl: string, template: string, name: string): Promise<BoardPageObject> {
    const board = new BoardPageObject(await context.newPage())
    await board.page.goto(homeUrl)
    await board.page.locator(`[data-testid="template-${template}"]`).click()
    await board.page.waitForURL(/\/b\/[^/]+$/)
    await board.page.locator('[role="dialog"], .tl-canvas').first().waitFor()
    if (await board.page.getByRole('dialog').isVisible()) await board.chooseName(name)
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

  /** Shapes on the current page, of one type or all. */
  shapes(type?: string): Promise<ShapeSummary[]> {
    return this.page.evaluate(
      (wanted) =>
        window
          .kuilu!.editor.getCurrentPageShapes()
          .filter((shape) => wanted === undefined || shape.type === wanted)
          .map((shape) => ({ id: shape.id, type: shape.type, x: shape.x, y: shape.y, props: { ...(shape.props as Record<string, unknown>) } })),
      type,
    )
  }

  /** Waits until the page holds exactly `count` shapes of a type. */
  async waitForShapeCount(type: string, count: number): Promise<void> {
    await this.page.waitForFunction(
      ([wanted, n]) => window.kuilu?.editor.getCurrentPageShapes().filter((shape) => shape.type === wanted).length === n,
      [type, count] as const,
    )
  }

  /** Waits until a shape's props include these values (e.g. a link or a placement that a side effect writes). */
  async waitForShapeProps(id: string, props: Record<string, unknown>): Promise<void> {
    await this.page.waitForFunction(
      ([shapeId, wanted]) => {
        const shape = window.kuilu?.editor.getShape(shapeId as never)
        return shape !== undefined && Object.entries(wanted).every(([key, value]) => (shape.props as Record<string, unknown>)[key] === value)
      },
      [id, props] as const,
    )
  }

  /** Zooms the camera so every shape fits the viewport (tldraw's "zoom to fit"), and waits for the next frame. */
  async zoomToFit(): Promise<void> {
    await this.page.evaluate(() => void window.kuilu!.editor.zoomToFit())
    await this.nextFrame()
  }

  /** Resolves once the browser has painted the next frame. */
  async nextFrame(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
  }

  /** The titles of the stage columns of every journey grid, in DOM order. */
  stageTitles(): Promise<string[]> {
    return this.page.locator('.journey-stage').allTextContents()
  }

  /** Whether every stage title of every grid is rendered inside the viewport. */
  stageTitlesInView(): Promise<boolean> {
    return this.page.locator('.journey-stage').evaluateAll(
      (elements) =>
        elements.length > 0 &&
        elements.every((element) => {
          const box = element.getBoundingClientRect()
          return box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight
        }),
    )
  }

  /** The centre of a grid cell on the screen, found by the titles a person reads: its lane's row and its stage's column. */
  async cellCenter(laneTitle: string, stageTitle: string): Promise<ScreenPoint & { laneId: string; stageId: string }> {
    const laneId = await this.page.locator('.journey-lane').filter({ hasText: wholeText(laneTitle) }).first().getAttribute('data-lane-id')
    const stageId = await this.page.locator('.journey-stage').filter({ hasText: wholeText(stageTitle) }).first().getAttribute('data-stage-id')
    const box = await this.page.locator(`[data-cell="${laneId}:${stageId}"]`).boundingBox()
    if (!laneId || !stageId || !box) throw new Error(`no cell ${laneTitle} × ${stageTitle} on the screen`)
    return { x: box.x + box.width / 2, y: box.y + box.height / 2, laneId, stageId }
  }

  /** The centre of a shape on the screen. */
  async shapeCenter(id: string): Promise<ScreenPoint> {
    const center = await this.page.evaluate((shapeId) => {
      const editor = window.kuilu!.editor
      const bounds = editor.getShapePageBounds(shapeId as never)
      return bounds ? editor.pageToScreen(bounds.center) : null
    }, id)
    if (!center) throw new Error(`shape ${id} is not on the page`)
    return { x: center.x, y: center.y }
  }

  /** The DOM of a shape on the canvas. */
  shapeElement(id: string) {
    return this.page.locator(`.tl-shape[data-shape-id="${id}"]`)
  }

  /** Picks one of our tools in the toolbar and clicks the canvas at a point; returns the new card's id. */
  placeWithToolbar(tool: KuiluTool, at: ScreenPoint): Promise<string> {
    return this.newShapeAfter(tool, async () => {
      await this.page.getByTestId(`tools.${tool}`).click()
      await this.page.mouse.click(at.x, at.y)
    })
  }

  /** Selects a gap card and clicks its "+ Add elevator" button; returns the new elevator's id. */
  addElevatorWithButton(gapId: string): Promise<string> {
    return this.newShapeAfter('elevator', async () => {
      await this.select(gapId)
      await this.shapeElement(gapId).getByTestId('add-elevator').click()
    })
  }

  /** Clicks a gap card's "+ Add elevator" button as things are (whatever is selected or being edited); returns the new elevator's id. */
  clickAddElevator(gapId: string): Promise<string> {
    return this.newShapeAfter('elevator', () => this.shapeElement(gapId).getByTestId('add-elevator').click())
  }

  /** Selects a gap card and presses Shift+I ("Add elevator"); returns the new elevator's id. */
  addElevatorWithShortcut(gapId: string): Promise<string> {
    return this.newShapeAfter('elevator', async () => {
      await this.select(gapId)
      await this.page.keyboard.press('Shift+I')
    })
  }

  /** Runs a person's action and returns the id of the shape of `type` that it created. */
  private async newShapeAfter(type: string, action: () => Promise<void>): Promise<string> {
    const known = (await this.shapes(type)).map((shape) => shape.id)
    await action()
    const created = await this.page.waitForFunction(
      ([wanted, old]) => window.kuilu?.editor.getCurrentPageShapes().find((shape) => shape.type === wanted && !old.includes(shape.id))?.id,
      [type, known] as const,
    )
    return (await created.jsonValue()) as string
  }

  /**
   * Moves the pointer onto a point from a little way off, as a hand does; the
   * move also ends tldraw's wait for a second click, so that pressing here
   * right after a click on the same spot is not taken for a double-click.
   */
  async approach(to: ScreenPoint): Promise<void> {
    await this.page.mouse.move(to.x + 24, to.y + 24)
    await this.page.mouse.move(to.x, to.y, { steps: 3 })
  }

  /** Clicks a shape to select it, and waits until it is the selection. */
  async select(id: string): Promise<void> {
    const at = await this.shapeCenter(id)
    await this.approach(at)
    await this.page.mouse.click(at.x, at.y)
    await this.page.waitForFunction((shapeId) => JSON.stringify(window.kuilu?.editor.getSelectedShapeIds()) === JSON.stringify([shapeId]), id)
  }

  /** Drags a shape with the mouse so that its centre lands on a point. */
  async dragShapeTo(id: string, to: ScreenPoint): Promise<void> {
    const from = await this.shapeCenter(id)
    await this.approach(from)
    await this.page.mouse.down()
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
    await this.page.mouse.move(to.x, to.y, { steps: 5 })
    await this.page.mouse.up()
  }

  /** Double-clicks a card to edit it in place, types into its text fields by their labels ("Today", "Tavoite"…), and leaves with Escape. */
  async editCard(id: string, fields: Record<string, string>): Promise<void> {
    const at = await this.shapeCenter(id)
    await this.approach(at)
    await this.page.mouse.dblclick(at.x, at.y)
    const card = this.shapeElement(id).locator('.card.is-editing')
    await card.waitFor()
    for (const [label, text] of Object.entries(fields)) await card.getByRole('textbox', { name: label, exact: true }).fill(text)
    await this.page.keyboard.press('Escape')
    await card.waitFor({ state: 'detached' })
  }

  /** Cards drawn taller than their shape, i.e. whose text runs out of the card's bounds: "type id: drawn > shape height". */
  cardsOverflowing(): Promise<string[]> {
    return this.page.evaluate(() => {
      const found: string[] = []
      for (const card of document.querySelectorAll<HTMLElement>('.tl-shape[data-shape-id] .card')) {
        const id = card.closest('.tl-shape')!.getAttribute('data-shape-id')!
        const shape = window.kuilu!.editor.getShape(id as never) as { type: string; props: { h: number } } | undefined
        if (shape && card.offsetHeight > shape.props.h + 1) found.push(`${shape.type} ${id}: ${card.offsetHeight} > ${shape.props.h}`)
      }
      return found
    })
  }

  /** Opens the action plan panel with the status bar's button. */
  async openActionPlan(): Promise<void> {
    await this.page.getByTestId('toggle-action-plan').click()
    await this.page.getByTestId('action-plan').waitFor()
  }

  /** Waits until the action plan panel shows these counts. */
  async waitForPlanCounts(expected: PlanCounts): Promise<void> {
    await this.page.waitForFunction((want) => {
      const read = (name: string) => document.querySelector(`[data-testid="plan-counts"] [data-count="${name}"]`)?.textContent
      return read('gaps') === String(want.gaps) && read('elevators') === String(want.elevators) && read('unlinked') === String(want.unlinked)
    }, expected)
  }

  /** Waits until the canvas has this many elevator→gap link lines. */
  async waitForLinkLines(count: number): Promise<void> {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="card-link"]').length === n, count)
  }

  /**
   * Whether a person can see a link line: its colour is on the screen around
   * its midpoint (a line under another shape, e.g. the grid, is in the DOM but hidden).
   */
  async isLinkLineShown(index = 0): Promise<boolean> {
    const line = this.page.getByTestId('card-link').nth(index)
    const box = await line.boundingBox()
    if (!box) return false
    const png = await this.page.screenshot({ clip: { x: Math.round(box.x + box.width / 2) - 6, y: Math.round(box.y + box.height / 2) - 6, width: 13, height: 13 } })
    const stroke = await line.evaluate((element) => getComputedStyle(element).stroke)
    return this.page.evaluate(
      async ({ data, stroke }) => {
        const colour = (stroke.match(/\d+/g) ?? []).map(Number)
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (char) => char.charCodeAt(0))], { type: 'image/png' }))
        const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!
        context.drawImage(bitmap, 0, 0)
        const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data
        // A thin antialiased stroke blends with what is under it: accept a pixel at least half-way from white to the stroke's colour.
        for (let i = 0; i < pixels.length; i += 4) {
          if (colour.length === 3 && colour.every((channel, c) => Math.abs(pixels[i + c] - channel) <= (255 - channel) / 2 + 8)) return true
        }
        return false
      },
      { data: png.toString('base64'), stroke },
    )
  }

  /** Picks a UI language in the status bar's switcher by the option a person reads. */
  async chooseLanguage(option: 'Suomi' | 'English' | 'Svenska'): Promise<void> {
    await this.page.locator('.board-status').getByRole('combobox', { name: /^(Language|Kieli)$/ }).selectOption({ label: option })
  }

  /** Every card's filing, "journey / stage / lane", by card id: what the action plan, the CSV and the PDF group cards by. */
  cardPlacements(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const filed: Record<string, string> = {}
      for (const shape of window.kuilu!.editor.getCurrentPageShapes()) {
        const props = shape.props as { journeyId?: string; stageId?: string; laneId?: string }
        if (shape.type !== 'journey' && props.journeyId !== undefined) filed[shape.id] = `${props.journeyId} / ${props.stageId} / ${props.laneId}`
      }
      return filed
    })
  }

  /** Presses the mouse at one point of the screen, drags it in steps to another, and lets go, as a hand does. */
  async dragOnScreen(from: ScreenPoint, to: ScreenPoint): Promise<void> {
    await this.approach(from)
    await this.page.mouse.down()
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 })
    await this.page.mouse.move(to.x, to.y, { steps: 6 })
    await this.page.mouse.up()
  }

  /** A button of tldraw's main toolbar by its accessible name, e.g. /^Gap\b/ or /^Valitse\b/. */
  toolButton(name: RegExp) {
    return this.page.getByRole('toolbar', { name: /^(Tools|Työkalut)$/ }).getByRole('button', { name })
  }
}
