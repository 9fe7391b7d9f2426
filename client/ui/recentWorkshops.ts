import type { Role } from '../../shared/rules/roles.js'

const KEY = 'kuilu-workshops'
const MAX = 30
const ROLES: readonly string[] = ['facilitator', 'participant', 'viewer']

/** A workshop this device joined or created: enough to open it again with the same link's token. */
export interface RecentWorkshop {
  workshopId: string
  title: string
  role: Role
  /** The invite token it was opened with; the same token opens every board of the workshop. */
  token: string
  /** The board it was last opened on. */
  boardId: string
  openedAt: number
}

function isRecentWorkshop(item: unknown): item is RecentWorkshop {
  if (typeof item !== 'object' || item === null) return false
  const entry = item as Record<string, unknown>
  return (
    typeof entry.workshopId === 'string' &&
    typeof entry.title === 'string' &&
    ROLES.includes(entry.role as string) &&
    typeof entry.token === 'string' &&
    typeof entry.boardId === 'string' &&
    typeof entry.openedAt === 'number'
  )
}

/** This device's workshops, newest first; one entry per workshop and role. */
export function readRecentWorkshops(storage: Pick<Storage, 'getItem'> = localStorage): RecentWorkshop[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(value) ? value.filter(isRecentWorkshop) : []
  } catch {
    return []
  }
}

/** Puts a workshop at the top of the list, replacing its entry for the same role (a rotated link's new token wins). */
export function rememberWorkshop(workshop: RecentWorkshop, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const rest = readRecentWorkshops(storage).filter((entry) => entry.workshopId !== workshop.workshopId || entry.role !== workshop.role)
  storage.setItem(KEY, JSON.stringify([workshop, ...rest].slice(0, MAX)))
}
