const KEY = 'kuilu-recent-boards'
const MAX = 20

/** A board this device opened, for the home page list. */
export interface RecentBoard {
  id: string
  openedAt: number
}

/** Boards opened on this device, newest first. */
export function readRecentBoards(storage: Pick<Storage, 'getItem'> = localStorage): RecentBoard[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    if (!Array.isArray(value)) return []
    return value.filter((item): item is RecentBoard => typeof item?.id === 'string' && typeof item?.openedAt === 'number')
  } catch {
    return []
  }
}

/** Moves a board to the top of the recent list. */
export function rememberBoard(id: string, now = Date.now(), storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const rest = readRecentBoards(storage).filter((board) => board.id !== id)
  storage.setItem(KEY, JSON.stringify([{ id, openedAt: now }, ...rest].slice(0, MAX)))
}
