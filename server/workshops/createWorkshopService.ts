import { randomBytes, randomUUID } from 'node:crypto'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { Role } from '../../shared/rules/roles.js'
import { createBoardId } from '../../shared/schema/boardId.js'
import type { Result } from '../../shared/schema/validateRecord.js'
import { isTemplateName, type TemplateLanguage } from '../../shared/templates/templates.js'
import { templateUpdate } from '../boards/seedFromTemplate.js'
import type { DocStorage } from '../storage/DocStorage.js'
import { authorizeJoin, type JoinResult } from './authorize.js'
import { signInvite, verifyInvite, type InviteClaims } from './inviteTokens.js'
import type { InviteLink, Workshop, WorkshopStore } from './WorkshopStore.js'

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

/** Workshops, their boards and invite links; the connection checks that go with them. */
export interface WorkshopService {
  create(input: { title: string; language: TemplateLanguage }, origin: string): Promise<CreatedWorkshop>
  /** Checks an API caller's token for a workshop and, optionally, a role. */
  authorizeApi(workshopId: string, token: string | null, role?: Role): Promise<Result<InviteClaims>>
  describe(workshopId: string, claims: InviteClaims, origin: string): Promise<{ workshop: Workshop; boards: string[]; links: LinkView[] }>
  addBoard(workshopId: string, template: string | null): Promise<string>
  revokeLink(workshopId: string, linkId: string): Promise<boolean>
  rotateLink(workshopId: string, linkId: string, origin: string): Promise<LinkView | null>
  setLinkExpiry(workshopId: string, linkId: string, expiresAt: number, origin: string): Promise<LinkView | null>
  authorizeJoin(boardId: string, query: URLSearchParams): Promise<JoinResult>
}

/** Dependencies of the workshop service. */
export interface WorkshopServiceDeps {
  store: WorkshopStore
  docs: DocStorage
  secret: string
  now: () => number
  /** Closes the open connections of a revoked link; returns how many. */
  closeLink: (linkId: string, code: CloseCode) => number
}

/** Creates the workshop service over its store. */
export function createWorkshopService(deps: WorkshopServiceDeps): WorkshopService {
  const { store, docs, secret, now } = deps
  const urlOf = (origin: string, boardId: string, link: InviteLink): string =>
    `${origin}/b/${boardId}?token=${signInvite(secret, { workshopId: link.workshopId, role: link.role, expiresAt: link.expiresAt, linkId: link.id })}`
  const newLink = async (workshopId: string, role: Role, expiresAt: number): Promise<InviteLink> => {
    const link: InviteLink = { id: randomUUID(), workshopId, role, expiresAt, revokedAt: null, createdAt: now() }
    await store.createLink(link)
    return link
  }
  const firstBoard = async (workshopId: string) => (await store.listBoards(workshopId))[0]
  const view = async (origin: string, link: InviteLink): Promise<LinkView> => ({
    id: link.id,
    role: link.role,
    url: urlOf(origin, await firstBoard(link.workshopId), link),
    expiresAt: link.expiresAt,
    isRevoked: link.revokedAt !== null,
  })
  const addBoard = async (workshopId: string, template: string | null, language?: TemplateLanguage): Promise<string> => {
    const boardId = createBoardId()
    await docs.createBoard(boardId, now())
    const workshop = await store.getWorkshop(workshopId)
    if (template && isTemplateName(template)) await docs.appendUpdates(boardId, [templateUpdate(template, language ?? workshop?.language ?? 'en')])
    await store.addBoard(workshopId, boardId, (await store.listBoards(workshopId)).length)
    return boardId
  }

  return {
    async create(input, origin) {
      const workshop: Workshop = { id: randomUUID(), title: input.title, language: input.language, createdAt: now() }
      await store.createWorkshop(workshop)
      const boardId = await addBoard(workshop.id, 'customer-journey', input.language)
      const expiresAt = now() + DEFAULT_LINK_DAYS * 86_400_000
      const links = {} as Record<Role, string>
      for (const role of ROLES) links[role] = urlOf(origin, boardId, await newLink(workshop.id, role, expiresAt))
      return { id: workshop.id, boards: [boardId], links }
    },
    async authorizeApi(workshopId, token, role) {
      const verified = verifyInvite(secret, token, now())
      if (!verified.ok) return verified
      if (verified.value.workshopId !== workshopId) return { ok: false, reason: 'invite link is for another workshop' }
      const link = await store.getLink(verified.value.linkId)
      if (!link || link.revokedAt !== null || link.expiresAt <= now()) return { ok: false, reason: 'invite link was revoked or has expired' }
      if (role && verified.value.role !== role) return { ok: false, reason: `only the ${role} can do this` }
      return verified
    },
    async describe(workshopId, claims, origin) {
      const workshop = (await store.getWorkshop(workshopId))!
      const boards = await store.listBoards(workshopId)
      const links = claims.role === 'facilitator' ? await Promise.all((await store.listLinks(workshopId)).map((link) => view(origin, link))) : []
      return { workshop, boards, links }
    },
    addBoard: (workshopId, template) => addBoard(workshopId, template),
    async revokeLink(workshopId, linkId) {
      const link = await store.getLink(linkId)
      if (!link || link.workshopId !== workshopId) return false
      await store.revokeLink(linkId, now())
      deps.closeLink(linkId, CloseCode.inviteRevoked)
      return true
    },
    async rotateLink(workshopId, linkId, origin) {
      const link = await store.getLink(linkId)
      if (!link || link.workshopId !== workshopId) return null
      await store.revokeLink(linkId, now())
      deps.closeLink(linkId, CloseCode.inviteRevoked)
      return view(origin, await newLink(workshopId, link.role, Math.max(link.expiresAt, now() + DEFAULT_LINK_DAYS * 86_400_000)))
    },
    async setLinkExpiry(workshopId, linkId, expiresAt, origin) {
      const link = await store.getLink(linkId)
      if (!link || link.workshopId !== workshopId) return null
      await store.setLinkExpiry(linkId, expiresAt)
      return view(origin, { ...link, expiresAt })
    },
    authorizeJoin: (boardId, query) =>
      authorizeJoin(store, secret, { boardId, token: query.get('token'), personId: query.get('person'), name: query.get('name'), now: now() }, () => randomBytes(16).toString('base64url')),
  }
}
