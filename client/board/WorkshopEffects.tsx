import { useEffect } from 'react'
import { InstancePresenceRecordType, useEditor } from 'tldraw'
import { isReadOnly } from '../sync/workshopState.js'
import { useBoardContext } from './BoardContext.js'

/**
 * Applies what the server says to the editor: read-only for viewers and on a
 * locked board, "bring everyone here", and following the facilitator's view.
 * The server enforces the same rules; this only makes the UI honest about them.
 */
export function WorkshopEffects() {
  const editor = useEditor()
  const { state, handle } = useBoardContext()
  const workshop = state.workshop
  const isReadonly = isReadOnly(workshop)
  const isFacilitator = workshop.session?.role === 'facilitator'

  useEffect(() => {
    editor.updateInstanceState({ isReadonly })
    if (isReadonly) editor.setCurrentTool('select')
  }, [editor, isReadonly])

  useEffect(() => {
    if (!handle) return
    return handle.onSummon((bounds) => editor.zoomToBounds(bounds, { animation: { duration: 400 } }))
  }, [editor, handle])

  const { isOn, facilitatorClientId } = workshop.follow
  useEffect(() => {
    if (isFacilitator || !isOn || facilitatorClientId === null) return
    const presence = editor.store.get(InstancePresenceRecordType.createId(String(facilitatorClientId)))
    if (!presence) return
    editor.startFollowingUser(presence.userId)
    return () => void editor.stopFollowingUser()
  }, [editor, isFacilitator, isOn, facilitatorClientId])
  return null
}
