/** What can take the keyboard's focus, in the order a fallback looks for it. */
const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]'

/** Whether an element can hold focus now: connected, shown, enabled, and not taken out of the tab order by `inert` or `aria-hidden`. */
export function canHoldFocus(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false
  if (element.matches(':disabled') || element.closest('[inert], [aria-hidden="true"]')) return false
  return element.getClientRects().length > 0
}

/** The first element in `root` (itself included) that can hold focus, preferring a marked fallback (`data-focus-fallback`, e.g. a panel's heading). */
function firstFocusable(root: Element): HTMLElement | null {
  const marked = root.querySelector('[data-focus-fallback]')
  if (canHoldFocus(marked)) return marked
  if (root.matches(FOCUSABLE) && canHoldFocus(root)) return root
  return [...root.querySelectorAll(FOCUSABLE)].find(canHoldFocus) ?? null
}

/**
 * Keeps the keyboard's place when the focused control disappears or is
 * disabled under it (a button that a round's close removes, a form replaced
 * by its result, a notice dismissed): without this the browser drops focus
 * to <body>, and a keyboard or screen reader user starts again from the top
 * of the page. Focus moves to the nearest place that still exists, walking
 * up from where it was: the first control (or marked fallback) in the
 * closest surviving container. A blur the person caused (a click elsewhere,
 * leaving the window) is left alone: the element that lost focus is still
 * there and usable. Specific places (a panel's trigger, a card after
 * editing) are chosen where they happen; this is the net under them.
 * Returns the function that stops it.
 */
export function keepFocusOffBody(doc: Document = document): () => void {
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget || !(event.target instanceof HTMLElement)) return
    const lost = event.target
    // Read now: once the element is removed, its ancestors can no longer be found from it.
    const ancestors: Element[] = []
    for (let node = lost.parentElement; node; node = node.parentElement) ancestors.push(node)
    queueMicrotask(() => {
      const active = doc.activeElement
      if (active && active !== doc.body) return
      if (canHoldFocus(lost)) return
      for (const ancestor of ancestors) {
        if (!ancestor.isConnected) continue
        const target = firstFocusable(ancestor)
        if (target) return void target.focus({ preventScroll: true })
      }
    })
  }
  doc.addEventListener('focusout', onFocusOut)
  return () => doc.removeEventListener('focusout', onFocusOut)
}
