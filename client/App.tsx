import { useEffect } from 'react'
import { BoardPage } from './board/BoardPage.js'
import { HomePage } from './HomePage.js'
import { boardIdOfPath, pageInviteToken } from './ui/inviteTokens.js'
import { keepFocusOffBody } from './ui/keepFocus.js'
import { WorkshopMemory } from './ui/WorkshopMemory.js'

/** Routes by path: /b/<boardId> is a board (a workshop's, opened with an invite token now or before, is remembered on this device), anything else the home page; on both, focus never drops to <body> under the keyboard (keepFocus.ts). */
export function App() {
  useEffect(() => keepFocusOffBody(), [])
  const boardId = boardIdOfPath(location.pathname)
  if (!boardId) return <HomePage />
  const token = pageInviteToken()
  return (
    <>
      <BoardPage key={boardId} boardId={boardId} />
      {token && <WorkshopMemory key={`${boardId}:${token}`} boardId={boardId} token={token} />}
    </>
  )
}
