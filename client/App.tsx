import { BoardPage } from './board/BoardPage.js'
import { HomePage } from './HomePage.js'

/** Routes by path: /b/<boardId> is a board, anything else the home page. */
export function App() {
  const match = /^\/b\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)
  return match ? <BoardPage key={match[1]} boardId={match[1]} /> : <HomePage />
}
