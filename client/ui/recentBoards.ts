import { pageInviteToken } from './inviteTokens.js'

const KEY = 'kuilu-recent-boards'
const MAX = 20

/** A board this device opened, for the home page list; a workshop board keeps the invite token it was opened with. */
export interface RecentBoard {
  id: string
  openedAt: number
  token?: string
}

/** The address that opens a board again from the home page: with its stored token when it has one (the board page takes it out of the address at once). */
export function boardHref(board: { id: string; token?: string | null }): string {
  return board.token ? `/b/${board.id}?token=${encodeURIComponent(board.token)}` : `/b/${board.id}`
}

/** Boards opened on this device, newest first. */
export function readRecentBoards(storage: Pick<Storage, 'getItem'> = localStorage): RecentBoard[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    if (!Array.isArray(value)) return []
    return value.filter((item): item is RecentBoard => typeof item?.id === 'string' && typeof item?.openedAt === 'number' && (item.token === undefined || typeof item.token === 'string'))
  } catch {
    return []
  }
}

/** Moves a board to the top of the recent list, with the token of the link it was opened with (the page's kept token, by default). */
export function rememberBoard(id: string, now = Date.now(), storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage, token = pageInviteToken()): void {
  const rest = readRecentBoards(storage).filter((board) => board.id !== id)
  const entry: RecentBoard = token ? { id, openedAt: now, token } : { id, openedAt: now }
  storage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX)))
}
