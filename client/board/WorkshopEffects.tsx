import { useEffect, useRef, useState } from 'react'
import { useEditor, useValue, type Editor } from 'tldraw'
import type { BoardHandle } from '../sync/openBoard.js'
import { isReadOnly, type WorkshopState } from '../sync/workshopState.js'
import { useBoardContext } from './BoardContext.js'
import { followFacilitator, isLeading } from './followMe.js'

/**
 * Applies what the server says to the editor: read-only for viewers and on a
 * locked board, "bring everyone here", and following the facilitator's view
 * (and, on the facilitator's side, announcing it). The server enforces the
 * same rules; this only makes the UI honest about them.
 */
export function WorkshopEffects() {
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const workshop = state.workshop
  const isFacilitator = workshop.session?.role === 'facilitator'
  useReadOnly(editor, workshop)
  useSummon(editor, handle)
  useFollowing(editor, workshop, isFacilitator)
  useLeading(editor, workshop, handle, isFacilitator)
  return null
}

/** Read-only editor for viewers and on a locked board; our own edit controls read the same flag (`editor.getIsReadonly()`). */
function useReadOnly(editor: Editor, workshop: WorkshopState): void {
  const isReadonly = isReadOnly(workshop)
  useEffect(() => {
    editor.updateInstanceState({ isReadonly })
    if (isReadonly) editor.setCurrentTool('select')
  }, [editor, isReadonly])
}

/** "Bring everyone here": zooms to the facilitator's view, unless this person already follows it (a zoom would end the following). */
function useSummon(editor: Editor, handle: BoardHandle | null): void {
  useEffect(() => {
    if (!handle) return
    return handle.onSummon((bounds) => {
      if (editor.getInstanceState().followingUserId === null) editor.zoomToBounds(bounds, { animation: { duration: 400 } })
    })
  }, [editor, handle])
}

/** Everyone but the facilitator follows while Follow me is on, until they leave it (by moving or Esc); a new Follow me brings them back. */
function useFollowing(editor: Editor, workshop: WorkshopState, isFacilitator: boolean): void {
  const { isOn, facilitatorClientId } = workshop.follow
  const [hasLeft, setLeft] = useState(false)
  useEffect(() => {
    if (!isOn) setLeft(false)
  }, [isOn])
  useEffect(() => {
    if (isFacilitator || !isOn || hasLeft || facilitatorClientId === null) return
    const following = followFacilitator(editor, facilitatorClientId, () => setLeft(true))
    return () => following.close()
  }, [editor, isFacilitator, isOn, hasLeft, facilitatorClientId])
}

/**
 * The facilitator's side of Follow me: says it on and off, and while it is
 * on says it again on every people list the server sends (someone arrived,
 * reloaded or left) and after this tab reconnects, because the server tells
 * only the people on the board when the request comes. A repeat changes
 * nothing for those who already follow or have left it.
 */
function useLeading(editor: Editor, workshop: WorkshopState, handle: BoardHandle | null, isFacilitator: boolean): void {
  const isOn = useValue('leading', () => isFacilitator && isLeading(editor), [editor, isFacilitator])
  const wasOn = useRef(false)
  const { session, people } = workshop
  useEffect(() => {
    if (!handle || !session) return
    if (isOn || wasOn.current) handle.request({ type: 'follow', isOn })
    wasOn.current = isOn
  }, [handle, session, isOn, people])
}
