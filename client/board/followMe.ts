import { InstancePresenceRecordType, react, type Editor, type TLUserId } from 'tldraw'

/** Where this tab keeps "I asked everyone to follow me": the editor's instance record, session-scoped, so it never enters the board's document and ends with the editor. */
const LEADING_KEY = 'kuiluIsLeading'

/** Whether this tab's facilitator has Follow me on. */
export function isLeading(editor: Editor): boolean {
  return editor.getInstanceState().meta[LEADING_KEY] === true
}

/** Turns this tab's Follow me on or off (what the button shows; the request goes out from WorkshopEffects). */
export function setLeading(editor: Editor, isOn: boolean): void {
  const { meta } = editor.getInstanceState()
  editor.updateInstanceState({ meta: { ...meta, [LEADING_KEY]: isOn } })
}

/**
 * Follows the facilitator's view while Follow me is on, with tldraw's own
 * following: the camera tracks every pan and zoom of the facilitator. The
 * facilitator is found by the Yjs client id the server named in the follow
 * message, then followed by the user id the server stamped on that presence,
 * so a facilitator who reconnects (a new client id, the same person) is
 * still followed. Following starts as soon as that presence arrives and
 * resumes when it comes back after a drop. It ends for good, and `onLeft`
 * is called, when this person moves the camera themselves (tldraw stops
 * following on a pan or zoom), presses Esc, or clicks tldraw's "Stop following".
 */
export function followFacilitator(editor: Editor, facilitatorClientId: number, onLeft: () => void): { close(): void } {
  const presenceId = InstancePresenceRecordType.createId(String(facilitatorClientId))
  let leaderId: TLUserId | null = null
  let isOurs = false
  const isLeaderHere = (): boolean => leaderId !== null && editor.getCollaborators().some((presence) => presence.userId === leaderId)

  const stopReacting = react('follow the facilitator', () => {
    leaderId = editor.store.get(presenceId)?.userId ?? leaderId
    if (!isLeaderHere() || editor.getInstanceState().followingUserId === leaderId) return
    // startFollowingUser first stops any following, which emits 'stop-following': that one is ours, not the person leaving.
    isOurs = true
    try {
      editor.startFollowingUser(leaderId!)
    } finally {
      isOurs = false
    }
  })
  const onStop = (): void => {
    // tldraw also stops when the leader's presence drops (a reconnect): then wait for it to come back.
    if (!isOurs && isLeaderHere()) close(true)
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
  }
  editor.on('stop-following', onStop)
  window.addEventListener('keydown', onKeyDown, true)

  let isClosed = false
  function close(hasLeft: boolean): void {
    if (isClosed) return
    isClosed = true
    stopReacting()
    editor.off('stop-following', onStop)
    window.removeEventListener('keydown', onKeyDown, true)
    if (hasLeft) onLeft()
    else if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
  }
  return { close: () => close(false) }
}
