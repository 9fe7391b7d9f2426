import { useLayoutEffect, useRef, type KeyboardEvent, type SyntheticEvent } from 'react'
import { NameForm } from '../ui/NameForm.js'
import { useSettings, useT } from '../ui/useSettings.js'

/**
 * Asks a first-time visitor for the name others will see; prefilled and
 * selected, so Enter keeps it and typing replaces it. A modal <dialog>: the
 * browser makes the board behind it inert (the editor's own autofocus
 * cannot take the keyboard away), Tab wraps round its two controls, and
 * Escape keeps the suggested name. When it closes, focus goes to `returnFocusTo()` (the
 * canvas), not to <body>.
 */
export function NameDialog({ returnFocusTo }: { returnFocusTo: () => HTMLElement | null }) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    dialog.querySelector('input')?.select()
    return () => {
      dialog.close()
      returnFocusTo()?.focus({ preventScroll: true })
    }
  }, [returnFocusTo])
  // Tab wraps round inside the dialog; the browser alone would let it leave for its own toolbar.
  const wrapTab = (event: KeyboardEvent) => {
    const controls = [...(ref.current?.querySelectorAll<HTMLElement>('input, button') ?? [])]
    const [first, last] = [controls[0], controls.at(-1)]
    if (event.key !== 'Tab' || !first || !last) return
    const edge = event.shiftKey ? first : last
    if (document.activeElement !== edge) return
    event.preventDefault()
    ;(event.shiftKey ? last : first).focus()
  }
  const keepSuggestedName = (event: SyntheticEvent) => {
    event.preventDefault()
    const { name, setName } = useSettings.getState()
    setName(name)
  }
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="name-dialog-title" onCancel={keepSuggestedName} onKeyDown={wrapTab}>
      <h2 id="name-dialog-title">{t('welcomeTitle')}</h2>
      <NameForm autoFocus />
    </dialog>
  )
}
