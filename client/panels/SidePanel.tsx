import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { useEditor, type Editor } from 'tldraw'
import { canHoldFocus } from '../ui/keepFocus.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { useT } from '../ui/useSettings.js'

/** The side panels' frames, for "is the keyboard in a panel" questions. */
const PANEL = '[data-side-panel]'

/**
 * Where focus goes back to when a panel closes: what had focus when it
 * opened, or, when it was opened from inside another panel (the action
 * plan's "Export PDF"), what that panel would have gone back to.
 */
function openerOf(active: Element | null): HTMLElement | null {
  if (active?.closest(PANEL)) return useBoardUi.getState().panelOpener
  return active instanceof HTMLElement ? active : null
}

/** Gives focus back to the opener, or to the canvas when the opener is gone; only when the keyboard was in the closing panel (or nowhere). */
function giveFocusBack(editor: Editor, panel: HTMLElement | null, opener: HTMLElement | null): void {
  const active = document.activeElement
  if (panel && active && active !== document.body && !panel.contains(active)) return
  const target = opener && canHoldFocus(opener) && !panel?.contains(opener) ? opener : editor.getContainer()
  target.focus({ preventScroll: true })
}

/**
 * A panel beside the canvas (action plan, workshop, export). Opening it
 * moves focus to its heading, so a screen reader reads where it is and Tab
 * goes on into it; closing it (its ✕, Escape anywhere in it, or its toggle)
 * gives focus back to what opened it. Escape is caught on the panel itself,
 * before the editor's handler on its container would take it to clear the
 * canvas selection and pull focus onto the canvas.
 */
export function SidePanel({ titleId, title, className, testId, onClose, actions, children }: { titleId: string; title: string; className: string; testId: string; onClose: () => void; actions?: ReactNode; children: ReactNode }) {
  const t = useT()
  const editor = useEditor()
  const panelRef = useRef<HTMLElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // Read while rendering, before the heading takes focus.
  const [opener] = useState(() => openerOf(document.activeElement))
  useLayoutEffect(() => {
    const panel = panelRef.current
    useBoardUi.setState({ panelOpener: opener })
    headingRef.current?.focus({ preventScroll: true })
    return () => giveFocusBack(editor, panel, opener)
  }, [editor, opener])
  useEffect(() => {
    const panel = panelRef.current
    if (!panel) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      editor.markEventAsHandled(event)
      onClose()
    }
    panel.addEventListener('keydown', onKeyDown)
    return () => panel.removeEventListener('keydown', onKeyDown)
  }, [editor, onClose])
  return (
    <aside ref={panelRef} className={className} aria-labelledby={titleId} data-testid={testId} data-side-panel="" onPointerDown={(event) => event.stopPropagation()}>
      <header>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} data-focus-fallback="">
          {title}
        </h2>
        {actions}
        <button type="button" className="button" onClick={onClose} aria-label={t('close')} data-testid={`${testId}-close`}>
          ✕
        </button>
      </header>
      {children}
    </aside>
  )
}
