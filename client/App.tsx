import { BoardPage } from './board/BoardPage.js'
import { HomePage } from './HomePage.js'
import { boardIdOfPath, pageInviteToken } from './ui/inviteTokens.js'
import { WorkshopMemory } from './ui/WorkshopMemory.js'

/** Routes by path: /b/<boardId> is a board (a workshop's, opened with an invite token now or before, is remembered on this device), anything else the home page. */
export function App() {
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
