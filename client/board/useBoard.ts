import { useEffect, useState, useSyncExternalStore } from 'react'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type Signal, type TLStore, type TLUser } from 'tldraw'
import { openBoard, type BoardHandle, type BoardState } from '../sync/openBoard.js'
import { cardShapeUtils } from './shapeUtils.js'

const LOADING: BoardState = { phase: 'loading', saveStatus: 'offline', quarantined: [] }
const noop = () => () => {}

/** Opens the board for as long as the component is mounted; returns its store and live state. */
export function useBoard(boardId: string, $user: Signal<TLUser>): { store: TLStore; state: BoardState } {
  const [store] = useState(() => createTLStore({ shapeUtils: [...defaultShapeUtils, ...cardShapeUtils], bindingUtils: defaultBindingUtils }))
  const [handle, setHandle] = useState<BoardHandle | null>(null)
  useEffect(() => {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const opened = openBoard({ boardId, syncUrl: `${protocol}//${location.host}/sync`, store, $user })
    setHandle(opened)
    return () => opened.close()
  }, [boardId, store, $user])
  const state = useSyncExternalStore(handle?.subscribe ?? noop, () => handle?.getState() ?? LOADING)
  return { store, state }
}
