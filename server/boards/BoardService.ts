import { createBoardId, type BoardId } from '../../shared/schema/boardId.js'
import { blankBoard, buildTemplate, type TemplateLanguage, type TemplateName } from '../../shared/templates/templates.js'
import type { Logger } from '../log.js'
import type { DocStorage, ImportedRound, NewBoard } from '../storage/DocStorage.js'
import type { InviteLink, Workshop } from '../workshops/WorkshopStore.js'
import { initialBoardUpdate } from './initialBoardUpdate.js'

/**
 * What a new board starts with: nothing (with a language, a page named in it,
 * so tldraw does not make one named "Page 1"), a template, or an import's
 * records; and, for a workshop board, its workshop.
 */
export interface BoardRequest {
  content: { kind: 'empty'; language?: TemplateLanguage } | { kind: 'template'; template: TemplateName; language: TemplateLanguage } | { kind: 'records'; records: readonly { readonly id: string }[] }
  workshop?: {
    id: string
    /** A new workshop and its links, created with its first board. */
    create?: { workshop: Workshop; links: readonly InviteLink[] }
    /** Rounds and ballots an import brings back. */
    rounds?: (boardId: BoardId) => readonly ImportedRound[]
  }
}

/** Creates boards: the one way an open board, a workshop board, a template or an import comes to exist. */
export interface BoardService {
  create(request: BoardRequest): Promise<BoardId>
}

/**
 * Creates each board in one storage transaction: the board, its first
 * content, its place in its workshop (with the workshop itself when it is
 * new) and any imported rounds are stored together or not at all, so no
 * half-made board is ever readable.
 */
export function createBoardService(deps: { storage: DocStorage; log: Logger; now: () => number }): BoardService {
  return {
    async create(request) {
      const id = createBoardId()
      const board: NewBoard = {
        id,
        createdAt: deps.now(),
        initialUpdate: initialUpdateOf(request.content),
        workshop: request.workshop ? { id: request.workshop.id, create: request.workshop.create, rounds: request.workshop.rounds?.(id) } : null,
      }
      await deps.storage.createBoard(board)
      deps.log.info('board created', { room: id, content: request.content.kind, workshop: request.workshop?.id })
      return id
    },
  }
}

function initialUpdateOf(content: BoardRequest['content']): Uint8Array | null {
  switch (content.kind) {
    case 'empty':
      return content.language ? initialBoardUpdate(blankBoard(content.language)) : null
    case 'template':
      return initialBoardUpdate(buildTemplate(content.template, content.language))
    case 'records':
      return initialBoardUpdate(content.records)
  }
}
