import { useEffect, useState, useSyncExternalStore } from 'react'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type Signal, type TLStore, type TLUser } from 'tldraw'
import { openBoard, type BoardHandle, type BoardState } from '../sync/openBoard.js'
import { EMPTY_WORKSHOP } from '../sync/workshopState.js'
import { useSettings } from '../ui/useSettings.js'
import { cardShapeUtils } from './shapeUtils.js'

const LOADING: BoardState = { phase: 'loading', deniedCode: null, workshop: EMPTY_WORKSHOP, saveStatus: 'offline', quarantined: [] }
const noop = () => () => {}

/** The invite token of the link this page was opened with, if any. */
export function inviteToken(): string | null {
  return new URLSearchParams(location.search).get('token')
}

/**
 * Opens the board for as long as the component is mounted; returns its
 * store, live state and handle. A change of name reconnects, because the
 * server binds the name to the connection when it opens.
 */
export function useBoard(boardId: string, $user: Signal<TLUser>): { store: TLStore; state: BoardState; handle: BoardHandle | null } {
  const [store] = useState(() => createTLStore({ shapeUtils: [...defaultShapeUtils, ...cardShapeUtils], bindingUtils: defaultBindingUtils }))
  const [handle, setHandle] = useState<BoardHandle | null>(null)
  const name = useSettings((settings) => settings.name)
  const userId = useSettings((settings) => settings.userId)
  useEffect(() => {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const token = inviteToken()
    const params: Record<string, string> = { person: userId.replace(/[^A-Za-z0-9_-]/g, ''), name, ...(token ? { token } : {}) }
    const opened = openBoard({ boardId, syncUrl: `${protocol}//${location.host}/sync`, store, $user, params })
    setHandle(opened)
    return () => opened.close()
  }, [boardId, store, $user, name, userId])
  const state = useSyncExternalStore(handle?.subscribe ?? noop, () => handle?.getState() ?? LOADING)
  return { store, state, handle }
}
