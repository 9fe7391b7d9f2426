import { BoardPage } from './board/BoardPage.js'
import { HomePage } from './HomePage.js'
import { pageInviteToken } from './ui/recentBoards.js'
import { WorkshopMemory } from './ui/WorkshopMemory.js'

/** Routes by path: /b/<boardId> is a board (a workshop's, when opened with an invite token, is remembered on this device), anything else the home page. */
export function App() {
  const match = /^\/b\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)
  if (!match) return <HomePage />
  const token = pageInviteToken()
  return (
    <>
      <BoardPage key={match[1]} boardId={match[1]} />
      {token && <WorkshopMemory key={`${match[1]}:${token}`} boardId={match[1]} token={token} />}
    </>
  )
}
