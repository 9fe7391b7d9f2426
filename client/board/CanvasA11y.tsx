import { useEffect, useLayoutEffect } from 'react'
import { react, useA11y, useEditor, type Editor, type TLShapeId } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT } from '../../shared/schema/cards.js'
import { canHoldFocus } from '../ui/keepFocus.js'
import { useT } from '../ui/useSettings.js'

/**
 * After a shape stops being edited: the keyboard is on the canvas with the
 * shape still selected (Enter opens it again, arrows move it), never on
 * <body> where the field that had it was removed; and a screen reader hears
 * which card it is back on, since the selection, which tldraw announces, did
 * not change.
 */
function returnFromEditing(editor: Editor, shapeId: TLShapeId, announce: (text: string) => void): void {
  // After React has taken the card's fields away: whatever had focus in them is gone by then.
  editor.timers.requestAnimationFrame(() => {
    const container = editor.getContainer()
    const active = container.ownerDocument.activeElement
    if (!canHoldFocus(active) || active === container.ownerDocument.body) container.focus({ preventScroll: true })
    const shape = editor.getShape(shapeId)
    if (!shape || !editor.getSelectedShapeIds().includes(shapeId)) return
    const said = editor.getShapeUtil(shape).getAriaDescriptor(shape)
    if (said) announce(said)
  })
}

/** Our tools that place a shape: Enter on the canvas places one (tools.ts). */
const PLACING_TOOLS = new Set<string>([JOURNEY, TOUCHPOINT, GAP, ELEVATOR])

/**
 * A placing tool chosen on tldraw's toolbar with the keyboard leaves focus on
 * the toolbar's button, where Enter would only choose it again: the keyboard
 * goes to the canvas, where Enter places the shape.
 */
function followChosenTool(editor: Editor): void {
  if (!PLACING_TOOLS.has(editor.getCurrentToolId())) return
  const active = editor.getContainer().ownerDocument.activeElement
  if (active?.closest('.tlui-toolbar, .tlui-main-toolbar')) editor.getContainer().focus({ preventScroll: true })
}

/**
 * The canvas for keyboards and screen readers: its region is named for what
 * it is ("Board canvas", not tldraw's brand, which its container takes from
 * an option that would rebuild the editor on each change of language, so the
 * name is set on the element), focus comes back to it after editing, and
 * goes to it when a placing tool is chosen on the toolbar.
 */
export function CanvasA11y() {
  const editor = useEditor()
  const t = useT()
  const a11y = useA11y()
  const label = t('canvasLabel')
  useLayoutEffect(() => editor.getContainer().setAttribute('aria-label', label), [editor, label])
  // The name dialog may have closed while the board was still loading, leaving the keyboard on the page: the canvas takes it.
  useEffect(() => {
    const container = editor.getContainer()
    const active = container.ownerDocument.activeElement
    if (!active || active === container.ownerDocument.body || active === container.closest('main')) container.focus({ preventScroll: true })
  }, [editor])
  useEffect(() => {
    let editing = editor.getEditingShapeId()
    return react('return from editing', () => {
      const now = editor.getEditingShapeId()
      if (editing && !now) returnFromEditing(editor, editing, (msg) => a11y.announce({ msg, priority: 'polite' }))
      editing = now
    })
  }, [editor, a11y])
  useEffect(() => react('keyboard follows a chosen tool', () => followChosenTool(editor)), [editor])
  return null
}
