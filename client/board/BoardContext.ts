import { createContext, useContext } from 'react'
import type { BoardHandle, BoardState } from '../sync/openBoard.js'

/** The open board's state and handle, for components tldraw renders inside its own tree. */
export interface BoardContextValue {
  state: BoardState
  handle: BoardHandle | null
}

/** The open board's context. */
export const BoardContext = createContext<BoardContextValue | null>(null)

/** Reads the open board's context; throws when used outside a board page (a bug). */
export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext outside a board page')
  return value
}
