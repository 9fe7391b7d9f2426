import { useEffect, useState, useSyncExternalStore } from 'react'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type Signal, type TLStore, type TLUser } from 'tldraw'
import { INITIAL_BOARD_STATE, openBoard, type BoardHandle, type BoardState } from '../sync/openBoard.js'
import { pageInviteToken } from '../ui/inviteTokens.js'
import { useSettings } from '../ui/useSettings.js'
import { cardShapeUtils } from './shapeUtils.js'

const noop = () => () => {}

/**
 * Opens the board for as long as the component is mounted; returns its
 * store, live state and handle. A change of name reconnects, because the
 * server binds the name to the connection when it opens.
 */
export function useBoard(boardId: string, $user: Signal<TLUser>): { store: TLStore; state: BoardState; handle: BoardHandle | null } {
  const [store] = useState(() => createTLStore({ shapeUtils: [...defaultShapeUtils, ...cardShapeUtils], bindingUtils: defaultBindingUtils }))
  const [handle, setHandle] = useState<BoardHandle | null>(null)
  const name = useSettings((settings) => settings.name)
  useEffect(() => {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const token = pageInviteToken()
    // No person id: the server knows this browser by the credential cookie it set, and names it in the session message.
    const params: Record<string, string> = { name, ...(token ? { token } : {}) }
    const opened = openBoard({ boardId, syncUrl: `${protocol}//${location.host}/sync`, store, $user, params })
    setHandle(opened)
    return () => opened.close()
  }, [boardId, store, $user, name])
  const state = useSyncExternalStore(handle?.subscribe ?? noop, () => handle?.getState() ?? INITIAL_BOARD_STATE)
  return { store, state, handle }
}
