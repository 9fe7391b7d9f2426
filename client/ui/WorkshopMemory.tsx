import { useEffect } from 'react'
import type { Role } from '../../shared/rules/roles.js'
import { rememberWorkshop } from './recentWorkshops.js'

/** What `GET /api/boards/<board>/workshop` answers that this device keeps. */
interface BoardWorkshop {
  workshop: { id: string; title: string }
  role: Role
}

/**
 * Remembers, on this device, the workshop of a board opened with an invite
 * link: its title, the link's role and token, so the home page lists it and
 * opens it again. Asks the server which workshop the board belongs to with
 * the same token, so only a token the server accepts is kept. Renders nothing.
 */
export function WorkshopMemory({ boardId, token }: { boardId: string; token: string }) {
  useEffect(() => {
    const controller = new AbortController()
    void (async () => {
      const response = await fetch(`/api/boards/${boardId}/workshop`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
      if (!response.ok) return
      const body = (await response.json()) as BoardWorkshop
      rememberWorkshop({ workshopId: body.workshop.id, title: body.workshop.title, role: body.role, token, boardId, openedAt: Date.now() })
    })().catch(() => {
      // Offline, or the page closed first: this visit is simply not remembered.
    })
    return () => controller.abort()
  }, [boardId, token])
  return null
}
