import { randomUUID } from 'node:crypto'
import type { Role } from '../../shared/rules/roles.js'
import type { Result } from '../../shared/result.js'
import { isTemplateName, templateTitle, type TemplateName } from '../../shared/templates/templates.js'
import type { BoardService } from '../boards/BoardService.js'
import { checkInvite } from './authorize.js'
import { signInvite, type InviteClaims } from './inviteTokens.js'
import type { InviteLink, Workshop, WorkshopBoard, WorkshopLanguage, WorkshopStore } from './WorkshopStore.js'

/** Invite links last 30 days unless the facilitator says otherwise. */
export const DEFAULT_LINK_DAYS = 30
const ROLES: Role[] = ['facilitator', 'participant', 'viewer']

/** A link as the facilitator sees it: its URL carries the signed token. */
export interface LinkView {
  id: string
  role: Role
  url: string
  expiresAt: number
  isRevoked: boolean
}

/** What creating a workshop answers. */
export interface CreatedWorkshop {
  id: string
  boards: string[]
  links: Record<Role, string>
}

/** Workshops, their boards and invite links; the API's token checks. */
export interface WorkshopService {
  create(input: { title: string; language: WorkshopLanguage; template?: TemplateName }, origin: string): Promise<CreatedWorkshop>
  /** Checks an API caller's token for a workshop and, optionally, a role. */
  authorizeApi(workshopId: string, token: string | null, role?: Role): Promise<Result<InviteClaims>>
  /** The workshop as the caller's link may see it: its boards with their names for everyone, its links for the facilitator. */
  describe(workshopId: string, claims: InviteClaims, origin: string): Promise<WorkshopView>
  /** The workshop a board belongs to, or null for an open board. */
  workshopOfBoard(boardId: string): Promise<string | null>
  /** Adds a board (named after its template) and tells everyone on the workshop's boards. */
  addBoard(workshopId: string, template: string | null): Promise<string>
  /** Tells everyone on the workshop's boards that its board list changed (a board imported into it). */
  boardsChanged(workshopId: string): Promise<void>
  revokeLink(workshopId: string, linkId: string): Promise<boolean>
  rotateLink(workshopId: string, linkId: string, origin: string): Promise<LinkView | null>
  setLinkExpiry(workshopId: string, linkId: string, expiresAt: number, origin: string): Promise<LinkView | null>
}

/** `GET /api/workshops/<id>`: the workshop, the caller's role, the boards in list order, and (facilitator only) the links. */
export interface WorkshopView {
  workshop: Workshop
  role: Role
  boards: WorkshopBoard[]
  links: LinkView[]
}

/** Dependencies of the workshop service. */
export interface WorkshopServiceDeps {
  store: WorkshopStore
  boards: BoardService
  secret: string
  now: () => number
  /** The open connections of a link: closed when it is revoked, re-timed when its expiry changes. */
  links: { revoked(linkId: string): void; expiryChanged(linkId: string, expiresAt: number): void }
  /** The workshop's board list changed: tell everyone on its boards. */
  boardsChanged(workshopId: string): Promise<void>
}

/** Creates the workshop service over its store. */
export function createWorkshopService(deps: WorkshopServiceDeps): WorkshopService {
  const { store, secret, now } = deps
  const urlOf = (origin: string, boardId: string, link: InviteLink): string =>
    `${origin}/b/${boardId}?token=${signInvite(secret, { workshopId: link.workshopId, role: link.role, expiresAt: link.expiresAt, linkId: link.id })}`
  const newLink = (workshopId: string, role: Role, expiresAt: number): InviteLink => ({ id: randomUUID(), workshopId, role, expiresAt, revokedAt: null, createdAt: now() })
  const view = async (origin: string, link: InviteLink): Promise<LinkView> => ({
    id: link.id,
    role: link.role,
    url: urlOf(origin, (await store.listBoards(link.workshopId))[0], link),
    expiresAt: link.expiresAt,
    isRevoked: link.revokedAt !== null,
  })
  const linkOf = async (workshopId: string, linkId: string): Promise<InviteLink | null> => {
    const link = await store.getLink(linkId)
    return link && link.workshopId === workshopId ? link : null
  }

  return {
    async create(input, origin) {
      const workshop: Workshop = { id: randomUUID(), title: input.title, language: input.language, createdAt: now() }
      const expiresAt = now() + DEFAULT_LINK_DAYS * 86_400_000
      const links = ROLES.map((role) => newLink(workshop.id, role, expiresAt))
      const template = input.template ?? 'customer-journey'
      const boardId = await deps.boards.create({ content: { kind: 'template', template, language: input.language }, workshop: { id: workshop.id, create: { workshop, links } } })
      await store.renameBoard(boardId, templateTitle(template, input.language))
      return { id: workshop.id, boards: [boardId], links: Object.fromEntries(links.map((link) => [link.role, urlOf(origin, boardId, link)])) as Record<Role, string> }
    },
    async authorizeApi(workshopId, token, role) {
      const invite = await checkInvite(store, secret, workshopId, token, now())
      if (!invite.ok) return invite
      if (role && invite.value.role !== role) return { ok: false, reason: 'facilitatorOnly' }
      return invite
    },
    async describe(workshopId, claims, origin) {
      const workshop = await store.getWorkshop(workshopId)
      if (!workshop) throw new Error(`workshop ${workshopId} vanished after its token was checked`)
      const boards = await store.listWorkshopBoards(workshopId)
      const links = claims.role === 'facilitator' ? await Promise.all((await store.listLinks(workshopId)).map((link) => view(origin, link))) : []
      return { workshop, role: claims.role, boards, links }
    },
    workshopOfBoard: (boardId) => store.workshopOfBoard(boardId),
    boardsChanged: (workshopId) => deps.boardsChanged(workshopId),
    async addBoard(workshopId, template) {
      const workshop = await store.getWorkshop(workshopId)
      const content = template && isTemplateName(template) && workshop ? { kind: 'template' as const, template, language: workshop.language } : { kind: 'empty' as const, language: workshop?.language }
      const boardId = await deps.boards.create({ content, workshop: { id: workshopId } })
      // Named after its template, so the board list reads at once; the facilitator renames it at will.
      if (content.kind === 'template') await store.renameBoard(boardId, templateTitle(content.template, content.language))
      await deps.boardsChanged(workshopId)
      return boardId
    },
    async revokeLink(workshopId, linkId) {
      if (!(await linkOf(workshopId, linkId))) return false
      await store.revokeLink(linkId, now())
      deps.links.revoked(linkId)
      return true
    },
    async rotateLink(workshopId, linkId, origin) {
      const link = await linkOf(workshopId, linkId)
      if (!link) return null
      await store.revokeLink(linkId, now())
      deps.links.revoked(linkId)
      const fresh = newLink(workshopId, link.role, Math.max(link.expiresAt, now() + DEFAULT_LINK_DAYS * 86_400_000))
      await store.createLink(fresh)
      return view(origin, fresh)
    },
    async setLinkExpiry(workshopId, linkId, expiresAt, origin) {
      const link = await linkOf(workshopId, linkId)
      if (!link) return null
      await store.setLinkExpiry(linkId, expiresAt)
      deps.links.expiryChanged(linkId, expiresAt)
      return view(origin, { ...link, expiresAt })
    },
  }
}
