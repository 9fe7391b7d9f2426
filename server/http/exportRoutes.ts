import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { actionPlanCsv, type CsvLanguage } from '../../shared/export/actionPlanCsv.js'
import { isLanguage, LANGUAGES } from '../../shared/language.js'
import { exportBoard } from '../../shared/export/boardJson.js'
import { ACTION_PLAN_SORTS, buildActionPlan, type ActionPlanSort, type PlanShape } from '../../shared/rules/actionPlan.js'
import type { Role } from '../../shared/rules/roles.js'
import { checkShowableRound, shownRound } from '../../shared/rules/shownRound.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import { refuse, type Result } from '../../shared/result.js'
import { isBoardId } from '../../shared/schema/boardId.js'
import { readBoardRecords } from '../../shared/schema/readBoardRecords.js'
import type { SkippedEntry } from '../../shared/schema/readRecordEntries.js'
import type { Logger } from '../log.js'
import { warnSkippedRecords } from '../rooms/warnSkippedRecords.js'
import type { DocStorage } from '../storage/DocStorage.js'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import type { WorkshopStore } from '../workshops/WorkshopStore.js'
import { json, sendRefusal, tokenOf } from './httpUtil.js'
import { importBoard, type ImportDeps } from './importBoard.js'

/** What the export routes read: stored documents, the voting tables, and the token check. Null workshop parts mean every board is open. */
export interface ExportRouteDeps extends ImportDeps {
  docs: DocStorage
  workshops: WorkshopStore | null
  service: WorkshopService | null
}

const BOARD_EXPORT_PATH = /^\/api\/boards\/([^/]+)\/(action-plan\.json|action-plan\.csv|export\.json)$/
const IMPORT_PATH = '/api/boards/import'

/** Who may read a board: its workshop (null for an open board), the caller's role there, and the workshop's language. */
interface Access {
  workshopId: string | null
  role: Role | null
  language: CsvLanguage
}

/**
 * Export and import over HTTP, for automation and for moving boards:
 * `GET /api/boards/<id>/action-plan.json`, `…/action-plan.csv?lang=&sort=&round=`,
 * `…/export.json`, and `POST /api/boards/import`. Everything is built from
 * the stored document and the voting tables, never from a live room: what is
 * stored is what was committed (DESIGN.md invariant 1). A workshop board
 * needs a valid invite token of any role (`Authorization: Bearer` or
 * `?token=`); an open board needs none, as its id is the capability.
 * An import creates a new board: an open one, whose rounds are counted in the
 * answer (`roundsSkipped`) but not stored as it has no workshop to hold them;
 * or, with `?workshop=<id>` and that workshop's facilitator token, a board of
 * the workshop that gets the file's rounds and ballots back (`roundsImported`).
 * Returns false when the path is not one of these.
 */
export async function handleExportRoute(deps: ExportRouteDeps, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const method = request.method ?? 'GET'
  if (url.pathname === IMPORT_PATH) {
    if (method !== 'POST') return sendRefusal(response, 'methodNotAllowed'), true
    await importBoard(deps, request, response, url)
    return true
  }
  const match = BOARD_EXPORT_PATH.exec(url.pathname)
  if (!match) return false
  const [, boardId, what] = match
  if (method !== 'GET') return sendRefusal(response, 'methodNotAllowed'), true
  if (!isBoardId(boardId) || !(await deps.docs.getBoard(boardId))) return sendRefusal(response, 'boardNotFound'), true
  const access = await authorize(deps, boardId, request, url)
  if (!access.ok) return sendRefusal(response, access), true
  if (what === 'export.json') await sendExport(deps, boardId, access.value, response)
  else await sendActionPlan(deps, boardId, access.value, url, response, what === 'action-plan.csv' ? 'csv' : 'json')
  return true
}

/** The token check of every workshop call; a token valid for another workshop is a 403, a missing or bad one a 401. */
async function authorize(deps: ExportRouteDeps, boardId: string, request: IncomingMessage, url: URL): Promise<Result<Access>> {
  const store = deps.workshops
  const workshopId = store ? await store.workshopOfBoard(boardId) : null
  if (!store || workshopId === null) return { ok: true, value: { workshopId: null, role: null, language: 'en' } }
  if (!deps.service) return refuse('internal', { detail: 'this server cannot check workshop tokens' })
  const claims = await deps.service.authorizeApi(workshopId, tokenOf(request, url))
  if (!claims.ok) return claims
  const workshop = await store.getWorkshop(workshopId)
  return { ok: true, value: { workshopId, role: claims.value.role, language: workshop?.language ?? 'en' } }
}

async function sendActionPlan(deps: ExportRouteDeps, boardId: string, access: Access, url: URL, response: ServerResponse, as: 'json' | 'csv'): Promise<void> {
  const sort = url.searchParams.get('sort') ?? 'impact'
  if (!(ACTION_PLAN_SORTS as readonly string[]).includes(sort)) return sendRefusal(response, refuse('badRequest', { detail: `sort must be one of: ${ACTION_PLAN_SORTS.join(', ')}` }))
  const lang = url.searchParams.get('lang') ?? access.language
  if (!isLanguage(lang)) return sendRefusal(response, refuse('badRequest', { detail: `lang must be one of: ${LANGUAGES.join(', ')}` }))
  const tally = await roundTally(deps, boardId, access, url.searchParams.get('round'))
  if (!tally.ok) return sendRefusal(response, tally)
  const { round, votes } = tally.value
  const { records } = await readStoredBoard(deps.docs, boardId)
  const shapes = records.filter((record) => record.typeName === 'shape') as unknown as PlanShape[]
  const sortBy = sort as ActionPlanSort
  const plan = buildActionPlan(shapes, { sortBy, votes })
  if (as === 'json') return json(response, 200, { boardId, sortBy, round: round && { id: round.id, state: round.state }, votes: votes ?? null, plan })
  response.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="action-plan-${boardId}.csv"`,
    'cache-control': 'no-store',
  })
  response.end(actionPlanCsv(plan, { language: lang, votes }))
}

/**
 * Votes per card from one round: the one `?round=<id>` names (a vote round
 * of this board whose results are revealed or closed), else the round the
 * board shows (the facilitator's choice, else the latest revealed or closed
 * round with ballots; see shared/rules/shownRound.ts). Open boards have none.
 */
async function roundTally(deps: ExportRouteDeps, boardId: string, access: Access, asked: string | null): Promise<Result<{ round: Round | null; votes: Record<string, number> | undefined }>> {
  const store = deps.workshops
  if (!store || access.workshopId === null) return asked === null ? { ok: true, value: { round: null, votes: undefined } } : refuse('roundNotFound')
  const now = Date.now()
  let round: Round | null
  if (asked !== null) {
    const showable = checkShowableRound(await store.getRound(asked), boardId, now)
    if (!showable.ok) return showable
    round = showable.value
  } else {
    const rounds = await store.listRounds(boardId)
    const ballots = new Map(await Promise.all(rounds.map(async (r) => [r.id, r.kind === 'vote' ? (await store.listVotes(r.id)).length : 0] as const)))
    round = shownRound({ rounds, ballotsOf: (r) => ballots.get(r.id) ?? 0, chosenId: await store.getShownRound(boardId), now }).round
  }
  if (!round) return { ok: true, value: { round: null, votes: undefined } }
  const votes: Record<string, number> = {}
  for (const vote of await store.listVotes(round.id)) votes[vote.cardId] = (votes[vote.cardId] ?? 0) + 1
  return { ok: true, value: { round, votes } }
}

async function sendExport(deps: ExportRouteDeps, boardId: string, access: Access, response: ServerResponse): Promise<void> {
  const { records, schema } = await readStoredBoard(deps.docs, boardId)
  const store = deps.workshops
  const rounds =
    store && access.workshopId !== null
      ? await Promise.all((await store.listRounds(boardId)).map(async (round) => ({ round, votes: await store.listVotes(round.id), scores: await store.listScores(round.id) })))
      : undefined
  const body = exportBoard({ records, schema, rounds, exportedAt: Date.now(), viewerRole: access.role ?? undefined })
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="board-${boardId}.json"`,
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

/**
 * The board's valid records and their schema as committed to storage, read
 * into a throwaway Y.Doc (the last entry of a key wins, as in YKeyValue). A
 * bad stored entry is left out and logged to `log` when one is given, so one
 * broken record cannot make an export or an action plan fail.
 */
async function readStoredBoard(docs: DocStorage, boardId: string, log?: Pick<Logger, 'warn'>): Promise<{ records: TLRecord[]; schema: SerializedSchema }> {
  const stored = await docs.loadDoc(boardId)
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    const skipped: SkippedEntry[] = []
    const board = readBoardRecords(doc, (entry) => skipped.push(entry))
    warnSkippedRecords(log, skipped, { room: boardId, what: 'export' })
    return board
  } finally {
    doc.destroy()
  }
}
