import { expect } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'

/** Where the page keeps, from its first script on, every moment focus was left on <body>. */
type DropsWindow = { kuiluFocusDrops?: string[] }

/**
 * Runs in every page of a context before its own scripts: notes each time
 * focus leaves an element for nothing and is still on <body> two frames
 * later (once the app has had its chance to put it somewhere), with what
 * had it, so a test can say where the keyboard was lost.
 */
function watchFocusDrops(): void {
  const drops: string[] = ((window as DropsWindow).kuiluFocusDrops = [])
  document.addEventListener(
    'focusout',
    (event) => {
      if ((event as FocusEvent).relatedTarget) return
      const lost = event.target as HTMLElement
      const what = `${lost.tagName.toLowerCase()}${lost.dataset.testid ? `[data-testid=${lost.dataset.testid}]` : ''} "${(lost.getAttribute('aria-label') ?? lost.textContent ?? '').trim().slice(0, 40)}"`
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          // A tab that is not in front gets no focus at all; only a page that has focus can drop it.
          if (document.hasFocus() && (document.activeElement === document.body || document.activeElement === null)) drops.push(what)
        }),
      )
    },
    true,
  )
}

/** The focus ring a stop shows: its outline's width and its contrast with the colour behind the control (WCAG 1.4.11, 3:1). */
export interface FocusRing {
  what: string
  widthPx: number
  contrast: number
}

/** Reads the focused element's ring: outline width and colour, against the first opaque background among its ancestors (white when none). */
function readFocusRing(): FocusRing | null {
  const active = document.activeElement as HTMLElement | null
  if (!active || active === document.body || !document.hasFocus()) return null
  const rgb = (color: string): [number, number, number, number] => {
    const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0]
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts.length > 3 ? parts[3]! : 1]
  }
  const luminance = ([r, g, b]: number[]) => {
    const channel = (value: number) => {
      const c = value / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
  }
  const style = getComputedStyle(active)
  let background: number[] = [255, 255, 255]
  for (let node: HTMLElement | null = active.parentElement; node; node = node.parentElement) {
    const color = rgb(getComputedStyle(node).backgroundColor)
    if (color[3] > 0.5) {
      background = color
      break
    }
  }
  const widthPx = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth)
  const [lighter, darker] = [luminance(rgb(style.outlineColor)), luminance(background)].sort((a, b) => b - a)
  const what = `${active.tagName.toLowerCase()}${active.dataset.testid ? `[data-testid=${active.dataset.testid}]` : ''} "${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 40)}"`
  return { what, widthPx, contrast: (lighter! + 0.05) / (darker! + 0.05) }
}

/** What has the keyboard's focus, as a person would name it: its tag, test id and accessible name. */
export interface Focused {
  tag: string
  testId: string | null
  label: string
  isBody: boolean
  /** False once Tab has left the page for the browser's own controls, past the page's last stop. */
  hasFocus: boolean
}

/**
 * A person who uses only the keyboard: every action here is a key press, and
 * after each step the keyboard must still be somewhere, never on <body>.
 * No mouse call exists in this class.
 */
export class KeyboardOnly {
  constructor(readonly page: Page) {}

  /** Watches every page the context opens for focus dropped to <body> (see `watchFocusDrops`). */
  static async watch(context: BrowserContext): Promise<void> {
    await context.addInitScript(watchFocusDrops)
  }

  /** What has focus now. */
  focused(): Promise<Focused> {
    return this.page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null
      const label = active?.getAttribute('aria-label') ?? active?.textContent?.trim().slice(0, 60) ?? ''
      return { tag: active?.tagName.toLowerCase() ?? '', testId: active?.getAttribute('data-testid') ?? null, label, isBody: !active || active === document.body, hasFocus: document.hasFocus() }
    })
  }

  /** The focused control's ring (null when focus is not on one of the page's elements). */
  focusRing(): Promise<FocusRing | null> {
    return this.page.evaluate(readFocusRing)
  }

  /** Asserts that the focused control shows a ring at least 2 px wide and 3:1 against what is behind it. */
  async expectVisibleRing(step: string): Promise<void> {
    const ring = await this.focusRing()
    if (!ring) return
    expect.soft(ring.widthPx, `${step}: ${ring.what} shows no focus ring`).toBeGreaterThanOrEqual(2)
    expect.soft(ring.contrast, `${step}: ${ring.what}'s focus ring contrast`).toBeGreaterThanOrEqual(3)
  }

  /** Asserts that after a step focus is somewhere, and that it never sat on <body> since the last check; `mayLeavePage` lets Tab go past the page's last stop to the browser. */
  async expectFocusKept(step: string, { mayLeavePage = false } = {}): Promise<Focused> {
    const focused = await this.focused()
    const drops = await this.page.evaluate(() => (window as DropsWindow).kuiluFocusDrops?.splice(0) ?? [])
    expect(drops, `${step}: focus dropped to <body> from`).toEqual([])
    if (!(mayLeavePage && !focused.hasFocus)) expect(focused.isBody, `${step}: focus is on <body>`).toBe(false)
    return focused
  }

  /** Presses a key (or chord) and checks that focus was kept. */
  async press(key: string, step: string): Promise<Focused> {
    await this.page.keyboard.press(key)
    return this.expectFocusKept(`${step} (${key})`)
  }

  /** Types text where the caret is. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
  }

  /** Whether the focused element matches a CSS selector. */
  isFocused(selector: string): Promise<boolean> {
    return this.page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)
  }

  /** Waits until the focused element matches a selector (focus moved by the app after a key, e.g. into a panel that opened). */
  async waitForFocus(selector: string, step: string): Promise<void> {
    await this.page.waitForFunction((wanted) => document.activeElement?.matches(wanted) ?? false, selector)
    await this.expectFocusKept(step)
  }

  /**
   * Presses Tab (or another key: Shift+Tab, or an arrow inside a toolbar,
   * which keeps one tab stop and moves with arrows) until the focused element
   * matches a selector, as a person moves through a page to a control; fails
   * after `max` presses. Every stop on the way must have focus somewhere.
   */
  async tabTo(selector: string, step: string, { max = 120, key = 'Tab' } = {}): Promise<void> {
    for (let presses = 0; presses < max; presses++) {
      if (await this.isFocused(selector)) return
      await this.page.keyboard.press(key)
      await this.expectFocusKept(`${step}, ${key} ${presses + 1}`, { mayLeavePage: true })
      // Every stop a person passes through must show where the keyboard is.
      await this.expectVisibleRing(`${step}, ${key} ${presses + 1}`)
    }
    throw new Error(`${step}: ${max} presses of ${key} did not reach ${selector}; focus is on ${JSON.stringify(await this.focused())}`)
  }
}
